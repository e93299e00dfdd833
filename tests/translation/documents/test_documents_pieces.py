"""How a paragraph's translation is shared over its pieces, and the file store (no models)."""

from __future__ import annotations

from service.store import Database
from service.translation.documents.pieces import Paragraph, distribute
from service.translation.documents.store import FileStore, valid_name
from service.translation.translator import ItemResult


def _result(translation: str, *segments: tuple[int, int, str, int, int]) -> ItemResult:
    return ItemResult(
        translation,
        [
            {"start": s, "end": e, "action": a, "output_start": os, "output_end": oe}
            for s, e, a, os, oe in segments
        ],
        {},
    )


def test_runs_change_at_word_boundaries_in_proportion() -> None:
    texts = ["Hello ", "big", " world"]
    result = _result("Bonjour le grand monde", (0, 15, "translated", 0, 22))
    pieces = distribute(texts, [True, True, True], result)
    assert "".join(pieces) == "Bonjour le grand monde"
    assert all(pieces) and pieces[0].endswith(" ")


def test_kept_segments_and_gaps_map_exactly() -> None:
    texts = ["你好。", " ", "Hello ", "world."]
    result = _result("你好。 你好世界。", (0, 3, "kept", 0, 3), (4, 16, "translated", 4, 9))
    pieces = distribute(texts, [True, True, True, True], result)
    assert pieces[:2] == ["你好。", " "]
    assert "".join(pieces[2:]) == "你好世界。" and all(pieces[2:])


def test_a_fixed_piece_keeps_its_text_and_its_neighbours_share_the_rest() -> None:
    texts = ["The committee will publish", " ", "its report."]
    result = _result("Le comité publiera son rapport.", (0, 38, "translated", 0, 31))
    pieces = distribute(texts, [True, False, True], result)
    assert pieces[1] == " "
    assert pieces[0] + pieces[2] == "Le comité publiera son rapport."
    assert pieces[0] and pieces[2]


def test_trailing_fixed_piece_gives_the_rest_to_the_last_run() -> None:
    texts = ["Hello", "**"]
    result = _result("Bonjour", (0, 5, "translated", 0, 7))
    assert distribute(texts, [True, False], result) == ["Bonjour", "**"]


def test_unchanged_paragraph_is_not_written() -> None:
    written: list[str] = []
    paragraph = Paragraph()
    paragraph.add("你好。", written.append)
    assert paragraph.write_back(_result("你好。", (0, 3, "kept", 0, 3))) is False
    assert written == []
    assert not Paragraph([]).translatable()


def test_store_names_are_random_checked_and_expire(database: Database) -> None:
    now = [1000.0]
    store = FileStore(database, ttl_seconds=10, clock=lambda: now[0])
    name = store.save(b"data", "../../etc/报告 final.docx")
    assert name.endswith(".报告_final.docx") and "/" not in name
    assert store.load(name).data == b"data"  # type: ignore[union-attr]
    assert store.load(name).download_name == "报告_final.docx"  # type: ignore[union-attr]
    assert store.save(b"x", "a.txt") != store.save(b"x", "a.txt")
    for bad in ("../x", "..", name + "/", name.replace(".", "/", 1), "0" * 31 + ".a", ""):
        assert not valid_name(bad) and store.load(bad) is None
    now[0] += 10
    assert store.load(name) is None  # expired: gone
    assert store.sweep() == 2 and store.sweep() == 0
