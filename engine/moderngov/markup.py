"""Markup (XML and HTML) as the reader's text lines, and evidence taken back to the markup.

The extractors read a `Paper`: lines numbered 1, 2, 3 … in reading order. A page or a web
service response is a tree, so it is read here as *blocks*: each paragraph, heading, list
item, table cell or text-bearing XML element becomes one line of the paper, its text the
element's own text (nested blocks are blocks of their own). Each block remembers the source
lines it spans in the saved file and the element it came from ("agendaitem 55. minutes, p 2"),
so that evidence found on a block can be given back as lines of the file, quoting the
element's text and naming the element (`to_source`).

Parsing is lxml's, with entity expansion and network access off and the size held to the
caller's cap: a service response or a page is input from the internet like any paper.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from lxml import etree, html

from govlint.engine.reading.lines import Line, Paper, clean_text, finish_paper
from govlint.engine.records.model import Evidence

# Elements whose text is a line of its own; everything else (spans, links, emphasis) is
# inline and belongs to the block around it.
_BLOCKS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd caption blockquote pre address div section article header footer tr table ul ol dl body".split()
)
# Table cells are read across, a row as one line ("Decision type: Key"), as a page saved as
# text gives them; a space keeps adjacent cells apart.
_CELLS = frozenset(("td", "th"))
# Never text of the page.
_SKIPPED = frozenset("script style noscript head template".split())
# A long answer is kept whole; a block longer than this is not prose and is cut.
_MAX_BLOCK = 20_000


class UnreadableMarkup(ValueError):
    """The markup could not be parsed at all."""


@dataclass(frozen=True)
class Block:
    """One line of the reader's paper: text, the source lines it spans and the element it is."""

    text: str
    line: int
    end_line: int
    element: str


@dataclass(frozen=True)
class MarkupPaper:
    """A paper read from markup, and its blocks by paper line number (1-based)."""

    paper: Paper
    blocks: tuple[Block, ...]

    def to_source(self, evidence: dict[str, Evidence], url: str | None = None) -> dict[str, Evidence]:
        """Evidence on the paper's lines as lines of the markup file, naming the element
        (and the address the file was fetched from, when known)."""
        return {name: self.quote(quote, url) for name, quote in evidence.items()}

    def quote(self, quote: Evidence, url: str | None = None) -> Evidence:
        first, last = self.blocks[quote.line - 1], self.blocks[max(quote.end_line, quote.line) - 1]
        return replace(quote, line=first.line, end_line=max(last.end_line, first.line), location=place(first.element, url))


def place(element: str, url: str | None) -> str:
    """How evidence names where it is: the element, and the address the file came from."""
    return f"{element} ({url})" if url else element


def parse_xml(data: bytes) -> etree._Element:
    """The root of an XML document; no entities expanded, no DTD or network fetched."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UnreadableMarkup(f"not well-formed XML: {error}") from None
    if root is None:
        raise UnreadableMarkup("not XML: no root element")
    return root


def localname(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def find(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first element of this name at or below `element` (a SOAP envelope may wrap the response)."""
    if element is None:
        return None
    return next((node for node in element.iter() if localname(node) == name), None)


def children(element: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if element is None else [child for child in element if localname(child) == name]


def child(element: etree._Element, name: str) -> etree._Element | None:
    return next(iter(children(element, name)), None)


def text(element: etree._Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def parse_html(text: str) -> html.HtmlElement:
    """The root of an HTML document or fragment, however broken (as browsers read it)."""
    try:
        root = html.document_fromstring(text) if text.strip() else None
    except (etree.ParserError, ValueError) as error:
        raise UnreadableMarkup(f"not HTML: {error}") from None
    if root is None:
        raise UnreadableMarkup("not HTML: nothing in it")
    return root


def html_blocks(root: html.HtmlElement, element: str, first_line: int = 1, last_line: int | None = None) -> list[Block]:
    """The blocks of an HTML tree; `element` names where the tree sits ("agendaitem 55. minutes"),
    `first_line` is the file line the tree's own line 1 is on (HTML held inside an XML element)
    and `last_line` the file line it ends on.

    A block's text runs on to where the next block starts (the parser gives only where an
    element starts), the last block's to the tree's end."""
    found = list(_html_blocks(root))
    starts = [(node.sourceline or 1) + first_line - 1 for node, _ in found]
    ends = [max(start, following) for start, following in zip(starts, starts[1:] + [last_line or max(starts, default=first_line)])]
    counts: dict[str, int] = {}
    blocks = []
    for (node, text), start, end in zip(found, starts, ends):
        counts[node.tag] = counts.get(node.tag, 0) + 1
        blocks.append(Block(text, start, end, f"{element}, {node.tag} {counts[node.tag]}"))
    return blocks


def _html_blocks(node: html.HtmlElement) -> Iterator[tuple[html.HtmlElement, str]]:
    """(block element, its own text) in document order, blocks inside blocks after the text before them."""
    pieces: list[str] = [node.text or ""]
    nested: list[tuple[html.HtmlElement, str]] = []
    for child in node:
        if not isinstance(child.tag, str) or child.tag in _SKIPPED:
            pieces.append(child.tail or "")
            continue
        if child.tag in _BLOCKS:
            yield from _own(node, pieces)
            pieces = []
            yield from _html_blocks(child)
        elif child.tag == "br":
            pieces.append(" ")
        else:
            text, inner = _inline(child)
            pieces.append(f" {text} " if child.tag in _CELLS else text)
            nested += inner
        pieces.append(child.tail or "")
    yield from _own(node, pieces)
    yield from nested


def _own(node, pieces: list[str]) -> Iterator[tuple[html.HtmlElement, str]]:
    text = " ".join("".join(pieces).split())[:_MAX_BLOCK]
    if text:
        yield node, text


def _inline(node: html.HtmlElement) -> tuple[str, list]:
    """The text of an inline element, and any block a broken page nested inside it."""
    pieces: list[str] = [node.text or ""]
    nested: list = []
    for child in node:
        if isinstance(child.tag, str) and child.tag in _BLOCKS:
            nested += list(_html_blocks(child))
        elif isinstance(child.tag, str) and child.tag not in _SKIPPED:
            text, inner = _inline(child) if child.tag != "br" else (" ", [])
            pieces.append(text)
            nested += inner
        pieces.append(child.tail or "")
    return "".join(pieces), nested


def markup_paper(source: str, blocks: Iterable[Block]) -> MarkupPaper:
    """The paper whose lines are `blocks`, in order, as a page saved as text reads: a blank
    line between blocks (it belongs to the block above)."""
    lines: list[Line] = []
    kept: list[Block] = []
    for block in blocks:
        if kept:
            lines.append(Line(len(lines) + 1, "", "", kept[-1].element))
            kept.append(kept[-1])
        lines.append(Line(len(lines) + 1, block.text, clean_text(block.text), block.element))
        kept.append(block)
    return MarkupPaper(finish_paper(source, lines), tuple(kept))
