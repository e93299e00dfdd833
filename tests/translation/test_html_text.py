"""Tests for the HTML front end: which runs are found, and byte-exact rebuilding."""

import random
import re
import time
from xml.etree.ElementTree import Element

import html5lib
import pytest

from service.translation.html_text import HtmlDocument, TextRun


def texts(html: str) -> list[str]:
    return [run.text for run in HtmlDocument.parse(html).runs]


def test_inline_markup_splits_a_sentence_into_runs() -> None:
    html = '<p>Click <a href="x">here</a> to <b>continue</b>.</p>'
    document = HtmlDocument.parse(html)
    assert document.runs == [
        TextRun(0, "Click ", "text", None),
        TextRun(1, "here", "text", None),
        TextRun(2, " to ", "text", None),
        TextRun(3, "continue", "text", None),
        TextRun(4, ".", "text", None),
    ]
    assert document.render({0: "Cliquez ", 1: "ici", 2: " pour ", 3: "continuer"}) == (
        '<p>Cliquez <a href="x">ici</a> pour <b>continuer</b>.</p>'
    )


def test_whitespace_only_text_is_not_a_run() -> None:
    assert texts("<ul>\n  <li>One</li>\n  <li>Two</li>\n</ul>") == ["One", "Two"]
    assert texts("<p>&nbsp;</p><p> &#32; </p>") == []


def test_entities_are_decoded_and_part_of_their_stretch() -> None:
    html = "<p>Tom &amp; Jerry&nbsp;&mdash; &#39;cat&#x27; &lt;3 &copy 2025 &bogus; AT&T &#;</p>"
    assert texts(html) == ["Tom & Jerry\u00a0— 'cat' <3 © 2025 &bogus; AT&T &#;"]


def test_stray_less_than_and_comments_in_text() -> None:
    assert texts("<p>if a < b and c <3 d</p>") == ["if a < b and c <3 d"]
    assert texts("<p>One<!-- note -->two<?pi x?>three</p>") == ["One", "two", "three"]


def test_translatable_attributes() -> None:
    html = (
        '<img src="a.png" alt="A cat"><input placeholder=\'Your name\' value="v">'
        '<a title=Home aria-label="Go &amp; see" href="/">x</a><span data-x="no" title="">y</span>'
        '<IMG ALT="Big" Title="Tip" title="Ignored duplicate">'
    )
    document = HtmlDocument.parse(html)
    assert [(run.index, run.kind, run.attribute, run.text) for run in document.runs] == [
        (0, "attribute", "alt", "A cat"),
        (1, "attribute", "placeholder", "Your name"),
        (2, "attribute", "title", "Home"),
        (3, "attribute", "aria-label", "Go & see"),
        (4, "text", None, "x"),
        (5, "text", None, "y"),
        (6, "attribute", "alt", "Big"),
        (7, "attribute", "title", "Tip"),
    ]


def test_attribute_entities_follow_attribute_rules() -> None:
    html = '<a title="&amp;copy=1 &copy=2 &copy2 &copy; &#169; &notit; &amp">x</a>'
    assert texts(html)[0] == "&copy=1 &copy=2 &copy2 © © &notit; &"


@pytest.mark.parametrize(
    "html",
    [
        "<script>var s = '<p>Hello</p>'; if (a < b) {}</script>",
        "<style>p::after { content: 'Hello </div>' }</style>",
        "<code>print('Hello')</code>",
        "<pre>Hello <b>world</b><br>again</pre>",
        "<kbd>Ctrl</kbd><samp>Output</samp>",
        "<textarea>Hello <b>user</b></div> text</textarea>",
        '<div translate="no">Hello <p>deep <b>deeper <img alt="pic"> <i>x</i></b></p></div>',
        '<div class="brand notranslate"><span><span><em>Mixlate</em></span></span></div>',
        '<div TRANSLATE="NO"><br><hr><input title="Tip"><p>Hello</p></div>',
        '<pre><code translate="yes">keep</code></pre>',
        "<SCRIPT>document.write('</div>Hi')</SCRIPT>",
        "<iframe><p>Hello</p></iframe>",
        '<script src="x.js"/>Hello</script>',
    ],
)
def test_skipped_subtrees(html: str) -> None:
    assert texts(html + "<p>Visible</p>") == ["Visible"]


def test_text_after_a_skipped_subtree_is_translated() -> None:
    html = '<div class="notranslate"><div>A</div>B</div>C<code>D<br>E</code>F'
    assert texts(html) == ["C", "F"]


def test_translate_yes_reopens_translation_but_not_inside_code() -> None:
    html = (
        '<div translate="no">brand <span translate="yes">Hello</span> <b>x</b></div>'
        '<div class="notranslate"><p translate>Again</p></div>'
        '<pre translate="no"><span translate="yes">code</span></pre>'
        '<p translate="maybe">Invalid values inherit</p>'
    )
    assert texts(html) == ["Hello", "Again", "Invalid values inherit"]


