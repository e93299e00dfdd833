"""Bilingual labels: a line that puts a phrase next to its translation is two units, not one.

Menus, headings and buttons often pair a phrase with its translation with nothing but a space
between them ("Related articles 相关文章", "登录 Sign in"). The matrix rule (``matrix``) would
give the whole line to one language and the other half would never be translated, so such a
unit is cut in two before any language is decided. The decision is by the shape of the line —
two complete phrases side by side, not one sentence that borrows words:

1. Its letters form exactly two script runs, one alphabetic and one CJK (Han, kana, Hangul).
   Digits, punctuation and spaces do not end a run; URLs and e-mail addresses are not letters;
   a run of borrowed words (capitalised words and acronyms only, as the matrix rule weighs
   them) between two CJK runs belongs to the CJK run ("使用 GitHub 登录" is one CJK run).
   More runs are code-switching inside one sentence and stay whole: "这个 feature 我们下周
   release", "Click 设置 to open the settings page.", "我们使用 Google Analytics and
   Facebook Pixel 来统计访问量".
2. The alphabetic run is a standalone phrase: two or more words, one of them lowercase (the
   matrix rule's "alphabetic grammar"), and it starts with a capital letter (a lowercase start
   continues the sentence: "登录 to continue", "npm install 失败"). One word, or names and
   acronyms only, is what a CJK sentence borrows: "此网站使用 cookie", "AI 生成的图像",
   "打开 Settings", "OpenAI CEO Sam Altman 表示" stay whole.
3. The CJK run is a standalone phrase of at least two characters.
4. Neither run leans on the other: no letter is inside quotes or brackets ('He said "你好"'),
   the first run does not end with a word that needs a complement (English "the", "of",
   "with", "is"...: "Sign in with 微信"; Chinese 的, 是, 关于, 使用...; Japanese を, に, は...;
   Korean 을, 를...), the CJK run does not open with a particle (的, 吗, を...), and the line
   does not end with the first run's terminator: an ASCII . ! ? after the CJK run makes an
   English sentence ("The app supports 简体中文."), a 。！？ after the alphabetic run a
   Chinese one.
5. The two runs weigh alike, as a phrase and its translation do: with the matrix weights (a
   Han character about three letters, kana and Hangul two, capitalised words 0.4 a letter)
   neither side weighs more than ``MAX_WEIGHT_RATIO`` times the other.
6. The line is short (at most ``MAX_LABEL`` characters): longer units are prose.

Split: "Related articles 相关文章", "Read our privacy policy 阅读我们的隐私政策",
"登录 Sign in", "Log in with GitHub 使用 GitHub 登录", "ログイン Sign in". Known limits: title
case has no lowercase word and reads as a name ("Privacy Policy 隐私政策" stays whole), and an
unpunctuated English clause ending in a verb ("The app supports 简体中文") is split.

The cut falls at the first whitespace between the runs, else right before the second run; the
two units are trimmed, so whitespace between them belongs to neither.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .matrix import FULL_WIDTH_END, QUOTED_RE, TRAILING, alpha_weight, cjk_weight, mask_addresses
from .scripts import ALPHA_RE, ALPHA_WORD_RE, CJK_RANGES, count_scripts, has_alpha, has_cjk
from .sentences import Unit, trim

MAX_LABEL = 200
MAX_WEIGHT_RATIO = 4.0
MIN_CJK_CHARS = 2
MIN_WORDS = 2

# fmt: off
_OPEN_WORDS = frozenset((
    "a", "an", "the", "of", "to", "for", "with", "from", "by", "at", "as", "into", "onto", "than",
    "and", "or", "but", "nor", "if", "is", "are", "was", "were", "be", "been", "am", "has",
    "have", "had", "do", "does", "did", "can", "could", "will", "would", "should", "may",
    "might", "must", "not", "no", "my", "your", "our", "their", "his", "her", "its", "this",
    "that", "these", "those", "which", "who", "whose", "what", "called", "named", "means",
    "says", "said", "say", "like", "such", "including", "via", "per",
))
# fmt: on
_OPEN_CJK_ENDINGS = (
    *"的之和与及或把被从跟是为于到给以对让将请叫",
    *("使用", "点击", "点按", "选择", "打开", "访问", "前往", "进入", "输入", "支持", "包括"),
    *"をにへでとがはもの",  # Japanese particles
    *"을를에의와과은는",  # Korean particles
)
_OPEN_CJK_STARTS = frozenset("的之吗呢吧啊与及或着を을를")
_ASCII_END = ".!?"
_NOT_LETTER = r"[\W\d_]"
_RUN_RE = re.compile(
    rf"(?P<cjk>[{CJK_RANGES}](?:{_NOT_LETTER}*[{CJK_RANGES}])*)"
    rf"|(?P<alpha>{ALPHA_RE.pattern}(?:{_NOT_LETTER}*{ALPHA_RE.pattern})*)"
)


class _Run(NamedTuple):
    """Letters ``first``..``last`` (inclusive, offsets in the line) all CJK or all alphabetic."""

    first: int
    last: int
    cjk: bool


def split_bilingual(text: str, unit: Unit) -> tuple[Unit, ...]:
    """``unit`` cut into its two phrases when it is a bilingual label, else ``(unit,)``."""
    start, end, block = unit
    if end - start > MAX_LABEL or not has_cjk(text, start, end) or not has_alpha(text, start, end):
        return (unit,)
    line = mask_addresses(text[start:end])
    runs = _runs(line)
    if len(runs) != 2 or not _two_phrases(line, runs[0], runs[1]):
        return (unit,)
    gap_start, gap_end = runs[0].last + 1, runs[1].first
    cut = next((k for k in range(gap_start, gap_end) if line[k].isspace()), gap_end)
    first = trim(text, start, start + cut)
    second = trim(text, start + cut, end)
    return (Unit(*first, block), Unit(*second, block))


def _runs(line: str) -> list[_Run]:
    """Script runs of the letters of ``line``; borrowed runs between CJK runs are absorbed."""
    runs = [_Run(m.start(), m.end() - 1, m.lastgroup == "cjk") for m in _RUN_RE.finditer(line)]
    merged: list[_Run] = []
    for i, run in enumerate(runs):
        if merged and merged[-1].cjk and (run.cjk or _borrowed(line, runs, i)):
            merged[-1] = merged[-1]._replace(last=run.last)
        else:
            merged.append(run)
    return merged


def _borrowed(line: str, runs: list[_Run], i: int) -> bool:
    """An alphabetic run of names and acronyms only, with CJK runs on both sides."""
    return 0 < i < len(runs) - 1 and not any(w[0].islower() for w in _words(line, runs[i]))


def _words(line: str, run: _Run) -> list[str]:
    return ALPHA_WORD_RE.findall(line, run.first, run.last + 1)


def _two_phrases(line: str, first: _Run, second: _Run) -> bool:
    alpha, cjk = (second, first) if first.cjk else (first, second)
    words = _words(line, alpha)
    if len(words) < MIN_WORDS or not words[0][0].isupper():
        return False
    if not any(word[0].islower() for word in words):
        return False
    cjk_counts = count_scripts(line, cjk.first, cjk.last + 1)
    if cjk_counts.cjk < MIN_CJK_CHARS:
        return False
    if not first.cjk and line[cjk.first] in _OPEN_CJK_STARTS:
        return False
    if any(any(ch.isalpha() for ch in m.group()) for m in QUOTED_RE.finditer(line)):
        return False
    if first.cjk:
        if line[first.first : first.last + 1].endswith(_OPEN_CJK_ENDINGS):
            return False
    elif words[-1].lower() in _OPEN_WORDS:
        return False
    tail = line.rstrip(TRAILING)
    terminators = FULL_WIDTH_END if first.cjk else _ASCII_END
    if tail and tail[-1] in terminators:
        return False
    alpha_side = alpha_weight(line[alpha.first : alpha.last + 1])
    cjk_side = cjk_weight(cjk_counts)
    return max(alpha_side, cjk_side) <= MAX_WEIGHT_RATIO * min(alpha_side, cjk_side)
