"""The drafted paragraph of each section of the справка, assembled from the data: what was done
and with what result (year-cell comments, accepted school reports), what was not and why.

The coordinator sees the drafts prefilled on the справка page and edits them before building;
pure functions of reports.data, light to import (no builders) for the web page.
"""

from collections import Counter, defaultdict

from display.formats import format_number
from programs.status import NO_INFORMATION, STATUS_LABELS, ExecutionStatus
from reports.data import ActivityRow, SchoolSection, Spravka

S = ExecutionStatus
_count = format_number  # counts print as «3», never «3,00»
ACCEPTED = "принят"
# Statuses a section text explains under «what was not done and why».
NOT_DONE_STATUSES = (S.NOT_DONE, S.POSTPONED, S.CANCELLED, S.NOT_STARTED, S.IN_PROGRESS)


def activity_label(row: ActivityRow) -> str:
    return " ".join(part for part in (row.number, row.title) if part)


def _clause(text: str) -> str:
    """Text to be joined into a sentence: one line, no closing punctuation of its own (no
    «приложены.;»)."""
    return " ".join(text.split()).rstrip(".;,")


def _first_line(text: str) -> str:
    return _clause(next((line for line in text.splitlines() if line.strip()), ""))


def accepted_reports(sections: list[SchoolSection] | None) -> dict[str, list[str]]:
    """What schools reported in accepted reports, by the activity line the report names."""
    found = defaultdict(list)
    for section in sections or []:
        for line in section.activities:
            if line.state == ACCEPTED and line.text.strip():
                found[line.activity].append(f"{section.school}: {_clause(line.text)}")
    return found


def draft_section_text(rows: list[ActivityRow], reports: dict[str, list[str]]) -> str:
    """A first draft of a section's paragraph, assembled from the data: what was done and with
    what result (year-cell comments, accepted school reports), what was not and why. The
    coordinator edits it before building the справка."""
    if not rows:
        return "Мероприятий раздела к исполнению в отчётном году нет."
    statuses = Counter(row.status for row in rows)
    due = f"Мероприятий к исполнению в отчётном году — {_count(len(rows))}: "
    if not any(row.status for row in rows):  # a year nobody filled in carries no status
        return due + f"исполнение не отмечено, {NO_INFORMATION}."
    parts = [
        due
        + ", ".join(
            f"{STATUS_LABELS[status]} — {_count(statuses[status])}"
            for status in S
            if statuses[status]
        )
        + "."
    ]
    done = []
    for row in rows:
        if row.status not in (S.DONE, S.PARTLY_DONE):
            continue
        result = _first_line(row.comment)
        school_texts = [text for key, texts in reports.items() if activity_label(row) in key
                        for text in texts]  # fmt: skip
        details = "; ".join(filter(None, [result, *school_texts]))
        partly = " (частично)" if row.status == S.PARTLY_DONE else ""
        done.append(f"{activity_label(row)}{partly}" + (f" — {details}" if details else ""))
    if done:
        parts.append("Выполнено: " + "; ".join(done) + ".")
    missed = [
        f"{activity_label(row)} ({STATUS_LABELS[row.status]}) — "
        + (_first_line(row.comment) or "причина не указана")
        for row in rows
        if row.status in NOT_DONE_STATUSES
    ]
    if missed:
        parts.append("Не выполнено: " + "; ".join(missed) + ".")
    return "\n".join(parts)


def rows_by_section(data: Spravka) -> dict[str, list[ActivityRow]]:
    """The activities due, by section title, in roadmap order."""
    sections = defaultdict(list)
    for row in data.activities:
        sections[row.section].append(row)
    return sections


def section_drafts(data: Spravka) -> dict[str, str]:
    """The drafted paragraph of every section with activities due, in roadmap order."""
    reports = accepted_reports(data.school_sections)
    return {
        section: draft_section_text(rows, reports)
        for section, rows in rows_by_section(data).items()
    }
