"""Texts for the document tests: English to translate, one Chinese paragraph to keep."""

ENGLISH = (
    "The committee will publish its annual report next week.",
    "Please read the instructions carefully before you start.",
    "Our new office is close to the central station.",
    "The weather was cold, but the meeting went well.",
)
KEPT = "这个段落已经是中文了，所以应该原样保留。"
TARGET = "zh-Hans"
URL = "https://example.org/guide"
