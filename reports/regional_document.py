"""The regional справка as a document (reports.document): the region's municipalities side by
side, laid out by the same PDF and DOCX renderers as the справка of a program."""

from django.utils import translation

from display.formats import format_number, format_percent
from programs.status import NO_INFORMATION
from reports.data import MunicipalityFigures, RegionalSpravka
from reports.document import Document, Heading, Paragraph, Requisites, Row, SignatureBlock, Table
from reports.spravka_document import EXECUTOR_BLANK

HEADERS = (
    "Муниципалитет",
    "Программ",
    "Школ ШНОР",
    "Школ ШНСУ",
    "Мероприятий к исполнению",
    "Выполнено",
    "Отчёты школ: сдано из ожидаемых",
    "Показатели: достигнуто из оценённых",
)
NO_ROUNDS = "раундов нет"
NO_JUDGEMENTS = "оценок нет"


def _of(part: int, whole: int, share: float | None) -> str:
    return f"{format_number(part)} из {format_number(whole)}\n{format_percent(share)}"


def _row(row: MunicipalityFigures, kind: str = "") -> Row:
    return Row(
        (
            row.name,
            format_number(row.programs),
            format_number(row.shnor),
            format_number(row.shnsu),
            format_number(row.due),
            f"{format_number(row.done)}\n{format_percent(row.done_share)}"
            if row.filled_in
            else NO_INFORMATION,
            _of(row.reports_received, row.reports_expected, row.completeness)
            if row.reports_expected
            else NO_ROUNDS,
            _of(row.indicators_reached, row.indicators_judged, row.reached_share)
            if row.indicators_judged
            else NO_JUDGEMENTS,
        ),
        kind=kind,
    )


def _overview(data: RegionalSpravka) -> Paragraph:
    total = data.total
    running = sum(row.programs > 0 for row in data.municipalities)
    return Paragraph(
        f"Муниципалитетов в регионе — {format_number(len(data.municipalities))}, из них "
        f"с программами поддержки в {data.year} году — {format_number(running)}; программ — "
        f"{format_number(total.programs)}; школ целевой группы: ШНОР — "
        f"{format_number(total.shnor)}, ШНСУ — {format_number(total.shnsu)}."
    )


NOTES = (
    "«Выполнено» — мероприятия с отметкой «выполнено» и их доля среди мероприятий к исполнению; "
    f"«{NO_INFORMATION}» — исполнение за год в муниципалитете не отмечено. Отчёты школ — по "
    "раундам отчётности отчётного года. Показатели — годы показателей программ с оценкой "
    "(«нет данных» не учитывается). Школа, входящая в обе группы, учтена в каждой."
)


@translation.override("ru")
def regional_document(data: RegionalSpravka) -> Document:
    """Without conclusions it is a draft («ПРОЕКТ»), as the справка of a program is."""
    conclusions = data.conclusions.strip()
    return Document(
        requisites=Requisites(
            department="",
            addressee=(),
            kind="СВОДНАЯ СПРАВКА",
            heading=(
                "о реализации программ поддержки школ ШНОР и ШНСУ в муниципалитетах: "
                f"{data.region}, {data.year} год"
            ),
        ),
        blocks=[
            Paragraph(data.region, label="Регион:"),
            Paragraph(str(data.year), label="Отчётный год:"),
            Heading("1. Муниципалитеты региона"),
            _overview(data),
            Table(
                headers=HEADERS,
                rows=(
                    *(_row(row) for row in data.municipalities),
                    _row(data.total, kind="total"),
                ),
                widths=(20, 9, 9, 9, 11, 12, 15, 15),
                numeric=frozenset(range(1, len(HEADERS))),
            ),
            Paragraph(NOTES, note=True),
            Heading("2. Выводы и рекомендации"),
            Paragraph(conclusions)
            if conclusions
            else Paragraph("Выводы не заполнены: справка сформирована как проект.", note=True),
        ],
        signature=SignatureBlock(
            position="Руководитель", name="____________", executor=EXECUTOR_BLANK
        ),
        is_draft=not conclusions,
        title=f"Сводная справка по муниципалитетам — {data.region}, {data.year}",
    )
