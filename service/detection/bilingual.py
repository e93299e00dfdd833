"""Bilingual labels: a line that puts a phrase next to its translation is two units, not one.

Menus, headings and buttons often pair a phrase with its translation with nothing but a space
between them ("Related articles 相关文章", "登录 Sign in", "Menu 菜单"). The matrix rule
(``matrix``) would give the whole line to one language and the other half would never be
translated, so such a unit is cut in two before any language is decided. The decision is by
the shape of the line — two complete phrases side by side, not one sentence that borrows words:

1. Runs. The letters form script runs, alphabetic or CJK (Han, kana, Hangul); digits,
   punctuation and spaces do not end a run, URLs and e-mail addresses are not letters.
   Borrowed Latin words belong to the CJK run they touch: a run between two CJK runs that has
   no lowercase word or only borrowed words ("使用 GitHub 登录", "支持 PDF 格式"), and a run
   at either end of the line made of borrowed words only ("Cookie 设置", "接受所有 Cookie",
   "iPhone 用户"). Borrowed words are those of ``LOANWORDS`` (cookie, app, email, Wi-Fi, a few
   brands...), acronyms (all capitals, at most five letters or with a digit: AI, CEO, PDF, 5G),
   CamelCase brands (iPhone, GitHub, OpenAI) and code: words joined by + . _ / # (Ctrl+Enter,
   Node.js).
   Exactly one alphabetic and one CJK run remain, or the line is not a label: more runs are
   code-switching inside one sentence ("这个 feature 我们下周 release", "我们下周 release 这个
   feature"), one run is a CJK sentence with borrowed words ("由 AI 报道 AI 生成的图像").
2. A borrowed word that the English half repeats belongs to the Chinese half: when English
   comes first, its last word moves over if the words before it contain it ("Cookie settings"
   | "Cookie 设置", "AI-generated image" | "AI 生成的图像"); when Chinese comes first, the
   English half's first word moves over if it is borrowed and a capitalised word follows
   ("管理 Cookie" | "Manage cookies").
3. The alphabetic run is an English phrase: it starts with a capital letter or follows a number
   ("Search", "Sign Up", "Breaking News", "3 comments", "2024 annual report"); a lowercase
   start continues a sentence ("登录 to continue", "此网站使用 cookie"). Capitalised words with
   an acronym, a CamelCase brand or code and no lowercase word are names a CJK sentence borrows
   ("OpenAI CEO Sam Altman 表示"). Its last word does not need a complement ("the", "of",
   "with", "is": "Sign in with 微信"), unless a number gives one ("Page 2 of 10").
4. The CJK run is a phrase of at least two CJK characters, and of at most ``MAX_TITLE_CJK``
   when the English half has no lowercase word: a Title Case label translates into a short
   one ("Breaking News 突发新闻"), a name is the subject of a sentence ("New York Times
   报道称，谈判仍在进行中。"). After English it does not open with a particle (的, 吗, を...)
   or a predicate that makes the English its subject (是, 很, 也, 被, 已经, 发布了...: "Python
   是一种编程语言", "Tesla 发布了新车"); before English it does not end with a word that needs
   a complement (的, 是, 使用, 打开...: "打开 Settings"; Japanese を, に...; Korean 을, 를...).
5. Neither run leans on the other: no letter is inside quotes or brackets ('He said "你好"'),
   no comma or semicolon joins them ("欢迎，Ana！" is one sentence), and a half that opens
   with a subject (English I, we, he, she, it, they, the, there; Chinese 我, 我们, 他, 她,
   它... not followed by 的) makes the other half its object unless that half has a subject
   of its own: "I love 火锅", "The app supports 简体中文.", "我喜欢 Python" stay one
   sentence; "We're hiring 我们在招聘", "我的账户 My account" are two.
6. The two runs weigh alike, as a phrase and its translation do: a Han character weighs about
   three letters, kana and Hangul two, and neither side weighs more than ``MAX_WEIGHT_RATIO``
   times the other ("Please read the following terms ... before you continue 条款" is English).
7. The line is short (at most ``MAX_LABEL`` characters): longer units are prose.
8. A CJK phrase (a whole line, or the CJK half of a split one) is cut at a space that
   separates Simplified Chinese from Japanese: one side has a Simplified-only character and no
   Japanese evidence, the other kana or a Japanese-only kanji and no Simplified-only character
   ("相关文章 関連記事", "Related articles 相关文章 関連記事"), so neither takes the other's
   language.

Split: "Related articles 相关文章", "Read our privacy policy 阅读我们的隐私政策", "登录 Sign in",
"English 中文", "Page 2 of 10 第2页，共10页", "Accept all cookies" | "接受所有 Cookie", "Log in
with GitHub" | "使用 GitHub 登录", "ログイン Sign in". Known limits: an English label opening
with "The" reads as a clause ("The latest news 最新消息" stays English); a loanword or an
all-capitals word of up to five letters alone is borrowed ("Email 邮箱", "MENU 菜单" stay
Chinese); a Title Case name outside ``LOANWORDS`` before a Chinese noun phrase reads as
English ("Netflix 会员", "Docker 部署指南" are split); a Chinese clause without a subject
pronoun that ends in a Title Case word is split ("喜欢 Python"); and rule 8 also cuts a
Japanese word quoted after Chinese ("他说 ありがとう").

The cut falls at whitespace between the two halves: after English, at the last space that
follows a letter or digit (the English half keeps the numbers it ends with: "Page 2 of 10" |
"第2页"; Chinese keeps the ones attached to it: "3 comments" | "3条评论"), before English at the
first space; with no space, right before the second half. The two units are trimmed, so
whitespace between them belongs to neither.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .chinese import has_japanese_kanji, has_simplified_only
from .matrix import QUOTED_RE, cjk_weight, mask_addresses
from .scripts import (
    ALPHA_RE,
    ALPHA_WORD_RE,
    CJK_RANGES,
    KANA_RE,
    count_scripts,
    has_alpha,
    has_cjk,
)
from .sentences import Unit, trim

MAX_LABEL = 200
MAX_WEIGHT_RATIO = 4.0
MIN_CJK_CHARS = 2
MAX_TITLE_CJK = 8  # CJK characters next to English without a lowercase word
MAX_ACRONYM = 5

# Latin words Chinese text uses as its own (compared in lowercase); acronyms and CamelCase
# brands need no entry.
# fmt: off
LOANWORDS = frozenset((
    "cookie", "cookies", "app", "apps", "email", "e-mail", "wi-fi", "wifi", "blog", "vlog",
    "logo", "emoji", "ok", "bug", "demo", "google", "apple", "microsoft", "windows", "android",
    "facebook", "twitter", "instagram", "amazon",
))
_OPEN_WORDS = frozenset((
    "a", "an", "the", "of", "to", "for", "with", "from", "by", "at", "as", "into", "onto", "than",
    "and", "or", "but", "nor", "if", "is", "are", "was", "were", "be", "been", "am", "has",
    "have", "had", "do", "does", "did", "can", "could", "will", "would", "should", "may",
    "might", "must", "not", "no", "my", "your", "our", "their", "his", "her", "its", "this",
    "that", "these", "those", "which", "who", "whose", "what", "called", "named", "means",
    "says", "said", "say", "such", "including", "via", "per",
))
# fmt: on
_ENGLISH_SUBJECTS = frozenset(("i", "we", "he", "she", "it", "they", "the", "there"))
_ENGLISH_PRONOUNS = frozenset(("i", "we", "you", "he", "she", "it", "they"))
_CJK_SUBJECT_RE = re.compile("[我他她它]们?(?![们的])")
_CJK_PRONOUN_RE = re.compile("[我你您他她它]")
_OPEN_CJK_ENDINGS = (
    *"的之和与及或把被从跟是为于到给以对让将请叫",
    *("使用", "点击", "点按", "选择", "打开", "访问", "前往", "进入", "输入", "支持", "包括"),
    *"をにへでとがはもの",  # Japanese particles
    *"을를에의와과은는",  # Korean particles
)
_OPEN_CJK_STARTS = (
    *"的之吗呢吧啊与及或着を을를",
    # Predicates: the English before them is their subject. Not 会, 最, 更, 在, 可, 不, which
    # open labels (会议 "Meeting", 最新 "Latest", 更多 "More", 在线 "Online", 可用, 不要...).
    *"是很也都就还将被把让又",
    *("已经", "正在", "宣布", "表示", "成为", "发布了", "推出了"),
)
_NOT_LETTER = r"[\W\d_]"
_RUN_RE = re.compile(
    rf"(?P<cjk>[{CJK_RANGES}](?:{_NOT_LETTER}*[{CJK_RANGES}])*)"
    rf"|(?P<alpha>{ALPHA_RE.pattern}(?:{_NOT_LETTER}*{ALPHA_RE.pattern})*)"
)
_CLAUSE_MARKS = ",，、;；"
_TOKEN_RE = re.compile(r"\S+")
_SPACE_RE = re.compile(r"\s+")
_CAMEL_RE = re.compile(r"[a-z][A-Z]")
_CODE_RE = re.compile(r"\w[+._/#]+\w")
_NUMBER_BEFORE_RE = re.compile(r"\d\s*\Z")


class _Run(NamedTuple):
    """Letters ``first``..``last`` (inclusive, offsets in the line): one half of the line.

    An alphabetic run holds alphabetic letters only; a CJK run may hold borrowed Latin words.
    """

    first: int
    last: int
    cjk: bool


def split_bilingual(text: str, unit: Unit) -> tuple[Unit, ...]:
    """``unit`` cut into its two phrases when it is a bilingual label, else ``(unit,)``."""
    start, end, _ = unit
    if end - start > MAX_LABEL or not has_cjk(text, start, end):
        return (unit,)
    if not has_alpha(text, start, end):
        return _split_chinese_japanese(text, unit)
    line = mask_addresses(text[start:end])
    runs = _runs(line)
    if len(runs) != 2:
        return (unit,)
    first, second = _lend_borrowed_word(line, runs[0], runs[1])
    if not _two_phrases(line, first, second):
        return (unit,)
    head, tail = _cut_at(text, unit, start + _cut(line, first, second))
    if first.cjk:
        return (*_split_chinese_japanese(text, head), tail)
    return (head, *_split_chinese_japanese(text, tail))


def _cut_at(text: str, unit: Unit, cut: int) -> tuple[Unit, Unit]:
    """``unit`` cut at offset ``cut``, both parts trimmed."""
    head = trim(text, unit.start, cut)
    tail = trim(text, cut, unit.end)
    return Unit(*head, unit.block), Unit(*tail, unit.block)


def _split_chinese_japanese(text: str, unit: Unit) -> tuple[Unit, ...]:
    """Rule 8: ``unit`` cut at the space between a Simplified Chinese and a Japanese phrase."""
    start, end, _ = unit
    if not has_simplified_only(text, start, end) or not _japanese(text, start, end):
        return (unit,)
    for space in _SPACE_RE.finditer(text, start, end):
        cut = space.start()
        if _one_script_each(text, (start, cut), (space.end(), end)):
            return _cut_at(text, unit, cut)
    return (unit,)


def _japanese(text: str, start: int, end: int) -> bool:
    return KANA_RE.search(text, start, end) is not None or has_japanese_kanji(text, start, end)


def _one_script_each(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """One side has Simplified-only evidence and no Japanese, the other the reverse."""
    sides = [(has_simplified_only(text, *side), _japanese(text, *side)) for side in (left, right)]
    return sides in ([(True, False), (False, True)], [(False, True), (True, False)])


def _runs(line: str) -> list[_Run]:
    """Script runs of the letters of ``line``, borrowed words absorbed into their CJK run."""
    runs = [_Run(m.start(), m.end() - 1, m.lastgroup == "cjk") for m in _RUN_RE.finditer(line)]
    merged: list[_Run] = []
    for i, run in enumerate(runs):
        if merged and merged[-1].cjk and (run.cjk or _absorbed(line, runs, i)):
            merged[-1] = merged[-1]._replace(last=run.last)
        else:
            merged.append(run)
    if len(merged) > 1 and merged[1].cjk and _all_borrowed(line, merged[0]):
        merged[:2] = [merged[1]._replace(first=merged[0].first)]
    return merged


def _absorbed(line: str, runs: list[_Run], i: int) -> bool:
    """Whether alphabetic run ``i``, which follows a CJK run, belongs to it."""
    if i == len(runs) - 1:
        return _all_borrowed(line, runs[i])
    return _all_borrowed(line, runs[i]) or not _has_lowercase_word(_words(line, runs[i]))


def _words(line: str, run: _Run) -> list[str]:
    return ALPHA_WORD_RE.findall(line, run.first, run.last + 1)


def _tokens(line: str, run: _Run) -> list[re.Match[str]]:
    """Whitespace-separated words of the run; numbers ("iPhone 15 Pro") are not words."""
    found = _TOKEN_RE.finditer(line, run.first, run.last + 1)
    return [m for m in found if ALPHA_RE.search(m.group())]


def _is_name(token: str) -> bool:
    """An acronym (AI, CEO, 5G), a CamelCase brand (iPhone, GitHub) or code (Ctrl+S, Node.js)."""
    letters = "".join(ALPHA_WORD_RE.findall(token))
    if letters.isupper():
        return any(c.isdigit() for c in token) or 1 < len(letters) <= MAX_ACRONYM
    return _CAMEL_RE.search(token) is not None or _CODE_RE.search(token) is not None


def _has_lowercase_word(words: list[str]) -> bool:
    """A word all in lowercase: English grammar, as the matrix rule reads it."""
    return any(w.islower() for w in words)


def _is_borrowed(token: str) -> bool:
    word = token.strip("\"'“”‘’()[]（）,.;:!?，。：；！？").lower()
    return word in LOANWORDS or _is_name(token)


def _all_borrowed(line: str, run: _Run) -> bool:
    return not run.cjk and all(_is_borrowed(t.group()) for t in _tokens(line, run))


def _lend_borrowed_word(line: str, first: _Run, second: _Run) -> tuple[_Run, _Run]:
    """The halves with the English half's borrowed edge word given to the CJK half (rule 2)."""
    if first.cjk:
        tokens = _tokens(line, second)
        if len(tokens) > 1 and _is_borrowed(tokens[0].group()) and tokens[1].group()[0].isupper():
            lent, rest = tokens[0], tokens[1]
            return first._replace(last=lent.end() - 1), second._replace(first=rest.start())
        return first, second
    tokens = _tokens(line, first)
    if len(tokens) < 2:
        return first, second
    last = tokens[-1]
    head = {w.lower() for w in ALPHA_WORD_RE.findall(line, first.first, last.start())}
    repeated = {w.lower() for w in ALPHA_WORD_RE.findall(last.group())}
    if not repeated or not repeated <= head:
        return first, second
    head_end = max(m.end() for m in ALPHA_WORD_RE.finditer(line, first.first, last.start()))
    return first._replace(last=head_end - 1), second._replace(first=last.start())


