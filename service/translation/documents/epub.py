"""EPUB (``.epub``) with lxml over each XHTML content document and the NCX table of contents.

The package's ``container.xml`` names the OPF; every manifest item of type XHTML is parsed
(a doctype is never loaded; one that declares anything is refused) and its leaf blocks
(``p``, headings, list items, cells, captions, ``title``: blocks with no block inside) are
paragraphs over their mixed content. Inline elements (links, emphasis, spans) are walked into;
``br`` is a line break; code, scripts, SVG/MathML and ``translate="no"`` are fixed. NCX labels
are paragraphs too. The book's ``dc:language`` and each page's ``lang``/``xml:lang`` become the
target. Only the parsed documents are re-serialised; the other members, ``mimetype``
first, are copied byte-for-byte.
"""

from __future__ import annotations

import posixpath
import zipfile

from lxml import etree

from service.translation.documents.errors import InvalidDocument
from service.translation.documents.model import Extraction, Options, from_paragraphs
from service.translation.documents.pieces import Paragraph
from service.translation.documents.safety import (
    open_zip,
    parse_xml,
    read_member,
    rewrite_zip,
    serialize_xml,
)
from service.translation.documents.xmltext import local_name, mixed_paragraph

XHTML = "http://www.w3.org/1999/xhtml"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}rootfile"
_OPF = "http://www.idpf.org/2007/opf"
_DC_LANGUAGE = "{http://purl.org/dc/elements/1.1/}language"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NCX_TEXT = "{http://www.daisy.org/z3986/2005/ncx/}text"
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption"}
_BLOCKS |= {"figcaption", "blockquote", "div", "title", "summary", "legend", "address"}
_BLOCKS |= {"section", "article", "aside", "header", "footer", "nav", "body", "pre", "table"}
_BLOCKS |= {"ul", "ol", "dl", "figure", "tr", "thead", "tbody"}
_OPAQUE = {"script", "style", "code", "pre", "kbd", "samp", "var", "svg", "math"}


def _classify(child: etree._Element) -> str | None:
    name = local_name(child)
    if name == "br":
        return "\n"
    if name in _OPAQUE or child.get("translate") == "no" or etree.QName(child).namespace != XHTML:
        return ""
    return None


def _leaf_blocks(tree: etree._ElementTree) -> list[etree._Element]:
    found = []
    for element in tree.iter(f"{{{XHTML}}}*"):
        name = local_name(element)
        if name not in _BLOCKS or name in _OPAQUE:
            continue
        if any(local_name(inner) in _BLOCKS for inner in element.iterdescendants()):
            continue
        ancestors = element.iterancestors()
        if any(local_name(a) in _OPAQUE or a.get("translate") == "no" for a in ancestors):
            continue
        if element.get("translate") != "no":
            found.append(element)
    return found


def _content_documents(
    archive: zipfile.ZipFile, names: set[str]
) -> tuple[str, etree._ElementTree, list[str], list[str]]:
    container = parse_xml(read_member(archive, "META-INF/container.xml"), "container.xml")
    rootfile = next(container.iter(_CONTAINER), None)
    opf_path = rootfile.get("full-path") if rootfile is not None else None
    if not opf_path or opf_path not in names:
        raise InvalidDocument("The EPUB names no package document (OPF)")
    opf = parse_xml(read_member(archive, opf_path), opf_path)
    base = posixpath.dirname(opf_path)
    pages, tables = [], []
    for item in opf.iter(f"{{{_OPF}}}item"):
        path = posixpath.normpath(posixpath.join(base, item.get("href", "")))
        if path not in names:
            continue
        kind = item.get("media-type", "")
        if kind == "application/xhtml+xml":
            pages.append(path)
        elif kind == "application/x-dtbncx+xml":
            tables.append(path)
    return opf_path, opf, pages, tables


def extract(data: bytes, options: Options) -> Extraction:
    archive = open_zip(data, options.limits)
    names = set(archive.namelist())
    opf_path, opf, pages, tables = _content_documents(archive, names)
    trees: dict[str, etree._ElementTree] = {opf_path: opf}
    for language in opf.iter(_DC_LANGUAGE):
        language.text = options.target
    paragraphs: list[Paragraph] = []
    for path in pages:
        trees[path] = tree = parse_xml(read_member(archive, path), path)
        root = tree.getroot()
        for attribute in ("lang", _XML_LANG):
            if root.get(attribute):
                root.set(attribute, options.target)
        paragraphs += [mixed_paragraph(block, _classify) for block in _leaf_blocks(tree)]
    for path in tables:
        trees[path] = tree = parse_xml(read_member(archive, path), path)
        paragraphs += [mixed_paragraph(label, _classify) for label in tree.iter(_NCX_TEXT)]

    def save() -> bytes:
        return rewrite_zip(archive, {path: serialize_xml(tree) for path, tree in trees.items()})

    return from_paragraphs(paragraphs, save)


