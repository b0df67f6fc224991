"""Profiles from an XLSX sheet: preview first, then all rows or none; Russian row errors."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from risks.models import FactorLevel, RiskProfile
from tests.monitoring_tests.files import pdf, zip_bomb


def sheet(rows, name="Профили.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


HEADER = ["Код школы", "Школа", "1", "Фактор 2", "Низкая учебная мотивация обучающихся"]


def upload(client, world, file, year="2024", source="municipal"):
    url = reverse("risk_import", args=[world.municipality.pk])
    return client.post(url, {"file": file, "year": year, "source": source, "action": "preview"})


def confirm(client, world):
    url = reverse("risk_import", args=[world.municipality.pk])
    return client.post(url, {"action": "confirm"})


def levels_of(code, year=2024):
    return dict(
        FactorLevel.objects.filter(profile__school__code=code, profile__year=year).values_list(
            "factor__number", "level"
        )
    )


def test_preview_then_save_all_rows(world, client):
    client.force_login(world.specialist)
    file = sheet(
        [
            HEADER,
            ["DEMO-610001", "Кормовская", "высокий", 2, "Не актуален"],
            ["DEMO-610004", "Калининская", "низкий", "3", "средний"],
        ]
    )
    response = upload(client, world, file)
    page = response.content.decode()
    assert response.status_code == 200
    assert "▲ высокий" in page and "◆ средний" in page
    assert not RiskProfile.objects.filter(year=2024).exists()  # preview saves nothing

    response = confirm(client, world)
    assert response.status_code == 302
    assert levels_of("DEMO-610001") == {1: "high", 2: "medium", 7: "not_relevant"}
    assert levels_of("DEMO-610004") == {1: "low", 2: "high", 7: "medium"}
    assert RiskProfile.objects.get(school__code="DEMO-610004", year=2024).source == "municipal"


GOOD = ["DEMO-610002", "Денисовская", "низкий", "низкий", "низкий"]
BAD_SHEETS = [
    # A good row first: with one bad row anywhere, nothing at all is saved.
    (
        [HEADER, GOOD, ["DEMO-999999", "", "высокий", "", ""]],
        "Строка 3: школа с кодом «DEMO-999999» не найдена среди школ муниципалитета.",
    ),
    (
        [HEADER, GOOD, ["DEMO-680001", "Знаменская", "высокий", "", ""]],  # other municipality
        "Строка 3: школа с кодом «DEMO-680001» не найдена среди школ муниципалитета.",
    ),
    (
        [HEADER, GOOD, ["DEMO-610001", "", "очень высокий", "", ""]],
        "Строка 3, «Оснащение»: уровень «очень высокий» не распознан.",
    ),
    ([HEADER, GOOD, ["DEMO-610001", "", 7, "", ""]], "Строка 3, «Оснащение»: уровень «7»"),
    ([HEADER, GOOD, ["", "Кормовская", "высокий", "", ""]], "Строка 3: не указан код школы."),
    (
        [HEADER, GOOD, ["DEMO-610001", "", 1, 1, 1], ["DEMO-610001", "", 2, 2, 2]],
        "Строка 4: школа с кодом «DEMO-610001» уже была в строке 3.",
    ),
    ([["Школа", "1"], ["Кормовская", "высокий"]], "Нет столбца «Код школы»"),
    ([["Код школы", "Школа"], ["DEMO-610001", "x"]], "Нет ни одного столбца с фактором риска"),
    ([["Код школы", "Фактор 11"], GOOD[:2]], "Столбец «Фактор 11»: это не фактор риска этого"),
    ([["Код школы", "1", "Оснащение"], GOOD[:3]], "Фактор «Оснащение» встречается в двух"),
    ([HEADER], "В файле нет строк со школами."),
]


@pytest.mark.parametrize(("rows", "message"), BAD_SHEETS)
def test_bad_sheets_save_nothing(world, client, rows, message):
    client.force_login(world.specialist)
    response = upload(client, world, sheet(rows))
    assert response.status_code == 400
    page = response.content.decode()
    assert "ничего не сохранено" in page
    assert message in page
    assert confirm(client, world).status_code == 302  # nothing waits to be confirmed
    assert not RiskProfile.objects.filter(year=2024).exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (pdf("Профили.xlsx"), "по содержимому это документ PDF, а не таблица Excel"),
        (pdf("Профили.pdf"), "Профили загружаются из таблицы Excel (.xlsx)."),
        (zip_bomb("Профили.xlsx"), "zip-бомба"),
        (SimpleUploadedFile("Профили.xlsx", b""), "пуст"),
    ],
)
def test_files_that_are_no_spreadsheets(world, client, file, message):
    client.force_login(world.specialist)
    response = upload(client, world, file)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RiskProfile.objects.filter(year=2024).exists()


def test_form_errors_are_russian(world, client):
    client.force_login(world.specialist)
    url = reverse("risk_import", args=[world.municipality.pk])
    response = client.post(url, {"year": "год", "source": "", "action": "preview"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Выберите файл .xlsx с профилями рисков." in page
    assert "Год — четыре цифры" in page
    assert "Укажите источник профилей." in page


def test_a_refusal_while_saving_undoes_the_rows_before_it(world):
    from django.core.exceptions import ValidationError

    from risks.models import RiskFactor
    from risks.services import import_profiles
    from schools.models import School

    factor = RiskFactor.objects.get(number=1)
    RiskFactor.objects.filter(number=2).update(last_year=2023)  # revised: not in 2024's list
    retired = RiskFactor.objects.get(number=2)
    rows = [
        (School.objects.get(code="DEMO-610002"), {factor.pk: "high"}),
        (School.objects.get(code="DEMO-610003"), {retired.pk: "high"}),
    ]
    with pytest.raises(
        ValidationError,
        match="В 2024 году нет таких факторов риска: «2. Дефицит педагогических кадров»",
    ):
        import_profiles(user=world.specialist, year=2024, source="survey", rows=rows)
    assert not RiskProfile.objects.filter(year=2024).exists()
