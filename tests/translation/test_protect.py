"""Tests for protected spans and the translatable pieces between them."""

import random
import time

import pytest

from service.translation.protect import Span, protected_spans, translatable_pieces


def spans(text: str) -> list[tuple[str, str]]:
    return [(span.kind, text[span.start : span.end]) for span in protected_spans(text)]


def pieces(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [text[s:e] for s, e in translatable_pieces(text, start, end)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请访问 https://example.com/a?b=1 了解详情。", "https://example.com/a?b=1"),
        ("see https://x.org/a.", "https://x.org/a"),
        ("see https://x.org/a, or", "https://x.org/a"),
        ("Is it http://x.org/?", "http://x.org/"),
        (
            "(see https://en.wikipedia.org/wiki/Foo_(bar)).",
            "https://en.wikipedia.org/wiki/Foo_(bar)",
        ),
        ("(see https://x.org/a)", "https://x.org/a"),
        ("visit www.example.com!", "www.example.com"),
        ("HTTPS://EXAMPLE.COM/X is loud", "HTTPS://EXAMPLE.COM/X"),
        ("访问https://x.org/路径了解", "https://x.org/"),
        ("“https://x.org/q?a=1&b=2#frag”", "https://x.org/q?a=1&b=2#frag"),
        ('<a href="https://x.org/a">', "https://x.org/a"),
        ("go to https://x.org/{id}/edit now", "https://x.org/{id}/edit"),
    ],
)
def test_urls(text: str, expected: str) -> None:
    assert spans(text) == [("url", expected)]


def test_bare_scheme_or_prefix_is_not_a_url() -> None:
    assert spans("www. and https:// alone") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail bob.smith+tag@mail.example.co.uk.", "bob.smith+tag@mail.example.co.uk"),
        ("请联系support@example.cn获取帮助", "support@example.cn"),
        ("write to a_b@x-y.io, thanks", "a_b@x-y.io"),
    ],
)
def test_emails(text: str, expected: str) -> None:
    assert spans(text) == [("email", expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("costs $350 today", ["$350"]),
        ("US$5 or HK$10 or ¥100 or ￥100 or €3,50", ["US$5", "HK$10", "¥100", "￥100", "€3", "50"]),
        ("grew 3.5% and ２０％", ["3.5%", "２０％"]),
        ("about 12 km away, 5 GB and 100 ms", ["12 km", "5 GB", "100 ms"]),
        ("12km, 4K video, the 2nd time, 60fps, 20°C", ["12km", "4K", "2nd", "60fps", "20°C"]),
        ("1,234,567.89 people", ["1,234,567.89"]),
        ("version 1.2.3 and -5 degrees", ["1.2.3", "-5"]),
        ("发布于2025年3月", ["2025", "3"]),
        ("共３５个", ["３５"]),
        ("pages 10-20", ["10", "20"]),
        ("at 5 pm", ["5 pm"]),
    ],
)
def test_numbers(text: str, expected: list[str]) -> None:
    assert [found for kind, found in spans(text) if kind == "number"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COVID-19, H2O, mp3, file_2, iPhone15", []),
        ("5 in a row", ["5"]),
        ("3 apples and 3apples", ["3", "3"]),
    ],
)
def test_numbers_do_not_take_letters_of_words(text: str, expected: list[str]) -> None:
    assert [found for kind, found in spans(text) if kind == "number"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published on {date}", [("placeholder", "{date}")]),
        ("{} and {0} and {0:.2f}", [("placeholder", p) for p in ("{}", "{0}", "{0:.2f}")]),
        ("Hi {user.name}, {x[0]!r}", [("placeholder", p) for p in ("{user.name}", "{x[0]!r}")]),
        ("Hello {{ user.name }}!", [("placeholder", "{{ user.name }}")]),
        ("path ${HOME} and %{count}", [("placeholder", "${HOME}"), ("placeholder", "%{count}")]),
        ("%(count)d files", [("printf", "%(count)d")]),
        (
            "%s of %d (%.2f%%) %1$s %-5s %@",
            [("printf", p) for p in ("%s", "%d", "%.2f", "%%", "%1$s", "%-5s", "%@")],
        ),
        ("共 %d 个文件", [("printf", "%d")]),
    ],
)
def test_placeholders(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


def test_percent_in_prose_is_not_printf() -> None:
    assert spans("50 % of them") == [("number", "50 %")]
    assert spans("a % o") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("由 @reuters 报道 #breaking", [("handle", "@reuters"), ("hashtag", "#breaking")]),
        ("由@reuters报道", [("handle", "@reuters")]),
        ("cc @john.doe. Thanks", [("handle", "@john.doe")]),
        ("follow @user@mastodon.social", [("handle", "@user@mastodon.social")]),
        ("#台湾 是个好地方", [("hashtag", "#台湾")]),
        ("#台湾#是个好地方", [("hashtag", "#台湾#")]),
        ("#美食，好吃", [("hashtag", "#美食")]),
        ("tag #2025goals now", [("hashtag", "#2025goals")]),
    ],
)
def test_handles_and_hashtags(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize("text", ["C# and F#", "issue #12", "&#39;", "# heading", "##"])
def test_not_hashtags(text: str) -> None:
    assert [kind for kind, _ in spans(text) if kind == "hashtag"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Run `pip install x` first", "`pip install x`"),
        ("运行 `make test` 即可", "`make test`"),
        ("use ``a ` b`` here", "``a ` b``"),
        ("`{name} at https://x.org`", "`{name} at https://x.org`"),
    ],
)
def test_inline_code(text: str, expected: str) -> None:
    assert spans(text) == [("code", expected)]


