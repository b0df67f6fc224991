"""The аналитическая справка as the department signs it (ГОСТ Р 7.0.97-2016): built from the plain
data of reports.data.Spravka by pure functions, rendered alike to PDF and DOCX.

Where the portal holds no records of a kind, the part says so plainly instead of inventing them.
"""

from collections import Counter, defaultdict
from itertools import zip_longest

from django.utils import translation

from display.formats import (
    format_date_short,
    format_number,
    format_percent,
    format_position,
    format_signed,
    format_signer,
)
from programs.charts import share_caption
from programs.status import NO_INFORMATION, ExecutionStatus
from reports.builders.tables import status_counts, status_headers
from reports.data import Spravka, SummaryRow
from reports.document import (
    Chart,
    Document,
    Heading,
    Paragraph,
    Requisites,
    Row,
    SignatureBlock,
    Table,
)
from reports.drafts import rows_by_section, section_drafts

S = ExecutionStatus
_count = format_number  # counts print as «3», never «3,00»
NO_DATA = NO_INFORMATION
EXECUTOR_BLANK = "Исполнитель: ____________, тел. ____________"


def _share(count: int, total: int) -> str:
    return format_percent(count / total if total else None)


def _requisites(data: Spravka) -> Requisites:
    official = data.official
    title = data.title
    period = f"за {title.year_label} год" if title.year_label else ""
    return Requisites(
        department=(official and official.letterhead) or title.department,
        addressee=tuple(
            line.strip()
            for line in (official.addressee if official else "").splitlines()
            if line.strip()
        ),
        kind="АНАЛИТИЧЕСКАЯ СПРАВКА",
        heading=" ".join(
            filter(None, ["об исполнении дорожной карты", f"«{title.program_title}»", period])
        ),
    )


def _basis(data: Spravka) -> list[Paragraph]:
    official = data.official
    basis = (official.basis if official else "") or data.title.order
    purpose = official.purpose if official else ""
    return [
        Paragraph(
            basis or "сведения о приказе, утвердившем программу, в портале не указаны.",
            label="Основание:",
        ),
        Paragraph(purpose or default_purpose(data), label="Цель:"),
        Paragraph(data.title.period, label="Период реализации программы:"),
        Paragraph(data.title.year_label or NO_DATA, label="Отчётный год:"),
    ]


def default_purpose(data: Spravka) -> str:
    return (
        f"анализ исполнения дорожной карты в {data.title.year_label} году: что выполнено и с каким "
        "результатом, что не выполнено и почему; адресные рекомендации школам и исполнителям."
    )


def _target_group(data: Spravka) -> list:
    blocks: list = [Heading("Целевая группа")]
    if not data.schools:
        return [*blocks, Paragraph("Школы в программу не включены.", note=True)]
    groups = Counter()
    cohorts = Counter()
    for school in data.schools:
        for group in ("ШНОР", "ШНСУ"):
            groups[group] += group in school.groups
        if school.cohort:
            cohorts[school.cohort] += 1
    summary = (
        f"Школ целевой группы — {_count(len(data.schools))}: ШНОР — {_count(groups['ШНОР'])}, "
        f"ШНСУ — {_count(groups['ШНСУ'])}."
    )
    if cohorts:
        summary += " Когорты: " + ", ".join(
            f"{cohort} — {_count(count)}" for cohort, count in sorted(cohorts.items())
        ) + "."  # fmt: skip
    blocks.append(Paragraph(summary))
    decisions = data.official.target_decisions if data.official else []
    blocks.append(
        Paragraph("; ".join(decisions) + ".", label="Перечень установлен:")
        if decisions
        else Paragraph(
            "решения о перечне школ в портале не внесены; основания включения — по статусам школ.",
            label="Перечень установлен:",
        )
    )
    blocks.append(
        Table(
            headers=("№", "Школа", "Группа", "Когорта", "Основание включения"),
            rows=tuple(
                Row((str(index), s.name, s.groups, s.cohort or "—", s.source or "—"))
                for index, s in enumerate(data.schools, 1)
            ),
            widths=(6, 40, 14, 12, 28),
        )
    )
    return blocks