def _two_phrases(line: str, first: _Run, second: _Run) -> bool:
    alpha, cjk = (second, first) if first.cjk else (first, second)
    around = (cjk.last + 1, len(line)) if first.cjk else (0, cjk.first)
    if not _english_phrase(line, alpha, *around):
        return False
    words = _words(line, alpha)
    cjk_text = line[cjk.first : cjk.last + 1]
    cjk_counts = count_scripts(cjk_text)
    if cjk_counts.cjk < MIN_CJK_CHARS:
        return False
    if cjk_counts.cjk > MAX_TITLE_CJK and not _has_lowercase_word(words):
        return False
    if first.cjk and cjk_text.endswith(_OPEN_CJK_ENDINGS):
        return False
    if not first.cjk and cjk_text.startswith(_OPEN_CJK_STARTS):
        return False
    if any(any(ch.isalpha() for ch in m.group()) for m in QUOTED_RE.finditer(line)):
        return False
    if any(ch in _CLAUSE_MARKS for ch in line[first.last + 1 : second.first]):
        return False
    if _one_clause(words, cjk_text, alpha_first=not first.cjk):
        return False
    alpha_side = float(sum(len(w) for w in words))
    cjk_side = cjk_weight(cjk_counts)
    return max(alpha_side, cjk_side) <= MAX_WEIGHT_RATIO * min(alpha_side, cjk_side)


