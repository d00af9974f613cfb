"""Reading a built PDF back for tests: how full each page is, and its structure tree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

MM = 72 / 25.4
TOP, BOTTOM = 20 * MM, 18 * MM  # the print stylesheet's page margins


def page_fill(reader: PdfReader) -> list[float]:
    """Per page, the share of the text area's height down to its lowest line of text."""
    fills = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        top, bottom = height - TOP, BOTTOM
        ys = text_positions(page, 1)
        lows = [y for y in ys if bottom <= y <= top]
        fills.append((top - min(lows)) / (top - bottom) if lows else 0.0)
    return fills


def text_positions(page: Any, axis: int) -> list[float]:
    """Where each run of text on a page starts, along x (0) or y (1), in PDF units."""
    found: list[float] = []

    def visit(text: str, cm: Any, tm: Any, *_: Any) -> None:
        if text.strip():
            found.append(cm[axis] * tm[4] + cm[axis + 2] * tm[5] + cm[axis + 4])

    page.extract_text(visitor_text=visit)
    return found


@dataclass
class Elem:
    """One structure element: its type, page numbers (1-based) of its content, and children."""

    tag: str
    pages: set[int] = field(default_factory=set)
    alt: str | None = None
    kids: list[Elem] = field(default_factory=list)

    def walk(self) -> Iterator[Elem]:
        """This element and every element under it."""
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def all_pages(self) -> set[int]:
        """Pages of every bit of content under this element."""
        return set().union(*(e.pages for e in self.walk()))


def structure(reader: PdfReader) -> tuple[Elem, dict[int, set[int]]]:
    """The structure tree, and per page the marked-content ids it reaches."""
    numbers = {_ref(p).idnum: i + 1 for i, p in enumerate(reader.pages)}
    reached: dict[int, set[int]] = {}

    def build(node: Any, page: int | None) -> Elem:
        pg = node.get("/Pg")
        here = numbers.get(pg.idnum, page) if pg is not None else page
        alt = node.get("/Alt")
        elem = Elem(str(node["/S"]), alt=str(alt) if alt is not None else None)
        kids = node.get("/K")
        items = kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
        for item in items:
            kid = item.get_object() if isinstance(item, IndirectObject) else item
            if isinstance(kid, int) and here is not None:
                elem.pages.add(here)
                reached.setdefault(here, set()).add(int(kid))
            elif isinstance(kid, DictionaryObject) and kid.get("/Type") == "/MCR":
                mcr: Any = kid
                n = numbers[mcr.raw_get("/Pg").idnum]
                elem.pages.add(n)
                reached.setdefault(n, set()).add(int(mcr["/MCID"]))
            elif isinstance(kid, DictionaryObject) and "/S" in kid:
                elem.kids.append(build(kid, here))
        return elem

    catalog: Any = reader.trailer["/Root"]
    root = catalog["/StructTreeRoot"]
    return build({"/S": "/Root", "/K": root["/K"]}, None), reached


MARKED = re.compile(rb"/(\w+)\s*<<[^>]*?/MCID (\d+)[^>]*>>\s*BDC")


def marked_ids(reader: PdfReader) -> dict[int, set[int]]:
    """Per page, every marked-content id its content stream tags."""
    out = {}
    for i, page in enumerate(reader.pages, start=1):
        data = page.get_contents().get_data()  # type: ignore[union-attr]
        out[i] = {int(m.group(2)) for m in MARKED.finditer(data)}
    return out


def artifact_text(reader: PdfReader, page: int) -> str:
    """The text drawn inside /Artifact marked content on one page (running heads, folios)."""
    data = reader.pages[page - 1].get_contents().get_data()  # type: ignore[union-attr]
    chunks = re.findall(rb"/Artifact\s*(?:<<[^>]*>>\s*BDC|BMC)(.*?)EMC", data, re.DOTALL)
    return " ".join(c.decode("latin-1") for c in chunks if b"Tj" in c or b"TJ" in c)


def outline_pages(reader: PdfReader) -> dict[str, int]:
    """Top-level bookmark titles and the page (1-based) each points to."""
    out = {}
    for item in reader.outline:
        if not isinstance(item, list):
            out[str(item.title)] = (reader.get_destination_page_number(item) or 0) + 1
    return out


def _ref(page: Any) -> Any:
    ref = page.indirect_reference
    assert ref is not None
    return ref


def read(path: Path) -> PdfReader:
    """A PDF reader for ``path``."""
    return PdfReader(path)
