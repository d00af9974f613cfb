"""PDF/UA repairs WeasyPrint leaves to us, made on its output with pikepdf.

- Running heads and page numbers (margin boxes) are tagged content outside the structure tree:
  they become pagination artifacts.
- A table that continues on the next page is one table, not two: the continuation's rows join
  the first part, and its repeated header row becomes a pagination artifact.
- An image with empty alt text is decoration: an artifact, not a Figure without /Alt.
- Every link annotation is named by its link text, not by a bare fragment id.
"""

from __future__ import annotations

import gc
import hashlib
import html as htmllib
import re
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pikepdf

MARKED = re.compile(rb"/(\w+)\n<</MCID (\d+)>>\nBDC")
ARTIFACT = b"/Artifact\n<</Type /Pagination>>\nBDC"
CONTINUABLE = {"/Part", "/Sect", "/Art", "/Div", "/Table", "/TBody"}
HEADINGS = {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/Caption"}


LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
TAG = re.compile(r"<[^>]*>")


def link_names(html: str) -> dict[str, str]:
    """Link text by href, from the HTML the PDF was made from (codify's own, well-formed)."""
    names: dict[str, str] = {}
    for href, inner in LINK.findall(html):
        text = " ".join(htmllib.unescape(TAG.sub("", inner)).split())
        names.setdefault(htmllib.unescape(href), text or htmllib.unescape(href))
    return names


def repair(pdf_bytes: bytes, html: str) -> bytes:
    """The PDF with the repairs above made, and its file identifier: the first half from the
    HTML it was made from, the second from the saved content. Everything else is kept.

    The cyclic garbage collector is paused meanwhile: the repair makes thousands of small
    objects and no cycles, and each collection would walk every object the command holds.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _repair(pdf_bytes, html)
    finally:
        if enabled:
            gc.enable()


def _repair(pdf_bytes: bytes, html: str) -> bytes:
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            fixer = _Fixer(pdf, root)
            fixer.merge_continuations()
            elems = list(_walk(root.K))
            fixer.drop_decorative_figures(elems)
            fixer.mark_artifacts(elems)
            _name_links(pdf, link_names(html), fixer.owners(elems))
        first = pikepdf.String(hashlib.sha256(html.encode()).digest()[:16])
        pdf.trailer.ID = pikepdf.Array([first, first])
        out = BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()


class _Fixer:
    """The structure tree, the page parent tree, and the marked content to turn into artifacts."""

    def __init__(self, pdf: Any, root: Any) -> None:
        self.pdf = pdf
        self.root = root
        self.pages = {p.obj.objgen: p for p in pdf.pages}
        nums = root.ParentTree.Nums
        self.parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        self.dropped: set[tuple[tuple[int, int], int]] = set()

    def _page_of(self, elem: Any) -> Any:
        return elem.get("/Pg")

    def _mcids(self, elem: Any) -> Iterator[tuple[tuple[int, int], int]]:
        """Every marked-content id under ``elem``, with its page."""
        page = self._page_of(elem)
        for kid in _kids(elem):
            if isinstance(kid, int):
                if page is not None:
                    yield page.objgen, kid
            elif kid.get("/Type") == "/MCR":
                yield kid.Pg.objgen, int(kid.MCID)
            elif "/S" in kid:
                yield from self._mcids(kid)

    def _drop(self, elem: Any) -> None:
        """Take ``elem`` out of the tree; its content becomes an artifact."""
        self.dropped.update(self._mcids(elem))
        parent = elem.P
        parent.K = [k for k in _kids(parent) if not (_is_elem(k) and k.objgen == elem.objgen)]

    def merge_continuations(self) -> None:
        """Join each element split at a page break back into one, down the split path."""
        for document in _kids(self.root):
            self._merge_children(document)

    def _merge_children(self, parent: Any) -> None:
        kids = _kids(parent)
        i = 0
        while i < len(kids) - 1:
            a, b = kids[i], kids[i + 1]
            if _is_elem(a) and _is_elem(b) and self._continues(a, b):
                self._join(a, b)
                kids = _kids(parent)
                continue
            i += 1
        for kid in kids:
            if _is_elem(kid):
                self._merge_children(kid)

    def _continues(self, a: Any, b: Any) -> bool:
        if a.S != b.S or str(a.S) not in CONTINUABLE:
            return False
        pa, pb = self._last_page(a), self._page_of(b)
        if pa is None or pb is None or pa.objgen == pb.objgen:
            return False
        first = next((k for k in _kids(b) if _is_elem(k)), None)
        if first is not None and str(first.S) in HEADINGS:
            return False  # b starts a new section, table or figure
        return self._later_page(pa, pb)

    def _last_page(self, elem: Any) -> Any:
        """The page the element's content ends on."""
        last = next((k for k in reversed(_kids(elem)) if _is_elem(k)), None)
        return self._last_page(last) if last is not None else self._page_of(elem)

    def _later_page(self, pa: Any, pb: Any) -> bool:
        order = [p.obj.objgen for p in self.pdf.pages]
        return order.index(pb.objgen) == order.index(pa.objgen) + 1

    def _join(self, a: Any, b: Any) -> None:
        """Move ``b``'s children into ``a``; a repeated table header becomes an artifact."""
        moved = []
        for kid in _kids(b):
            if _is_elem(kid):
                if b.S == "/Table" and kid.S == "/THead" and _has(a, "/THead"):
                    self.dropped.update(self._mcids(kid))
                    continue
                kid.P = a
                moved.append(kid)
            elif isinstance(kid, int):
                mcr = self.pdf.make_indirect(_dict(Type="/MCR", Pg=b.Pg, MCID=kid))
                self.parents[int(self.pages[b.Pg.objgen].StructParents)][kid] = a
                moved.append(mcr)
            else:
                moved.append(kid)
        a.K = [*_kids(a), *moved]
        parent = b.P
        parent.K = [k for k in _kids(parent) if not (_is_elem(k) and k.objgen == b.objgen)]

    def drop_decorative_figures(self, elems: list[Any]) -> None:
        """Figures with no alternative text are decoration: artifacts."""
        for elem in elems:
            if elem.S == "/Figure" and not str(elem.get("/Alt", "")).strip():
                self._drop(elem)

    def mark_artifacts(self, elems: list[Any]) -> None:
        """Rewrite each page's stream: untreed or dropped marked content becomes an artifact."""
        reached = {m for elem in elems for m in self._own_mcids(elem)}
        keep = reached - self.dropped
        for page in self.pdf.pages:
            table = self.parents.get(int(page.obj.get("/StructParents", -1)))
            for stream in _streams(page.obj.Contents):
                swap = _Swap(page.obj.objgen, keep, table)
                stream.write(MARKED.sub(swap, stream.read_bytes()))

    def owners(self, elems: list[Any]) -> dict[Any, Any]:
        """The structure element that holds each annotation, by the annotation's object id."""
        return {kid.Obj.objgen: elem for elem in elems for kid in _kids(elem) if _is_elem_ref(kid)}

    def _own_mcids(self, elem: Any) -> Iterator[tuple[tuple[int, int], int]]:
        page = self._page_of(elem)
        for kid in _kids(elem):
            if isinstance(kid, int) and page is not None:
                yield page.objgen, kid
            elif _is_mcr(kid):
                yield kid.Pg.objgen, int(kid.MCID)


class _Swap:
    """A regex replacement: marked content the tree does not keep becomes a pagination artifact."""

    def __init__(self, page: tuple[int, int], keep: set[Any], table: Any) -> None:
        self.page, self.keep, self.table = page, keep, table

    def __call__(self, match: re.Match[bytes]) -> bytes:
        mcid = int(match.group(2))
        if (self.page, mcid) in self.keep:
            return match.group(0)
        if self.table is not None and mcid < len(self.table):
            self.table[mcid] = None  # the parent tree no longer points at it
        return ARTIFACT


def _streams(contents: Any) -> list[Any]:
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


def _name_links(pdf: Any, names: dict[str, str], owners: dict[Any, Any]) -> None:
    """One annotation per link on a line, named by its text: "At a glance", not "glance"."""
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        kept: list[Any] = []
        for annot in annots:
            href = _href(annot)
            if href is None:
                kept.append(annot)
                continue
            twin = next((k for k in kept if _href(k) == href and _same_line(k, annot)), None)
            if twin is not None:  # a second box of the same link (e.g. generated content)
                twin.Rect = _union(twin.Rect, annot.Rect)
                owner = owners.get(annot.objgen)
                if owner is not None:
                    owner.K = [k for k in _kids(owner) if not _refers(k, annot)]
                continue
            annot.Contents = pikepdf.String(names.get(href, href))
            kept.append(annot)
        page.obj.Annots = pikepdf.Array(kept)


def _href(annot: Any) -> str | None:
    if annot.get("/Subtype") != "/Link":
        return None
    if "/Dest" in annot:
        return "#" + str(annot.Dest)
    if "/A" in annot and "/URI" in annot.A:
        return str(annot.A.URI)
    return None


def _same_line(a: Any, b: Any) -> bool:
    a_low, a_high = sorted((float(a.Rect[1]), float(a.Rect[3])))
    b_low, b_high = sorted((float(b.Rect[1]), float(b.Rect[3])))
    return a_low < b_high and b_low < a_high


def _union(a: Any, b: Any) -> list[float]:
    xs = [float(a[0]), float(a[2]), float(b[0]), float(b[2])]
    ys = [float(a[1]), float(a[3]), float(b[1]), float(b[3])]
    return [min(xs), min(ys), max(xs), max(ys)]


def _refers(kid: Any, annot: Any) -> bool:
    return (
        isinstance(kid, pikepdf.Dictionary)
        and kid.get("/Type") == "/OBJR"
        and kid.Obj.objgen == annot.objgen
    )


def _dict(**items: Any) -> Any:
    return pikepdf.Dictionary({f"/{k}": _value(v) for k, v in items.items()})


def _value(v: Any) -> Any:
    return pikepdf.Name(v) if isinstance(v, str) and v.startswith("/") else v


def _kids(elem: Any) -> list[Any]:
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _is_elem(kid: Any) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


def _is_mcr(kid: Any) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR"


def _is_elem_ref(kid: Any) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"


def _has(elem: Any, tag: str) -> bool:
    return any(_is_elem(k) and tag == k.S for k in _kids(elem))


def _walk(k: Any) -> Iterator[Any]:
    items = list(k) if isinstance(k, pikepdf.Array) else [k]
    for item in items:
        if _is_elem(item):
            yield item
            yield from _walk(item.get("/K", pikepdf.Array()))