def _status_matrix(heading: str, first_header: str, rows: list[SummaryRow]) -> list:
    if not rows:
        return [Heading(heading, 2), Paragraph("Нет данных.", note=True)]
    table = Table(
        headers=(first_header, "К исполнению", *status_headers()),
        rows=tuple(
            Row(
                (
                    row.label,
                    _count(row.due),
                    *(
                        (
                            f"{_count(count.count)}\n{format_percent(count.share)}"
                            for count in status_counts(row)
                        )
                        if row.filled_in
                        else (NO_DATA, *[""] * (len(status_headers()) - 1))
                    ),
                )
            )
            for row in rows
        ),
        widths=(23, 9, *(68 // len(status_headers()),) * len(status_headers())),
        numeric=frozenset(range(1, 2 + len(status_headers()))),
    )
    return [Heading(heading, 2), table]


def _execution(data: Spravka) -> list:
    summary = data.summary
    counts = status_counts(summary)
    table = (
        Table(
            headers=("Исполнение", "Количество", "Доля"),
            rows=(
                *(
                    Row((c.label, _count(c.count), format_percent(c.share)))
                    for c in counts  # fmt: skip
                ),
                Row(("Всего к исполнению", _count(summary.due), ""), kind="total"),
            ),
            widths=(50, 25, 25),
            numeric=frozenset({1, 2}),
        )
        if summary.filled_in
        else Paragraph(f"Исполнение мероприятий за отчётный год не отмечено: {NO_DATA}.", note=True)
    )
    note = [Paragraph(data.by_executor_note, note=True)] if data.by_executor_note else []
    return [
        Heading("Исполнение мероприятий в отчётном году"),
        Paragraph(
            f"Мероприятий к исполнению в {data.title.year_label} году: {_count(summary.due)}."
        ),
        table,
        *_status_matrix("По разделам", "Раздел", data.by_section),
        *_status_matrix("По исполнителям", "Исполнитель", data.by_executor),
        *note,
    ]


def _sections_analysis(data: Spravka) -> list:
    blocks: list = [Heading("Анализ исполнения по разделам")]
    by_section = rows_by_section(data)
    if not by_section:
        return [*blocks, Paragraph("Мероприятий к исполнению в отчётном году нет.", note=True)]
    edited = data.official.section_texts if data.official else {}
    drafts = section_drafts(data)
    for section, rows in by_section.items():
        done = sum(row.status == S.DONE for row in rows)
        blocks.append(Heading(section, 2))
        done_text = (
            f"{_count(done)} ({_share(done, len(rows))})" if data.summary.filled_in else NO_DATA
        )
        blocks.append(
            Paragraph(
                f"к исполнению — {_count(len(rows))}, выполнено — {done_text}.",
                label="Показатели раздела:",
            )
        )
        blocks.append(Paragraph((edited.get(section) or "").strip() or drafts[section]))
    return blocks


def _activities(data: Spravka) -> list:
    rows = []
    section = None
    for row in data.activities:
        if row.section != section:
            section = row.section
            rows.append(Row((section,), kind="section"))
        planned = "\n".join(filter(None, [row.planned or "—", row.due_text]))
        status = row.status_label + ("\nпросрочено" if row.is_overdue else "")
        rows.append(
            Row(
                (
                    row.number,
                    row.title,
                    row.executors,
                    planned,
                    _count(row.actual),
                    status,
                    row.comment,
                )
            )
        )
    blocks: list = [Heading("Мероприятия дорожной карты")]
    if not rows:
        return [*blocks, Paragraph("Мероприятий к исполнению в отчётном году нет.", note=True)]
    return [
        *blocks,
        Table(
            headers=(
                "№",
                "Мероприятие",
                "Исполнители",
                "План",
                "Факт",
                "Исполнение",
                "Комментарий",
            ),
            rows=tuple(rows),
            widths=(6, 27, 16, 13, 7, 12, 19),
            numeric=frozenset({4}),
        ),
    ]


def _indicator_value(number, text) -> str:
    return _count(number) if number is not None else (text or "—")


def _indicators(data: Spravka) -> list:
    blocks: list = [Heading("Показатели")]
    if not data.indicators:
        return [*blocks, Paragraph("Показатели в программе не заданы.", note=True)]
    rows = tuple(
        Row(
            (
                i.name,
                i.unit,
                (
                    f"{_count(i.baseline_number)} ({i.baseline_year})"
                    if i.baseline_number is not None
                    else "—"
                ),
                i.year_label,
                _indicator_value(i.target_number, i.target),
                _indicator_value(i.actual_number, i.actual),
                format_signed(i.deviation),
                i.judgement or NO_DATA,
                i.comment,
            )
        )
        for i in data.indicators
    )
    blocks.append(
        Table(
            headers=(
                "Показатель",
                "Ед. изм.",
                "Базовое значение",
                "Год",
                "План",
                "Факт",
                "Отклонение",
                "Оценка",
                "Комментарий к оценке",
            ),
            rows=rows,
            widths=(22, 7, 10, 7, 8, 8, 9, 12, 17),
            numeric=frozenset({2, 4, 5, 6}),
        )
    )
    return blocks


def _resources(data: Spravka) -> list:
    """«Ресурсное обеспечение» under the indicators, when money was entered."""
    if not data.resources:
        return []
    resources = data.resources
    headers = ["Источник финансирования"]
    for label in [*resources.year_labels, "Всего"]:
        headers += [f"{label}, план", f"{label}, факт"]
    return [
        Heading("Ресурсное обеспечение, руб.", 2),
        Table(
            headers=tuple(headers),
            rows=tuple(
                Row(
                    (
                        row.source,
                        *(
                            _count(value)
                            for cell in [*row.cells, (row.planned, row.actual)]
                            for value in cell
                        ),
                    ),
                    kind="total" if row.is_total else "",
                )
                for row in resources.rows
            ),
            numeric=frozenset(range(1, len(headers))),
        ),
    ]


def _schools(data: Spravka) -> list:
    blocks: list = [Heading("Школы: участие в мероприятиях и отчёты")]
    if data.school_sections is None:
        return [
            *blocks,
            Paragraph(
                "Отчёты школ в портале пока не собираются: раздел будет заполнен после их сдачи.",
                note=True,
            ),
        ]
    if not data.school_sections:
        return [*blocks, Paragraph("Школы не участвуют в мероприятиях отчётного года.", note=True)]
    reviews = defaultdict(list)
    for review in (data.official.reviews if data.official else None) or []:
        reviews[review.school].append(review)
    for section in data.school_sections:
        blocks.append(Heading(section.school, 2))
        if section.activities:
            blocks.append(
                Table(
                    headers=("Мероприятие", "Отчёт", "Что сообщила школа"),
                    rows=tuple(
                        Row((line.activity, line.state, line.text or "—"))
                        for line in section.activities
                    ),
                    widths=(38, 17, 45),
                )
            )
        else:
            blocks.append(Paragraph("Мероприятий с участием школы в отчётном году нет.", note=True))
        blocks.append(_recommendations(data, reviews.get(section.school, [])))
    return blocks


def _recommendations(data: Spravka, reviews) -> Paragraph:
    label = "Адресные рекомендации:"
    if data.official is None or data.official.reviews is None:
        return Paragraph(f"{NO_DATA} о проверке отчётов.", note=True, label=label)
    if not reviews:
        return Paragraph("при проверке отчётов не давались.", note=True, label=label)
    return Paragraph(
        "\n".join(
            f"{format_date_short(r.made_on)}, {r.activity} ({r.decision}): {r.comment}"
            for r in reviews
        ),
        label=label,
    )


def _reporting(data: Spravka) -> list:
    blocks: list = [Heading("Полнота и своевременность отчётности школ")]
    figures = data.official.reporting if data.official else None
    if not figures:
        return [
            *blocks,
            Paragraph(
                "Раунды отчётности за отчётный год не открывались: сведений о полноте и "
                "своевременности отчётов школ нет.",
                note=True,
            ),
        ]
    total = figures[-1]
    blocks.append(
        Paragraph(
            f"Ожидалось отчётов — {_count(total.expected)}, сдано — {_count(total.received)} "
            f"({_share(total.received, total.expected)}), в срок — {_count(total.on_time)} "
            f"({_share(total.on_time, total.expected)}); не сдано при истёкшем сроке — "
            f"{_count(total.missing_overdue)}."
        )
    )
    blocks.append(
        Table(
            headers=("Школа", "Ожидалось", "Сдано", "В срок", "Не сдано, срок прошёл", "Полнота"),
            rows=tuple(
                Row(
                    (
                        f.label,
                        _count(f.expected),
                        _count(f.received),
                        _count(f.on_time),
                        _count(f.missing_overdue),
                        _share(f.received, f.expected),
                    ),
                    kind="total" if f is total else "",
                )
                for f in figures
            ),
            widths=(40, 12, 12, 12, 12, 12),
            numeric=frozenset(range(1, 6)),
        )
    )
    return blocks


def _carried_over(data: Spravka) -> list:
    blocks: list = [Heading("Перенесённые мероприятия")]
    if data.official is None:
        return [*blocks, Paragraph(f"{NO_DATA.capitalize()} о переносах.", note=True)]
    if not data.official.carried_over:
        return [
            *blocks,
            Paragraph("Мероприятий, перенесённых на следующие годы, нет.", note=True),
        ]
    return [
        *blocks,
        Table(
            headers=("Мероприятие", "Перенесено на", "Причина"),
            rows=tuple(
                Row((c.activity, c.to_year, c.reason or "причина не указана"))
                for c in data.official.carried_over
            ),
            widths=(45, 15, 40),
        ),
    ]


def _risks(data: Spravka) -> list:
    blocks: list = [Heading("Риски «500+»: высокие и средние риски без ответа")]
    if data.risk_gaps is None:
        return [
            *blocks,
            Paragraph("Профили рисков школ за отчётный год не заполнены.", note=True),
        ]
    if not data.risk_gaps:
        return [
            *blocks,
            Paragraph(
                "Высокие и средние риски целевых школ закрыты утверждёнными антирисковыми "
                "программами и мероприятиями.",
                note=True,
            ),
        ]
    return [
        *blocks,
        Table(
            headers=("Школа", "Фактор риска", "Чего нет"),
            rows=tuple(Row((g.school, g.factor, g.missing)) for g in data.risk_gaps),
            widths=(30, 30, 40),
        ),
    ]


def _charts(data: Spravka) -> list:
    bars = data.section_bars
    return [
        Heading("Диаграммы"),
        Chart(
            title="Доля выполненных мероприятий по разделам",
            kind="bars",
            labels=tuple(bar.label for bar in bars),
            shares=tuple(bar.share for bar in bars),
            captions=tuple(
                share_caption(bar.share, bar.done, bar.due) if bar.filled_in else NO_DATA
                for bar in bars
            ),
            counts=tuple((bar.done, bar.due) for bar in bars),
        ),
        Chart(
            title="Доля выполненных мероприятий по годам программы",
            kind="line",
            labels=tuple(data.progress.labels),
            shares=tuple(data.progress.shares),
            captions=tuple(
                NO_DATA if unfilled else format_percent(share)
                for share, unfilled in zip_longest(
                    data.progress.shares, data.progress.no_information, fillvalue=False
                )
            ),
        ),
    ]


def _conclusions(data: Spravka) -> list:
    text = data.conclusions.strip()
    return [
        Heading("Выводы и рекомендации"),
        Paragraph(text)
        if text
        else Paragraph("Выводы не заполнены: справка сформирована как проект.", note=True),
    ]


def _numbered(blocks: list) -> list:
    """Top-level headings numbered in order: «1. Основание и цель», …"""
    number = 0
    numbered = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            number += 1
            block = Heading(f"{number}. {block.text}", 1)
        numbered.append(block)
    return numbered


@translation.override("ru")
def spravka_document(data: Spravka) -> Document:
    """The справка as a document: requisites, the parts in the agreed order, the signature.

    Without conclusions it is a draft («ПРОЕКТ»): only a complete справка is final.
    """
    signature = data.signature
    blocks = [
        *_basis(data),
        *_numbered(
            [
                *_target_group(data),
                *_execution(data),
                *_sections_analysis(data),
                *_activities(data),
                *_indicators(data),
                *_resources(data),
                *_schools(data),
                *_reporting(data),
                *_carried_over(data),
                *_risks(data),
                *_charts(data),
                *_conclusions(data),
            ]
        ),
    ]
    return Document(
        requisites=_requisites(data),
        blocks=blocks,
        signature=SignatureBlock(
            position=format_position(signature.position) or "Руководитель",
            name=format_signer(signature.name) or "____________",
            executor=signature.executor or EXECUTOR_BLANK,
        ),
        is_draft=not data.conclusions.strip(),
        title=f"Аналитическая справка — {data.title.program_title}",
    )
