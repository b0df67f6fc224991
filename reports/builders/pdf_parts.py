"""WeasyPrint, with a long document laid out in parts so that memory does not grow with its size.

WeasyPrint keeps every laid-out page in memory until the PDF is written (~0.5 KB per character of
HTML: a worker building a 1,000-activity справка peaked at 350 MB, a large municipality's at
490 MB; bench/report.py). Here the final HTML is cut between block elements — the children of
<body>, and, inside those longer than `part_chars`, the children of <div>, <section>, <table> or
<tbody>: rows of a long table — and each part is laid out, written and dropped before the next
one; pypdf joins the parts. Cutting the source text needs no knowledge of the templates, so the
templates mark nothing.

The pages are those of a single pass:
- a part after the first starts on a blank page that is not kept, so its first page is laid out
  as a continued page: not `@page :first`, <body> without its top margin, the element the page
  starts with without its top margin (as after an unforced break), the elements it continues
  (a table) without their top margin and padding, and a table's <thead> repeated;
- a part's last page is not kept unless the part is the last one: what follows might have changed
  it (`break-after: avoid`, widows), so the next part starts with the first element on that page.
  When that element began on an earlier page (a paragraph longer than a page: every page of a
  long справка section may start inside one), the next part first lays it out again from where
  it began, below a spacer as tall as what preceded it on that page, so that it breaks across
  the pages at the same lines; those pages are not kept either. The spacer stands in for the
  wrappers (<div>, <section>) too, so they get no top margin, padding or border there. A row of
  a cut table cannot be laid out again this way, nor an element that began on the document's
  first page (`@page :first`): when the last page starts inside one of these, or inside the
  part's own first element (longer than a part), the part is laid out again with more of what
  follows, up to the whole rest of the document;
- a table cut across parts has fixed column widths (`table-layout: fixed`: from its header row),
  since automatic widths would be computed from the rows of each part and shift from page to
  page. Give such tables column widths in the template: then a single pass lays them out alike.
The page margin boxes («стр. N из M») are not drawn in the parts: once the parts are laid out and
M is known, a document of M empty pages with the same @page rules draws them, and each of its
pages is laid over the page of the same number. So margin boxes may show counter(page),
counter(pages) and fixed text, not string() or element() taken from the content. Structural
selectors (:nth-child, :first-child) count the siblings that are in the same part.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import Fit
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# Elements whose children are blocks a page may start with: cut between them when too long.
SPLIT_TAGS = frozenset({"body", "div", "section", "article", "main", "table", "tbody"})
# What a table repeats on every page it continues on, and so in every part it continues in.
TABLE_HEADER_TAGS = frozenset({"colgroup", "thead", "tfoot"})
UNIT = "data-pdf-unit"
STARTS_PAGE = "data-pdf-starts-page"
CONTINUED = "data-pdf-continued"
CUT_TABLE = "data-pdf-cut-table"
MARGIN_BOXES = [
    f"{side}-{place}"
    for side, places in (
        ("top", ("left-corner", "left", "center", "right", "right-corner")),
        ("bottom", ("left-corner", "left", "center", "right", "right-corner")),
        ("left", ("top", "middle", "bottom")),
        ("right", ("top", "middle", "bottom")),
    )
    for place in places
]
PART_STYLE = (
    "<style>@page {"
    + "".join(f"@{box} {{ content: none !important }}" for box in MARGIN_BOXES)
    + f"}} [{STARTS_PAGE}], [{CONTINUED}] {{ margin-top: 0 !important }}"
    f" [{CONTINUED}] {{ padding-top: 0 !important }}"
    f" table[{CUT_TABLE}] {{ table-layout: fixed !important }}"
    " pdf-lead { display: block; margin: 0; padding: 0; border: 0 }</style>"
)
PT_PER_PX = 0.75
BLANK_PAGE = '<div style="break-after: page"></div>'
# The numbering layer: the pages of the document, empty, with their margin boxes only.
NUMBERING_STYLE = (
    "<style>html, body { background: none !important }"
    " @page { background: none !important }"
    " pdf-page { display: block } pdf-page + pdf-page { break-before: page }</style>"
)


class RefusingURLFetcher(URLFetcher):
    """Refuses every URL: the report HTML is self-contained."""

    def fetch(self, url, headers=None):
        raise ValueError(f"Отчёт не загружает внешние ресурсы: {url}")


def write_pdf(html: str, part_chars: int) -> bytes:
    """The PDF of `html`, laid out in parts of at most `part_chars` characters of source."""
    document = _Outline(html).document(part_chars) if len(html) > part_chars else None
    if document is None or len(document.units) < 2:
        return _render(html).write_pdf()
    return document.write_pdf()


def _render(html: str, font_config: FontConfiguration | None = None):
    # No base URL: a relative URL resolves to nothing, an absolute one meets the refusing fetcher.
    source = HTML(string=html, base_url=None, url_fetcher=RefusingURLFetcher())
    return source.render(font_config=font_config)


@dataclass(eq=False)
class _Element:
    tag: str
    start: int
    inner_start: int
    inner_end: int = -1
    end: int = -1
    has_text: bool = False
    children: list["_Element"] = field(default_factory=list)

    def splits(self, part_chars: int) -> bool:
        too_long = self.end - self.start > part_chars
        return too_long and self.tag in SPLIT_TAGS and not self.has_text and bool(self.children)


@dataclass(frozen=True, eq=False)
class _Frame:
    """An element cut across parts: each part opens it again."""

    opening: str
    header: str
    closing: str


@dataclass(frozen=True)
class _Unit:
    tag: str
    start: int
    end: int
    frames: tuple[_Frame, ...]


class _Outline(HTMLParser):
    """Source offsets of the elements: the parts are cut from the HTML text, not re-serialised."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.root = _Element("", 0, 0)
        self.stack = [self.root]
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        element = _Element(tag, start, start + len(self.get_starttag_text()))
        self.stack[-1].children.append(element)
        if tag in VOID_TAGS:
            element.inner_end = element.end = element.inner_start
        else:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        start = self._offset()
        end = start + len(self.get_starttag_text())
        self.stack[-1].children.append(_Element(tag, start, end, end, end))

    def handle_endtag(self, tag):
        if all(element.tag != tag for element in self.stack[1:]):
            return  # a stray end tag closes nothing
        start = self._offset()
        end = self.html.index(">", start) + 1
        while True:  # an end tag closes the elements left open inside it, as browsers do
            element = self.stack.pop()
            element.inner_end, element.end = start, end if element.tag == tag else start
            if element.tag == tag:
                return

    def handle_data(self, data):
        if data.strip():
            self.stack[-1].has_text = True

    def handle_entityref(self, name):  # `&nbsp;` is text too
        self.stack[-1].has_text = True

    handle_charref = handle_entityref

    def document(self, part_chars: int) -> "_PartedDocument | None":
        body = self._find(self.root, "body")
        if body is None or body.end < 0 or not body.splits(part_chars):
            return None
        # The parts' own rules go last in the head: after the report's, and before the body.
        head = self.html[: body.start]
        return _PartedDocument(
            html=self.html,
            head=head,
            body=self.html[body.start : body.inner_start],
            suffix=self.html[body.inner_end :],
            units=list(self._units(body, (), part_chars)),
            part_chars=part_chars,
        )

    def _find(self, element: _Element, tag: str) -> _Element | None:
        for child in element.children:
            found = child if child.tag == tag else self._find(child, tag)
            if found is not None:
                return found
        return None

    def _units(self, element: _Element, frames, part_chars: int) -> Iterator[_Unit]:
        html = self.html
        for child in element.children:
            if element.tag == "table" and child.tag in TABLE_HEADER_TAGS:
                continue  # in the frame's header
            if child.tag != "body" and child.splits(part_chars):
                header = "".join(
                    html[c.start : c.end]
                    for c in child.children
                    if child.tag == "table" and c.tag in TABLE_HEADER_TAGS
                )
                opening = html[child.start : child.inner_start]
                if child.tag == "table":
                    opening = _with_attribute(opening, child.tag, CUT_TABLE)
                frame = _Frame(opening, header, html[child.inner_end : child.end])
                yield from self._units(child, (*frames, frame), part_chars)
            else:
                yield _Unit(child.tag, child.start, child.end, frames)


