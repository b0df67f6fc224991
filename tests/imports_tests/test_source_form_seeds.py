"""Every seed keeps its form whatever the file it comes in (.docx, .xlsx, .txt): the same header
cells on both levels, numbering row, column order and caption; the signature under the table and
an approval block above it are kept with the program."""

from pathlib import Path

import pytest
from django.conf import settings

from imports.parsing import parse_roadmap, parse_roadmap_text
from imports.selectors import source_form
from imports.services import import_roadmap

from .builders import C, Para, Sheet, docx_bytes, xlsx_bytes

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"
SIGNATURE_001 = ["Начальник отдела образования и защиты прав несовершеннолетних", "П.В.Пьянов"]


def kept_form(cast, name: str) -> dict:
    roadmap = parse_roadmap((SEEDS / name).read_bytes(), name)
    program = import_roadmap(roadmap, municipality=cast.a.municipality, filename=name).program
    return source_form(program)


@pytest.mark.parametrize(
    "seed", ["000_7f9a2473aa5e70ca", "001_6243421780018668", "003_2a58b5d9a61d506f"]
)
def test_a_seed_keeps_one_form_in_every_file_kind(cast, seed):
    forms = {kind: kept_form(cast, f"{seed}.{kind}") for kind in ("docx", "xlsx", "txt")}

    tables = [form["tables"] for form in forms.values()]
    assert tables[0] == tables[1] == tables[2]
    assert len({tuple(form["signature"]) for form in forms.values()}) == 1


def test_seed_000_as_text_keeps_its_merged_header_cells(cast):
    (table,) = kept_form(cast, "000_7f9a2473aa5e70ca.txt")["tables"]

    assert table["caption"] == (
        "«Дорожная карта» разработки и реализации муниципальной программ поддержки ШНОР и ШНСУ"
    )
    assert table["header"] == [
        [
            {"text": "№ п/п", "span": 1},
            {"text": "Наименование задачи/мероприятия", "span": 1},
            {"text": "Результат выполнения мероприятия", "span": 2},
            {"text": "Срок реализации, годы", "span": 3},
            {"text": "Исполнитель и соисполнители мероприятия", "span": 1},
        ],
        [
            {"text": "№ п/п", "span": 1},
            {"text": "Наименование задачи/мероприятия", "span": 1},
            {"text": "наименование", "span": 1},
            {"text": "плановое значение", "span": 1},
            {"text": "2021 г.", "span": 1},
            {"text": "2022 г.", "span": 1},
            {"text": "2023 г.", "span": 1},
            {"text": "Исполнитель и соисполнители мероприятия", "span": 1},
        ],
    ]
    assert table["numbering"] == [str(n) for n in range(1, 9)]
    assert table["columns"] == [
        "number",
        "title",
        "result",
        "planned_value",
        "year:2021",
        "year:2022",
        "year:2023",
        "responsible",
    ]


@pytest.mark.parametrize("kind", ["docx", "xlsx", "txt"])
def test_the_signature_under_the_roadmap_is_kept_and_read_as_no_activity(cast, kind):
    name = f"001_6243421780018668.{kind}"
    roadmap = parse_roadmap((SEEDS / name).read_bytes(), name)
    program = import_roadmap(roadmap, municipality=cast.a.municipality).program

    assert source_form(program)["signature"] == SIGNATURE_001
    assert len(roadmap.activities) == 36
    assert source_form(program)["approval"] == []  # the order itself is above, no block


def test_an_appendix_block_is_kept_line_by_line(cast):
    source = docx_bytes(
        Para("Приложение № 2"),
        Para("к приказу управления образования"),
        Para("от 15.02.2021 № 112"),
        Para("План мероприятий по поддержке школ на 2021-2023 годы", bold=True),
        [[C("№"), C("Мероприятие"), C("Срок")], ["1.", "Совещание", "май"]],
    )
    roadmap = parse_roadmap(source, "план.docx")
    program = import_roadmap(roadmap, municipality=cast.a.municipality).program

    assert source_form(program)["approval"] == [
        "Приложение № 2",
        "к приказу управления образования",
        "от 15.02.2021 № 112",
    ]
    assert (program.order_number, f"{program.order_date:%d.%m.%Y}") == ("112", "15.02.2021")


def test_an_approved_stamp_is_kept_as_written(cast):
    text = "\n".join(
        [
            "УТВЕРЖДЕНА",
            "приказом отдела образования",
            "от 03.09.2019 № 55",
            "Дорожная карта по поддержке школ на 2019-2021 годы",
            "№\tМероприятие\tСрок",
            "1.\tСовещание\tмай",
        ]
    )
    program = import_roadmap(parse_roadmap_text(text), municipality=cast.a.municipality).program

    assert source_form(program)["approval"] == [
        "УТВЕРЖДЕНА",
        "приказом отдела образования",
        "от 03.09.2019 № 55",
    ]


TWO_TABLES = [
    "План мероприятий по поддержке школ на 2024-2025 годы",
    "1. Организационные мероприятия",
    ["№", "Мероприятие", "Срок реализации по годам", "", "Исполнитель"],
    ["", "", "2024", "2025", ""],
    ["1", "2", "3", "4", "5"],
    ["1.1", "Совещание", "+", "", "Отдел образования"],
    "",
    "2. Работа с педагогами",
    ["Исполнитель", "Мероприятие", "Срок"],
    ["ИМЦ", "Курсы", "2025"],
]


def _two_tables_text() -> str:
    return "\n".join("\t".join(row) if isinstance(row, list) else row for row in TWO_TABLES)


def _two_tables_xlsx() -> bytes:
    rows = [row if isinstance(row, list) else [row] for row in TWO_TABLES]
    return xlsx_bytes(Sheet(rows, merges=("C3:D3", "A3:A4", "B3:B4", "E3:E4")))


@pytest.mark.parametrize("source", ["text", "xlsx"])
def test_two_tables_of_one_text_or_sheet_keep_their_captions_and_columns(cast, source):
    roadmap = (
        parse_roadmap_text(_two_tables_text())
        if source == "text"
        else parse_roadmap(_two_tables_xlsx(), "план.xlsx")
    )
    program = import_roadmap(roadmap, municipality=cast.a.municipality).program
    form = source_form(program)

    first, second = form["tables"]
    assert first["caption"] == "1. Организационные мероприятия"
    assert [cell["text"] for cell in first["header"][0]] == [
        "№",
        "Мероприятие",
        "Срок реализации по годам",
        "Исполнитель",
    ]
    assert first["header"][0][2]["span"] == 2
    assert first["numbering"] == ["1", "2", "3", "4", "5"]
    assert second["caption"] == "2. Работа с педагогами"
    assert second["columns"] == ["responsible", "title", "deadline"]
    sections = list(program.sections.order_by("position"))
    assert sections[-1].title == "Работа с педагогами"
    assert [form["section_tables"][section.pk] for section in sections][-1] == 1
