"""What a parsed roadmap is: plain dataclasses, with the JSON contract in ``Roadmap.to_json``."""

from __future__ import annotations

from dataclasses import dataclass, field

from schools.parties import split_executor_lines

# The fields a column can carry; year columns are "year:YYYY" besides these. A "section"
# column (e.g. «Задачи» beside «Мероприятия») heads sections instead of filling an activity.
FIELDS = ("number", "title", "deadline", "result", "planned_value", "responsible", "indicator")
SECTION_FIELD = "section"
YEAR_PREFIX = "year:"


def is_known_field(name: str | None) -> bool:
    if name is None or name in FIELDS or name == SECTION_FIELD:
        return True
    year = name.removeprefix(YEAR_PREFIX)
    return name.startswith(YEAR_PREFIX) and len(year) == 4 and year.isdigit()


@dataclass
class Activity:
    title: str
    number: str | None = None
    deadline: str | None = None
    years: dict[str, str] = field(default_factory=dict)
    result: str | None = None
    planned_value: str | None = None
    responsible: str | None = None
    indicator: str | None = None
    # Where the activity came from (1-based table and row), for warnings and the preview.
    table: int = field(default=0, compare=False)
    row: int = field(default=0, compare=False)
    # The number exactly as the document writes it ("2.1."): the portal keeps it so; the JSON
    # contract gives the normalised `number`.
    number_as_written: str | None = field(default=None, compare=False)
    # The executor cells line by line, as written: the lines tell parties apart.
    responsible_lines: list[str] = field(default_factory=list, compare=False)

    @property
    def executors(self) -> list[str]:
        """The parties the executor cells name, lead first: split on line breaks, semicolons
        and commas outside quotes."""
        return split_executor_lines(self.responsible_lines or [self.responsible or ""])

    def content_key(self) -> tuple:
        """Everything the document says about the activity: equal keys mean a copy-paste."""
        return (
            self.number,
            self.title,
            self.deadline,
            tuple(self.years.items()),
            self.result,
            self.planned_value,
            self.responsible,
            self.indicator,
        )

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "deadline": self.deadline,
            "years": dict(self.years),
            "result": self.result,
            "planned_value": self.planned_value,
            "responsible": self.responsible,
            "indicator": self.indicator,
        }


@dataclass
class Section:
    number: str | None = None
    title: str | None = None
    activities: list[Activity] = field(default_factory=list)
    table: int = field(default=0, compare=False)
    row: int = field(default=0, compare=False)
    number_as_written: str | None = field(default=None, compare=False)
    # 1 for a top heading; «Задача» under «Цель» under «Подпрограмма» is 3.
    level: int = field(default=1, compare=False)
    # The table the section is in: its index in ``Roadmap.forms``.
    form: int = field(default=0, compare=False)

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "activities": [activity.to_json() for activity in self.activities],
        }


@dataclass
class ApprovingOrder:
    """The act that approved the roadmap, e.g. «Приказ № 55 от 03.09.2019»."""

    kind: str  # "Приказ", "Постановление", "Распоряжение"
    number: str | None = None
    date: str | None = None  # dd.mm.yyyy
    subject: str | None = None  # «Об утверждении …» when the document names it

    @property
    def text(self) -> str:
        parts = [self.kind]
        if self.number:
            parts.append(f"№ {self.number}")
        if self.date:
            parts.append(f"от {self.date}")
        return " ".join(parts)

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "number": self.number,
            "date": self.date,
            "subject": self.subject,
            "text": self.text,
        }


@dataclass
class ParseWarning:
    """A doubtful row: ``table`` and ``row`` are 1-based as the user sees them
    (the sheet row in Excel, the table row in Word, the line in text)."""

    table: int
    row: int
    message: str

    def to_json(self) -> dict:
        return {"table": self.table, "row": self.row, "message": self.message}


@dataclass
class HeaderCell:
    text: str
    span: int = 1  # columns it covers


@dataclass
class TableForm:
    """How one roadmap table looks in the document, to be reproduced on export: its caption,
    header levels (merged cells as spans), the row of column numbers, and each column's field."""

    caption: str | None = None
    header: list[list[HeaderCell]] = field(default_factory=list)
    numbering: list[str] = field(default_factory=list)
    columns: list[str | None] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "caption": self.caption,
            "header": [[{"text": c.text, "span": c.span} for c in level] for level in self.header],
            "numbering": list(self.numbering),
            "columns": list(self.columns),
        }


@dataclass
class Roadmap:
    title: str | None = None
    municipality: str | None = None
    period: str | None = None
    columns: list[str | None] = field(default_factory=list)
    tables: int = 0
    sections: list[Section] = field(default_factory=list)
    order: ApprovingOrder | None = None
    warnings: list[ParseWarning] = field(default_factory=list)
    # The document's own form: one entry per table read, in order.
    forms: list[TableForm] = field(default_factory=list)
    source_kind: str = ""  # "docx", "xlsx", "pdf", "csv", "text"
    # The block at the top right as written («Приложение № 1», «к приказу …»), line by line.
    approval: list[str] = field(default_factory=list)
    # The signature under the roadmap («Начальник отдела образования», «П.В. Пьянов»).
    signature: list[str] = field(default_factory=list)

    @property
    def activities(self) -> list[Activity]:
        return [activity for section in self.sections for activity in section.activities]

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "municipality": self.municipality,
            "period": self.period,
            "columns": list(self.columns),
            "tables": self.tables,
            "sections": [section.to_json() for section in self.sections],
        }