def _with_attribute(tag_text: str, tag: str, attribute: str) -> str:
    """`<tr class="x">…` → `<tr data-… class="x">…`: the start tag's name is kept as written."""
    return f"{tag_text[: len(tag) + 1]} {attribute}{tag_text[len(tag) + 1 :]}"


def _units_on(page) -> set[int]:
    """The units that have a box on the page (WeasyPrint's page box tree is not public API)."""
    found = set()
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        if element is not None and (unit := element.get(UNIT)) is not None:
            found.add(int(unit))
    return found


@dataclass
class _PartedDocument:
    html: str
    head: str
    body: str
    suffix: str
    units: list[_Unit]
    part_chars: int

    def write_pdf(self) -> bytes:
        font_config = FontConfiguration()  # fonts are loaded once for all the parts
        parts, bookmarks, pages, start, lead = [], [], 0, 0, _Lead()
        while start < len(self.units):
            document, kept, next_start, next_lead = self._lay_out_part(start, lead, font_config)
            parts.append(document.copy(kept).write_pdf())
            bookmarks += [
                _Bookmark(level, label, pages + index, page.height, target, state == "open")
                for index, page in enumerate(kept)
                for level, label, target, state in page.bookmarks
            ]
            pages += len(kept)
            del document, kept  # the laid-out part is the memory this module bounds
            start, lead = next_start, next_lead
        numbering = _render(self._numbering_html(pages), font_config).write_pdf()
        return _join(parts, numbering, bookmarks)

    def _lay_out_part(self, start: int, lead: "_Lead", font_config: FontConfiguration):
        """The part from `start` laid out, its pages to keep, and where the next part starts."""
        end = self._part_end(start)
        while True:
            document = _render(self._part_html(start, end, lead), font_config)
            # The blank page, and the pages the part's first element began on, were kept before.
            kept = document.pages[1 + lead.pages :] if start else document.pages
            if end == len(self.units):
                return document, kept, end, _Lead()
            if (redone := self._redo_last_page(kept, start)) is not None:
                return document, *redone
            # Every page of the part starts inside its first element: lay out more of what follows.
            del document, kept
            end = self._part_end(end)

    def _part_end(self, start: int) -> int:
        end, size = start + 1, self.units[start].end - self.units[start].start
        while end < len(self.units):
            size += self.units[end].end - self.units[end].start
            if size > self.part_chars:
                break
            end += 1
        return end

    def _part_html(self, start: int, end: int, lead: "_Lead") -> str:
        pieces = [self.head, PART_STYLE, self.body, BLANK_PAGE if start else ""]
        if lead.pages:
            pieces.append(f'<pdf-lead style="height: {lead.height!r}px"></pdf-lead>')
        opened: tuple[_Frame, ...] = ()
        for index in range(start, end):
            unit = self.units[index]
            shared = 0
            while shared < min(len(opened), len(unit.frames)) and (
                opened[shared] is unit.frames[shared]
            ):
                shared += 1
            pieces += [frame.closing for frame in reversed(opened[shared:])]
            continued = self.units[start - 1].frames if index == start and start else ()
            for frame in unit.frames[shared:]:
                opening = frame.opening
                if frame in continued or lead.pages:
                    opening = _with_attribute(opening, _tag_of(opening), CONTINUED)
                elif index == start and start:
                    opening = _with_attribute(opening, _tag_of(opening), STARTS_PAGE)
                pieces += [opening, frame.header]
            text = _with_attribute(self.html[unit.start : unit.end], unit.tag, f'{UNIT}="{index}"')
            if index == start and start:
                text = _with_attribute(text, unit.tag, STARTS_PAGE)
            pieces.append(text)
            opened = unit.frames
        pieces += [frame.closing for frame in reversed(opened)]
        pieces.append(self.suffix)
        return "".join(pieces)

    def _redo_last_page(self, pages, start: int):
        """Pages to keep, the unit to start the next part with and how to lead into it; None if
        the last page starts inside an element that cannot be laid out again from there."""
        last = len(pages) - 1
        if last < 0:
            return None  # nothing visible yet (`display: none`)
        first = min(_units_on(pages[last]), default=start)
        began = last
        while began > 0 and first in _units_on(pages[began - 1]):
            began -= 1
        in_cut_table = any(_tag_of(frame.opening) == "table" for frame in self.units[first].frames)
        if first == start or (began < last and (in_cut_table or (began == 0 and start == 0))):
            return None
        if began == last:
            return pages[:last], first, _Lead()
        page = pages[began]._page_box
        box = next(
            box
            for box in page.descendants()
            if getattr(box, "element", None) is not None and box.element.get(UNIT) == str(first)
        )
        # From the top of the page's content to the element's top border, as laid out here.
        height = box.border_box_y() - page.content_box_y()
        return pages[:last], first, _Lead(height, last - began)

    def _numbering_html(self, pages: int) -> str:
        return "".join(
            [self.head, NUMBERING_STYLE, self.body, "<pdf-page></pdf-page>" * pages, self.suffix]
        )


