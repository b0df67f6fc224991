"""A report as a document the department signs: plain blocks that the PDF and the DOCX renderers
lay out alike (reports/builders/document_pdf.py, document_docx.py).

Every text is final here — numbers, dates and names already went through display.formats — so
the renderers only place strings, and both files say the same thing. Builders of documents
(`spravka_document` in reports/spravka_document.py, others to come) are pure functions from the
plain data of reports.data to a `Document`; a new kind of report adds a builder, not a renderer.
"""

from dataclasses import dataclass, field

# ГОСТ Р 7.0.97-2016: the date and registration number are filled in when the document is
# signed and registered; until then the requisites carry blanks of the right shape.
DATE_PLACEHOLDER = "__.__.____"
NUMBER_PLACEHOLDER = "№ ________"


@dataclass(frozen=True)
class Requisites:
    """The head of the document: the department as on its letterhead, the addressee, the
    document kind, the heading to the text, and the date and number blanks."""

    department: str
    addressee: tuple[str, ...]  # lines; empty: an internal document without an addressee
    kind: str  # «АНАЛИТИЧЕСКАЯ СПРАВКА»
    heading: str  # «об исполнении дорожной карты … за 2022 год»
    date: str = DATE_PLACEHOLDER
    number: str = NUMBER_PLACEHOLDER


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a numbered part of the document, 2: a subsection


@dataclass(frozen=True)
class Paragraph:
    text: str  # line breaks are kept
    note: bool = False  # «нет сведений» and the like: set apart (italic)
    label: str = ""  # a run-in label printed bold before the text: «Основание:»

    @property
    def lines(self) -> list[str]:
        """Each line of the text is a paragraph of its own (indented alike)."""
        return self.text.split("\n")


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    kind: str = ""  # "section": one cell across the table; "total": bold


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[int, ...] = ()  # percent of the text width per column; () → even
    numeric: frozenset[int] = frozenset()  # columns aligned right
    caption: str = ""


@dataclass(frozen=True)
class Chart:
    """Shares 0..1 (None: nothing to count) by label. PDF draws it; DOCX prints its figures."""

    title: str
    kind: str  # "bars" (labels are sections) or "line" (labels are years)
    labels: tuple[str, ...]
    shares: tuple[float | None, ...]
    captions: tuple[str, ...]  # what each point or bar says: «62,5 %», «63 % (5 из 8)»
    counts: tuple[tuple[int, int], ...] = ()  # bars: (done, due) behind each share


@dataclass(frozen=True)
class SignatureBlock:
    position: str  # «Начальник отдела образования»: capital letter
    name: str  # «Е.\u00a0П.\u00a0Иванова»: non-breaking spaces, never wraps
    executor: str  # «Исполнитель: О. В. Петренко, тел. …»


Block = Heading | Paragraph | Table | Chart


@dataclass
class Document:
    requisites: Requisites
    blocks: list[Block] = field(default_factory=list)
    signature: SignatureBlock | None = None
    # A draft («ПРОЕКТ»): the document is not complete (a справка without conclusions) and
    # must not be signed as it is.
    is_draft: bool = False
    title: str = ""  # the file's title (PDF metadata, DOCX core properties)