def _english_phrase(line: str, alpha: _Run, before: int, after: int) -> bool:
    """Rule 3; ``line[before:after]`` is the run with the numbers that may lead or end it."""
    words = _words(line, alpha)
    if not words:
        return False
    number_led = _NUMBER_BEFORE_RE.search(line, before, alpha.first) is not None
    if not (words[0][0].isupper() or number_led):
        return False
    tokens = _tokens(line, alpha)
    if not _has_lowercase_word(words) and any(_is_name(t.group()) for t in tokens):
        return False
    completed = any(c.isdigit() for c in line[alpha.last + 1 : after])
    return words[-1].lower() not in _OPEN_WORDS or completed


def _one_clause(words: list[str], cjk_text: str, alpha_first: bool) -> bool:
    """Rule 5: the first half opens with a subject and the other half has none of its own."""
    if alpha_first:
        opens = words[0].lower() in _ENGLISH_SUBJECTS
        return opens and _CJK_PRONOUN_RE.search(cjk_text) is None
    opens = _CJK_SUBJECT_RE.match(cjk_text) is not None
    return opens and not any(w.lower() in _ENGLISH_PRONOUNS for w in words)


def _cut(line: str, first: _Run, second: _Run) -> int:
    """Where the line is cut between the halves (see the module docstring)."""
    spaces = [k for k in range(first.last + 1, second.first) if line[k].isspace()]
    if not spaces:
        return second.first
    if first.cjk:
        return spaces[0]
    after_word = [k for k in spaces if line[k - 1].isalnum()]
    return after_word[-1] if after_word else spaces[0]
