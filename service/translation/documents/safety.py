"""Checks every upload passes before a format library sees it: size, archive and XML limits.

``open_zip`` refuses archives with too many members or whose members add up (by their
declared sizes, which ``zipfile`` enforces while reading: a member cannot inflate past its
declared size without failing its check) to more than the limit: a zip bomb is a 413 before
anything is inflated. ``parse_xml`` never loads a DTD, never resolves an entity, never reaches
the network; a document whose doctype declares anything (entities, elements: the internal
subset a billion-laughs or external-entity attack needs) is refused (400). A bare doctype
(``<!DOCTYPE html>``, an old manifest's public identifier) names a DTD that is never read, so
it is accepted. ``check_members`` applies this to every XML member of an archive.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from service.translation.documents.errors import (
    DocumentTooLarge,
    InvalidDocument,
    UnsafeDocument,
)


@dataclass(frozen=True, slots=True)
class DocumentLimits:
    """How big an upload may be: bytes, archive members and their unpacked size, characters."""

    max_bytes: int
    max_zip_entries: int
    max_unzipped_bytes: int
    max_chars: int


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


def parse_xml(data: bytes, name: str) -> etree._ElementTree:
    """``data`` as an XML tree; raises InvalidDocument (malformed) or UnsafeDocument (DTD)."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InvalidDocument(f"{name} is not well-formed XML: {exc}") from exc
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    declares = dtd is not None and any(
        True for _ in (*dtd.iterentities(), *dtd.iterelements())
    )
    if declares:
        raise UnsafeDocument(
            f"{name} declares a DTD or entities; XML with a DTD is not accepted"
        )
    return tree


def serialize_xml(tree: etree._ElementTree) -> bytes:
    """The tree as UTF-8 bytes with its XML declaration, ``standalone="yes"`` kept.

    lxml reports a declaration without ``standalone`` as False, which would write "no".
    """
    standalone = True if tree.docinfo.standalone else None
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=standalone)


def open_zip(data: bytes, limits: DocumentLimits) -> zipfile.ZipFile:
    """The archive in ``data``, checked against the member-count and unpacked-size limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InvalidDocument(f"The file is a damaged ZIP archive: {exc}") from exc
    if len(members) > limits.max_zip_entries:
        raise DocumentTooLarge(
            f"The archive has {len(members)} members; at most {limits.max_zip_entries} "
            "are accepted",
            limits.max_zip_entries,
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unzipped_bytes:
        raise DocumentTooLarge(
            f"The archive unpacks to {unpacked} bytes; at most {limits.max_unzipped_bytes} "
            "are accepted",
            limits.max_unzipped_bytes,
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member's bytes; a damaged member is an InvalidDocument."""
    try:
        return archive.read(name)
    except KeyError as exc:
        raise InvalidDocument(f"The archive has no {name}") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise InvalidDocument(f"The archive member {name} is damaged: {exc}") from exc
    except NotImplementedError as exc:  # an unsupported compression method
        raise InvalidDocument(f"The archive member {name} cannot be read: {exc}") from exc


def check_members(archive: zipfile.ZipFile) -> None:
    """Every XML member of an Office or OpenDocument archive parses safely."""
    for member in archive.infolist():
        if member.filename.endswith((".xml", ".rels")):
            parse_xml(read_member(archive, member.filename), member.filename)


def rewrite_zip(archive: zipfile.ZipFile, replacements: dict[str, bytes]) -> bytes:
    """A copy of ``archive`` with some members' bytes replaced; order and compression kept.

    Members keep their place, so an OpenDocument or EPUB ``mimetype`` stays first and stored.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as copy:
        for member in archive.infolist():
            data = replacements.get(member.filename)
            copy.writestr(member, read_member(archive, member.filename) if data is None else data)
    return out.getvalue()
