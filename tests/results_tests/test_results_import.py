"""Importing assessment results: both shapes, header synonyms, schools by code then name, and a
Russian message with the row number for every bad row; nothing is saved when anything is bad."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from results.importing import Defaults, SchoolRef, parse_results
from results.models import AssessmentResult
from results.services import save_results
from tests.results_tests.files import LONG_HEADER, csv_bytes, xlsx

SCHOOLS = [
    SchoolRef(1, "МБОУ «Ремонтненская СОШ № 1»", "610001"),
    SchoolRef(2, "МБОУ Денисовская СОШ", "610002"),
    SchoolRef(3, "МБОУ Краснопартизанская ООШ", ""),
]


def long_row(code="610001", name="", subject="Русский язык", participants=25, low="12,5", **kw):
    values = {"year": 2023, "assessment": "ВПР", "grade": 5, "good": "40", "mean": "3,4"} | kw
    return [
        code,
        name,
        values["year"],
        values["assessment"],
        subject,
        values["grade"],
        participants,
        low,
        values["good"],
        values["mean"],
    ]


@pytest.mark.parametrize("make", [xlsx, csv_bytes])
def test_long_shape(make):
    parsed = parse_results(
        make([LONG_HEADER, long_row(), long_row(code="610002", subject="Математика", low=30)]),
        SCHOOLS,
    )
    assert parsed.errors == []
    assert parsed.shape == "длинная"
    first, second = parsed.lines
    assert (first.school_id, first.year, first.assessment, first.subject, first.grade) == (
        1,
        2023,
        "vpr",
        "Русский язык",
        5,
    )
    assert (first.participants, first.share_low, first.share_good, first.mean_score) == (
        25,
        Decimal("12.5"),
        Decimal(40),
        Decimal("3.4"),
    )
    assert (second.school_id, second.share_low) == (2, Decimal(30))


def test_header_synonyms_and_defaults_for_missing_columns():
    rows = [
        ["Логин ОО", "Дисциплина", "Писавших работу", "Не преодолели минимальный порог, %"],
        ["610001", "Математика", 18, "5,6"],
    ]
    parsed = parse_results(csv_bytes(rows, delimiter="\t"), SCHOOLS, Defaults(2024, "oge", 9))
    assert parsed.errors == []
    line = parsed.lines[0]
    assert (line.year, line.assessment, line.grade, line.participants, line.share_low) == (
        2024,
        "oge",
        9,
        18,
        Decimal("5.6"),
    )


def test_wide_shape_with_subject_columns():
    rows = [
        ["Код школы", "Класс", "Участников", "Русский язык", "Математика", "История"],
        ["610001", 5, 30, "10", "20,5", None],
        ["610002", 5, 10, "0", "", ""],
    ]
    parsed = parse_results(xlsx(rows), SCHOOLS, Defaults(year=2022, assessment="vpr"))
    assert parsed.errors == []
    assert parsed.shape == "широкая"
    got = {(line.school_id, line.subject): line.share_low for line in parsed.lines}
    assert got == {
        (1, "Русский язык"): Decimal(10),
        (1, "Математика"): Decimal("20.5"),
        (2, "Русский язык"): Decimal(0),
    }
    assert all(line.participants in (30, 10) for line in parsed.lines)


def test_wide_shape_with_measure_in_the_header():
    rows = [
        [
            "Наименование ОО",
            "Год",
            "Русский язык: участников",
            "Русский язык: доля «2»",
            "Математика: участников",
            "Математика: доля «2»",
        ],
        ["МБОУ Краснопартизанская ООШ", 2023, 12, 25, 11, "9,1"],
    ]
    parsed = parse_results(xlsx(rows), SCHOOLS, Defaults(assessment="vpr", grade=6))
    assert parsed.errors == []
    got = {line.subject: (line.participants, line.share_low) for line in parsed.lines}
    assert got == {"Русский язык": (12, Decimal(25)), "Математика": (11, Decimal("9.1"))}
    # No code in the file: the school was found by its name and must be confirmed.
    assert [(m.row, m.school.pk) for m in parsed.name_matches] == [(2, 3)]


def test_school_found_by_normalised_name():
    rows = [LONG_HEADER, long_row(code="", name='мбоу "ремонтненская  сош № 1"')]
    parsed = parse_results(xlsx(rows), SCHOOLS)
    assert parsed.errors == []
    assert parsed.lines[0].school_id == 1
    assert parsed.name_matches[0].written == 'мбоу "ремонтненская  сош № 1"'


BAD_ROWS = [
    (
        long_row(code="999999", name="МБОУ Неизвестная СОШ"),
        "Строка 2: школа код «999999» «МБОУ Неизвестная СОШ» не найдена среди школ, для "
        "которых вы загружаете результаты.",
    ),
    (
        long_row(low="120"),
        "Строка 2, «доля «2» / ниже порога»: 120 — доля больше 100 %.",
    ),
    (long_row(participants=-3), "Строка 2, «участников»: отрицательное число (-3)."),
    (long_row(participants="двадцать"), "Строка 2, «участников»: «двадцать» — не число."),
    (long_row(low="много"), "Строка 2, «доля «2» / ниже порога»: «много» — не число."),
    (long_row(participants=""), "Строка 2: не указано число участников."),
    (long_row(assessment="олимпиада"), "Строка 2: процедура «олимпиада» не распознана"),
    (long_row(grade=14), "Строка 2: класс 14 — вне 1–11."),
    (long_row(subject=""), "Строка 2: не указан предмет."),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_bad_row_gets_a_russian_message_with_its_number(row, message):
    parsed = parse_results(xlsx([LONG_HEADER, row]), SCHOOLS)
    assert not parsed.ok
    assert any(error.startswith(message) for error in parsed.errors), parsed.errors
    assert parsed.lines == []


def test_duplicate_row():
    rows = [LONG_HEADER, long_row(), long_row(code="610002"), long_row(subject="русский язык")]
    parsed = parse_results(xlsx(rows), SCHOOLS)
    assert parsed.errors == [
        "Строка 4 повторяет строку 2: та же школа, год, процедура, предмет «русский язык» и "
        "класс 5."
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Файл пуст: в нём нет ни заголовка, ни строк с результатами."),
        (xlsx([LONG_HEADER]), "Файл пуст: под заголовком нет ни одной строки с результатами."),
        (b"%PDF-1.7 ...", "Файл «r.xlsx» — это документ PDF."),
        (b"PK\x03\x04broken", "Файл «r.xlsx» не открывается как книга Excel (.xlsx)"),
        (b"\x00\x01\x02\x03binary", "Файл «r.xlsx» не похож на таблицу."),
        (csv_bytes([["a", "b"], [1, 2]]), "Не найден заголовок таблицы: нужен столбец со школой"),
        (
            csv_bytes([["Код ОО", "Предмет"], ["610001", "Математика"]]),
            "В таблице не найдены столбцы: «Год» (или укажите год при загрузке), «Процедура»",
        ),
    ],
)
def test_bad_file(data, message):
    parsed = parse_results(data, SCHOOLS, filename="r.xlsx")
    assert parsed.errors and parsed.errors[0].startswith(message), parsed.errors


def test_one_bad_row_among_good_ones_reports_only_it():
    rows = [LONG_HEADER, long_row(), long_row(code="610002", low="101"), long_row(subject="Физика")]
    parsed = parse_results(xlsx(rows), SCHOOLS)
    assert len(parsed.errors) == 1 and parsed.errors[0].startswith("Строка 3")


# --- Saving and the command ----------------------------------------------------------------


@pytest.fixture
def results_file(cast, tmp_path):
    cast.a.school.code = "A-1"
    cast.a.school.save()
    path = tmp_path / "впр.xlsx"
    path.write_bytes(
        xlsx(
            [
                LONG_HEADER,
                long_row(code="A-1"),
                long_row(code="", name=cast.a.other_school.name, subject="Математика"),
            ]
        )
    )
    return path


def test_save_replaces_a_stored_row(cast):
    parsed = parse_results(
        xlsx([LONG_HEADER, long_row(code="", name=cast.a.school.name)]),
        [SchoolRef(cast.a.school.pk, cast.a.school.name, "")],
    )
    assert save_results(parsed.lines) == (1, 0)
    parsed.lines[0].share_low = Decimal(7)
    assert save_results(parsed.lines) == (0, 1)
    assert AssessmentResult.objects.get().share_low == Decimal(7)


def test_command_dry_run_json(results_file, capsys):
    call_command("import_results", str(results_file), "--dry-run", "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["ok"] and summary["rows"] == 2
    assert summary["name_matches"][0]["row"] == 3
    assert not AssessmentResult.objects.exists()


def test_command_asks_to_confirm_name_matches(results_file, cast):
    with pytest.raises(CommandError, match="найденных по названию"):
        call_command("import_results", str(results_file))
    assert not AssessmentResult.objects.exists()
    call_command("import_results", str(results_file), "--accept-name-matches")
    assert AssessmentResult.objects.count() == 2


def test_command_bad_file_exits_non_zero_with_russian_message(cast, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(
        csv_bytes(
            [
                LONG_HEADER,
                long_row(code="nope"),
                long_row(code="", name=cast.a.school.name, low="-1"),
            ]
        )
    )
    with pytest.raises(CommandError, match="Файл не загружен: ошибок 2, ничего не записано."):
        call_command("import_results", str(path))
    err = capsys.readouterr().err
    assert "Строка 2: школа код «nope» не найдена" in err
    assert "Строка 3, «доля «2» / ниже порога»: отрицательное число (-1)." in err
    assert not AssessmentResult.objects.exists()
    with pytest.raises(CommandError, match="Файл не найден"):
        call_command("import_results", str(tmp_path / "missing.xlsx"))