def test_unclosed_backtick_or_code_across_lines_is_not_code() -> None:
    assert spans("don`t stop") == []
    assert spans("`a\nb`") == []


def test_earliest_then_longest_span_wins() -> None:
    text = "see https://user@host.com/a and bob@x.com and `@x #y {z}`"
    assert spans(text) == [
        ("url", "https://user@host.com/a"),
        ("email", "bob@x.com"),
        ("code", "`@x #y {z}`"),
    ]
    assert spans("%.2f") == [("printf", "%.2f")]
    assert spans("{0}") == [("placeholder", "{0}")]


def test_spans_are_sorted_and_disjoint_on_random_text() -> None:
    rng = random.Random(7)
    pool = list("a 中1.,@#{}%`$-/:wh") + ["http://", "www."]
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        found = protected_spans(text)
        assert all(isinstance(span, Span) and span.start < span.end for span in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
        ranges = translatable_pieces(text)
        assert all(a[1] <= b[0] for a, b in zip(ranges, ranges[1:], strict=False))
        for start, end in ranges:
            assert not any(span.start < end and start < span.end for span in found)


def test_pieces_between_spans() -> None:
    text = "请访问 https://example.com/a?b=1 了解详情。"
    assert pieces(text) == ["请访问", "了解详情。"]
    assert pieces("Published on {date}") == ["Published on"]
    assert pieces("%(count)d files") == ["files"]
    assert pieces("由 @reuters 报道 #breaking") == ["由", "报道"]
    assert pieces("Hello {name}, welcome to `x`!") == ["Hello", ", welcome to"]


def test_pieces_offsets_index_the_exact_input() -> None:
    text = "  Café\u00a0au lait\u3000costs $5 —  see https://x.org  "
    ranges = translatable_pieces(text)
    assert [text[s:e] for s, e in ranges] == ["Café\u00a0au lait\u3000costs", "—  see"]
    assert ranges[0] == (2, 20)


def test_pieces_without_letters_are_not_returned() -> None:
    assert pieces("12:30 — 3.5% (!!) ...") == []
    assert pieces("   ") == []
    assert pieces("") == []
    assert pieces("“ok”") == ["“ok”"]


def test_pieces_of_a_range() -> None:
    text = "Intro. Visit https://x.org today. Outro."
    start = text.index("Visit")
    end = text.index(" Outro")
    assert pieces(text, start, end) == ["Visit", "today."]
    assert pieces(text, 0, 0) == []
    assert pieces(text, start) == ["Visit", "today. Outro."]


def test_a_range_ends_a_span_where_it_ends() -> None:
    text = "see https://x.org/abc"
    assert translatable_pieces(text, 0, text.index("/abc")) == [(0, 3)]


@pytest.mark.parametrize(("start", "end"), [(-1, None), (5, 2), (0, 100)])
def test_pieces_reject_a_range_outside_the_text(start: int, end: int | None) -> None:
    with pytest.raises(ValueError):
        translatable_pieces("short", start, end)


def test_large_text_is_fast() -> None:
    unit = "Visit https://x.org/?b=1 or mail a@b.co, {n} files (%d%%), 3.5 km, #tag @bob `x`. 中文"
    count = 1_000_000 // len(unit)
    text = unit * count
    began = time.perf_counter()
    found = translatable_pieces(text)
    assert time.perf_counter() - began < 3
    # "or mail", "files (", ". 中文Visit" per unit, and the first "Visit"
    assert len(found) == 3 * count + 1