def test_attributes_of_a_code_element_are_translated_but_not_its_content() -> None:
    html = '<textarea placeholder="Type here">user text</textarea><pre title="Example">x</pre>'
    assert texts(html) == ["Type here", "Example"]
    assert texts('<p translate="no" title="Tip">x</p>') == []


def test_title_is_text_even_with_markup_like_content() -> None:
    assert texts("<head><title>Tom &amp; <Jerry></title></head>") == ["Tom & <Jerry>"]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p translate="no">A<p>B', ["B"]),  # a <p> closes the open <p>
        ('<p class="notranslate">A<b>B<div>C</div>D', ["C", "D"]),  # a block closes the <p>
        ('<ul><li class="notranslate">A<span>B<li>C</ul>', ["C"]),
        ('<table><tr><td translate="no">A<td>B</table>', ["B"]),
        ('<dl><dt translate="no">A<dd>B</dl>', ["B"]),
        ('<span translate="no">A<div>B</span>C</div>D', []),  # </span> over a block: ignored
        ('<b translate="no">A<div>B</b>C</div>D', ["C", "D"]),  # the div moves out of the b
        ("<p><code>A</p>B</code>C", ["C"]),  # code is reopened after </p>
        ('<div translate="no">A</ div>B</div>C', ["C"]),  # "</ div>" is a comment
        ('<td translate="no">A', ["A"]),  # cells outside a table are ignored
        ("<div/><p>Text</p><svg><path/><text>Label</text></svg>", ["Text", "Label"]),
        ("<p>1<span>2</div></i></code>3<pre>4</pre>5</p>", ["1", "2", "3", "5"]),  # stray ends
    ],
)
def test_open_elements_follow_html_tree_building(html: str, expected: list[str]) -> None:
    assert texts(html) == expected


def test_comments_doctype_cdata_and_processing_instructions_are_kept() -> None:
    html = (
        "<!DOCTYPE html><!-- Hello --><?php echo 'Hi'; ?><![CDATA[ Hi there ]]><![foo[ x ]>"
        "<p>A<!-- x -->B</p><![if !IE]>C<![endif]><!-->D"
    )
    document = HtmlDocument.parse(html)
    assert [run.text for run in document.runs] == ["A", "B", "C", "D"]
    assert document.render({0: "a", 1: "b", 2: "c", 3: "d"}) == (
        html.replace(">A<", ">a<").replace(">B<", ">b<").replace(">C<", ">c<").replace(">D", ">d")
    )


@pytest.mark.parametrize(
    "html",
    [
        "<p>Hello</p><!-- never closed <p>Hidden</p>",
        '<p>Hello</p><div title="never closed><p>Hidden</p>',
        "<p>Hello</p><div class='x><p>Hidden</p>",
        "<p>Hello</p></div title='x><p>Hidden</p>",
        '<p>Hello</p><x y="</div><x y="\'="</div>Hidden</p>',
        "<p>Hello</p><a",
        "<p>Hello</p>" + "<div>" * 600 + "Too deep",
    ],
)
def test_markup_a_browser_reads_to_the_end_hides_the_rest(html: str) -> None:
    assert texts(html) == ["Hello"]
    assert HtmlDocument.parse(html).render({}) == html


def test_stray_less_than_at_the_end_is_text() -> None:
    assert texts("Hello <") == ["Hello <"]


def test_render_escapes_text_and_requotes_attributes() -> None:
    html = "<p class='c' title='Old' id=x>Old &amp; text</p><img alt=Cat src=c.png>"
    document = HtmlDocument.parse(html)
    assert [run.text for run in document.runs] == ["Old", "Old & text", "Cat"]
    rendered = document.render({0: 'Say "hi" & <bye>', 1: "a < b & c > d \"'", 2: "Chat"})
    assert rendered == (
        "<p class='c' title=\"Say &quot;hi&quot; &amp; &lt;bye&gt;\" id=x>"
        'a &lt; b &amp; c &gt; d "\'</p><img alt="Chat" src=c.png>'
    )


def test_render_keeps_untranslated_runs_raw() -> None:
    html = "<p>A&nbsp;B</p><p title='x &amp; y'>C&#39;D</p>"
    document = HtmlDocument.parse(html)
    assert document.render({2: "E"}) == "<p>A&nbsp;B</p><p title='x &amp; y'>E</p>"
    assert document.render({}) == html


@pytest.mark.parametrize("index", [1, -1])
def test_render_rejects_an_unknown_run(index: int) -> None:
    with pytest.raises(KeyError):
        HtmlDocument.parse("<p>x</p>").render({index: "y"})


def test_unicode_and_line_endings_keep_offsets() -> None:
    html = "<p>\r\n中文 😀 text\r\n</p>\n<p title='标题'>\u00e9\u0301 x</p>"
    document = HtmlDocument.parse(html)
    rendered = document.render({run.index: f"[{run.text}]" for run in document.runs})
    assert rendered == '<p>[\r\n中文 😀 text\r\n]</p>\n<p title="[标题]">[\u00e9\u0301 x]</p>'


