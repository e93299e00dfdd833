"""The sample page (``tests/data/seed-page.txt``) as an article: its texts split into the fields.

The page is an English article with Chinese chrome and partly Chinese related articles. Its
Chinese UI strings (image badges, headings, the cookie banner) are page chrome from the
catalogs, not article content, so they are dropped here; what remains goes into the fields:
the images (their captions, each under an "AI-generated" badge), the title, the summary,
four body paragraphs, the reactions paragraph
under "人们在说什么" and the related articles under "相关文章" (the first with its own title,
the others titled by their first sentence), each "reported by AI".
"""

from __future__ import annotations

import re
from typing import Any

from tests.support.samples import sample_page_text

IMAGE_BADGE = "AI 生成的图像"
REPORTED_BADGE = "由 AI 报道"
REACTIONS_HEADING = "人们在说什么"
RELATED_HEADING = "相关文章"
COOKIE_TITLE = "此网站使用 cookie"
# The sample's images: a browser test serves them (nothing is fetched from this host).
IMAGE_HOST = "https://images.example/south-korea-drills"
_FIRST_SENTENCE = re.compile(r"^(.+?[.。])\s*(\S.*)$", re.DOTALL)


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def _is_badge(block: str) -> bool:
    return not block.replace(REPORTED_BADGE, "").replace(IMAGE_BADGE, "").strip()


def _split_caption(block: str) -> str | None:
    """The caption of an image block ("caption" then the image badge on its own line)."""
    lines = block.splitlines()
    if len(lines) > 1 and lines[-1].strip() == IMAGE_BADGE:
        return "\n".join(lines[:-1]).strip()
    return None


def _titled(paragraph: str) -> dict[str, str]:
    found = _FIRST_SENTENCE.match(paragraph)
    if found is None:
        return {"title": paragraph, "summary": ""}
    return {"title": found.group(1), "summary": found.group(2)}


def sample_article(text: str | None = None) -> dict[str, Any]:
    """The article JSON a publisher would POST for the sample page."""
    blocks = _blocks(sample_page_text() if text is None else text)
    blocks = blocks[: next(i for i, b in enumerate(blocks) if b.startswith(COOKIE_TITLE))]
    reactions_at, related_at = blocks.index(REACTIONS_HEADING), blocks.index(RELATED_HEADING)
    captions: list[str] = []
    content: list[str] = []
    for block in blocks[:reactions_at]:
        caption = _split_caption(block)
        if caption is not None:
            captions.append(caption)
        elif not _is_badge(block):
            content.append(block)
    related_blocks: list[str] = []
    for block in blocks[related_at + 1 :]:
        caption = _split_caption(block)
        if caption is not None:
            captions.append(caption)
        elif not _is_badge(block):
            related_blocks.append(block)
    first = {"title": related_blocks[0], "summary": related_blocks[1]}
    return {
        "id": "south-korea-drills",
        "title": content[0],
        "summary": content[1],
        "body": "\n\n".join(content[2:]),
        "images": [
            {"url": f"{IMAGE_HOST}/{number}.jpg", "alt": caption, "caption": caption}
            | {"ai_generated": True}
            for number, caption in enumerate(captions, 1)
        ],
        "reactions": "\n\n".join(blocks[reactions_at + 1 : related_at]),
        "related": [
            item | {"label": "reported_by_ai"}
            for item in [first] + [_titled(block) for block in related_blocks[2:]]
        ],
        "source_url": "https://news.example.com/2025/12/08/south-korea-drills",
        "published_at": "2025-12-07T10:00:00+00:00",
    }