@dataclass(frozen=True)
class _Lead:
    """What a part lays out again before its first kept page: the pages its first element began
    on, and the height above that element on the first of them (CSS px)."""

    height: float = 0
    pages: int = 0


def _tag_of(start_tag: str) -> str:
    return re.match(r"<([^\s/>]+)", start_tag).group(1)


@dataclass(frozen=True)
class _Bookmark:
    level: int
    label: str
    page: int
    page_height: float
    target: tuple[float, float]
    is_open: bool


def _join(parts: list[bytes], numbering: bytes, bookmarks: list[_Bookmark]) -> bytes:
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(BytesIO(part)), import_outline=False)
    writer.add_metadata(PdfReader(BytesIO(parts[0])).metadata)
    for page, numbers in zip(writer.pages, PdfReader(BytesIO(numbering)).pages, strict=True):
        page.merge_page(numbers)
    _add_outline(writer, bookmarks)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def _add_outline(writer: PdfWriter, bookmarks: list[_Bookmark]) -> None:
    """The headings' outline of the whole document: each part's own would be cut at its start."""
    parents: list[tuple[int, object]] = []
    for bookmark in bookmarks:
        while parents and parents[-1][0] >= bookmark.level:
            parents.pop()
        x, y = bookmark.target
        item = writer.add_outline_item(
            title=bookmark.label,
            page_number=bookmark.page,
            parent=parents[-1][1] if parents else None,
            # CSS pixels from the top-left of the page → PDF points from the bottom-left.
            fit=Fit.xyz(left=x * PT_PER_PX, top=(bookmark.page_height - y) * PT_PER_PX),
            is_open=bookmark.is_open,
        )
        parents.append((bookmark.level, item))