FRAGMENTS = ["<p>", "</p>", "<div class='notranslate'>", "</div>", "<DIV TRANSLATE=no>", "<span>"]
FRAGMENTS += ["</span>", "<b>", "</B>", "<br>", "<br/>", '<img alt="Pic &amp; more">']
FRAGMENTS += ["<img alt=x/>", "<input title=Tip>", "<a href=x title='Link'>", "</a>", "<script>"]
FRAGMENTS += ["</script>", "<style>", "</style>", "<pre>", "</pre>", "<code>", "</code>"]
FRAGMENTS += ["<textarea>", "</textarea>", "<title>", "</title>", "<!-- c -->", "<![CDATA[ x ]]>"]
FRAGMENTS += ["<![foo[", "<!DOCTYPE html>", "<!doctype", "<?xml v?>", "<", ">", "</", "</>", "<3"]
FRAGMENTS += ["< p>", "&amp;", "&nbsp;", "&#39;", "&#x27;", "&#", "&#;", "&bogus;", "&copy", "&"]
FRAGMENTS += ["Hello", " world ", "中文内容", "😀", "\n", "\r\n", " ", "=", '"', "'", "/", "text"]
FRAGMENTS += ['<p title="a>b">', "<a title='unclosed>", '<x y="', "</div >", "</ div>", "<\x00>"]
FRAGMENTS += ["if (a < b) {}", "<li>", "<td>", "<table>", "<noscript>", "<iframe>"]
SVG_AND_OPEN_COMMENTS = ["<svg>", "</svg>", "<path/>", "<!--", "-->"]  # beyond the modelling


def random_html(rng: random.Random, pool: list[str]) -> str:
    return "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))


def test_round_trip_identity_on_random_html() -> None:
    rng = random.Random(20250101)
    for _ in range(3000):
        html = random_html(rng, FRAGMENTS + SVG_AND_OPEN_COMMENTS)
        document = HtmlDocument.parse(html)
        assert document.render({}) == html
        rendered = document.render({run.index: "TRANSLATED" for run in document.runs})
        assert [run.text for run in HtmlDocument.parse(rendered).runs] == (
            ["TRANSLATED"] * len(document.runs)
        )


def test_random_characters_never_raise() -> None:
    rng = random.Random(5)
    alphabet = "<>/!?-[]&#;='\" abcpdivtrnslaeCDATscrip\n中"
    for _ in range(3000):
        html = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert HtmlDocument.parse(html).render({}) == html


def browser_view(html: str) -> dict[str, tuple[str, bool]]:
    """Marker -> (where html5lib puts it: "text" or "attr:name", whether it is skipped there)."""
    found: dict[str, tuple[str, bool]] = {}

    def note(where: str, value: str | None, skipped: bool) -> None:
        for marker in re.findall(r"QQ\d+QQ", value or ""):
            found.setdefault(marker, (where, skipped))

    def walk(element: Element, skipped: bool, translate: bool) -> None:
        if not isinstance(element.tag, str):  # a comment
            return
        mode = element.attrib.get("translate", "-").strip().lower()
        if mode in ("", "yes", "no"):
            translate = mode != "no"
        elif "notranslate" in element.attrib.get("class", "").split():
            translate = False
        for name, value in element.attrib.items():
            note(f"attr:{name}", value, skipped or not translate)
        skipped = skipped or element.tag in {"script", "style", "code", "pre", "textarea", "iframe"}
        note("text", element.text, skipped or not translate)
        for child in element:
            walk(child, skipped, translate)
            note("text", child.tail, skipped or not translate)

    walk(html5lib.parse(html, namespaceHTMLElements=False), False, True)
    return found


def test_runs_are_where_a_browser_shows_translatable_text() -> None:
    rng = random.Random(11)
    for _ in range(400):
        document = HtmlDocument.parse(random_html(rng, FRAGMENTS))
        markers = {run.index: f"QQ{run.index}QQ" for run in document.runs}
        view = browser_view(document.render(markers))
        for run in document.runs:
            where = "text" if run.attribute is None else f"attr:{run.attribute}"
            assert view.get(f"QQ{run.index}QQ") == (where, False), run


def test_large_document_is_fast() -> None:
    block = (
        '<div class="card"><h2 title="Card">Title &amp; more</h2><p>Some <b>bold</b> text, '
        '<a href="https://x.org/?a=1&amp;b=2">a link</a>.</p><script>var x = "<p>";</script>'
        '<img alt="Picture" src="p.png"><pre>code</pre></div>\n'
    )
    html = block * (1_000_000 // len(block))
    began = time.perf_counter()
    document = HtmlDocument.parse(html)
    rendered = document.render({run.index: run.text for run in document.runs})
    assert time.perf_counter() - began < 5
    assert len(document.runs) == 8 * (1_000_000 // len(block))
    assert rendered == html
