"""The target list: candidates by criteria over stored results, and the decision that alone
changes school statuses, with entry and exit history on the school card."""

from datetime import date
from decimal import Decimal as D
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from results.computed import ResultRow
from results.criteria import AT_LEAST, AT_MOST, Rule, candidates, meeting_all
from results.models import ListDecision, ListEntry
from results.services import record_decision
from schools.models import SchoolStatus
from tests.results_tests.helpers import result


def rule(comparison=AT_LEAST, threshold=30, min_years=2):
    return Rule("доля «2», %", "ВПР", comparison, D(threshold), [2021, 2022, 2023], min_years)


ROWS = {
    # School 1: 40, 35, 10 → 2 of 3 years ≥ 30. School 2: 31 only in 2021. School 3: weighted
    # (10 × 20 + 30 × 50) / 40 = 42,5 in 2022 and 30 exactly in 2023.
    2021: [ResultRow(1, 20, D(40)), ResultRow(2, 20, D(31))],
    2022: [
        ResultRow(1, 20, D(35)),
        ResultRow(2, 20, D(5)),
        ResultRow(3, 20, D(10)),
        ResultRow(3, 20, D(75)),
    ],
    2023: [ResultRow(1, 20, D(10)), ResultRow(3, 10, D(30))],
}


def test_candidates_meet_the_rule_in_enough_years():
    found = {c.school_id: c for c in candidates(ROWS, rule())}
    assert set(found) == {1, 3}
    assert found[1].hits == [2021, 2022]
    assert found[3].values == {2021: None, 2022: D("42.50"), 2023: D("30.00")}
    assert found[1].reason(rule()) == (
        "ВПР: доля «2», % ≥ 30 не менее чем в 2 из 3 лет (2021–2023); "
        "значения: 2021: 40.00, 2022: 35.00, 2023: 10.00"
    )


def test_at_most_and_one_year():
    found = candidates(ROWS, rule(AT_MOST, threshold=10, min_years=1))
    assert [c.school_id for c in found] == [1, 2]


def test_decision_sets_statuses_and_exit_clears_them(cast):
    school = cast.a.school
    enter = ListDecision(
        municipality=cast.a.municipality,
        kind="fioko",
        order_number="45",
        order_date=date(2021, 9, 1),
        year=2021,
    )
    record_decision(
        enter,
        [ListEntry(school=school, is_shnor=True, cohort="ШНОР-1", reason="перечень ФИОКО 2021")],
    )
    status = SchoolStatus.objects.get(school=school, year=2021)
    assert (status.is_shnor, status.cohort) == (True, "ШНОР-1")
    assert status.source == "Приказ № 45 от 01.09.2021 (перечень ФИОКО): перечень ФИОКО 2021"
    leave = ListDecision(
        municipality=cast.a.municipality,
        kind="municipal",
        order_number="12",
        order_date=date(2023, 8, 30),
        year=2023,
    )
    record_decision(
        leave,
        [ListEntry(school=school, action="exit", reason="доля «2» ниже 15 % два года подряд")],
    )
    assert SchoolStatus.objects.get(school=school, year=2023).groups_label == "не входит в группы"


def test_candidates_page_to_decision(cast, client):
    school, other = cast.a.school, cast.a.other_school
    for year, share in ((2021, 40), (2022, 45), (2023, 12)):
        result(school, year=year, share_low=D(share))
        result(other, year=year, share_low=D(5))
    result(cast.b.school, year=2022, share_low=D(90))  # another municipality
    query = (
        "?assessment=vpr&measure=share_low&comparison=at_least&threshold=30"
        "&last_year=2023&years_back=3&min_years=2&subject=&grade="
    )
    url = reverse("list_candidates", args=[cast.a.municipality.pk]) + query
    client.force_login(cast.users["coordinator_a"])
    page = client.get(url).content.decode()
    assert str(school) in page and str(other) not in page and str(cast.b.school) not in page
    assert "Записать решение" not in page  # coordinators read
    assert client.post(url, {"school": [school.pk]}).status_code == 403

    client.force_login(cast.users["specialist_a"])
    decision = {
        "decision-kind": "municipal",
        "decision-order_number": "77",
        "decision-order_date": "2023-09-01",
        "decision-year": "2024",
        "decision-is_shnor": "on",
        "decision-cohort": "ШНОР-3",
    }
    refused = client.post(url, decision)
    assert refused.status_code == 400
    assert "Отметьте хотя бы одну школу" in refused.content.decode()
    assert not SchoolStatus.objects.filter(year=2024).exists()
    # A school that is not a candidate cannot be slipped into the decision.
    response = client.post(url, {**decision, "school": [school.pk, other.pk]})
    assert response.status_code == 302
    status = SchoolStatus.objects.get(year=2024)
    assert (status.school, status.is_shnor, status.cohort) == (school, True, "ШНОР-3")
    assert "значения: 2021: 40.00, 2022: 45.00, 2023: 12.00" in status.source

    decisions = client.get(reverse("list_decisions", args=[cast.a.municipality.pk]))
    assert "Приказ № 77 от 01.09.2023 (муниципальный анализ)" in decisions.content.decode()


def list_file(rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.results_tests.files import xlsx

    return SimpleUploadedFile("перечень.xlsx", xlsx(rows))


DECISION = {
    "kind": "fioko",
    "order_number": "101",
    "order_date": "2024-08-20",
    "year": "2024",
}


def upload_list(client, url, rows, **decision):
    """Uploads a list; returns the preview page it leads to."""
    uploaded = client.post(url, {**DECISION, **decision, "file": list_file(rows)})
    assert uploaded.status_code == 302, uploaded.content.decode()
    return uploaded.url


def test_list_import_records_a_decision_after_preview(cast, client):
    cast.a.school.code = "A-1"
    cast.a.school.save()
    client.force_login(cast.users["specialist_a"])
    url = reverse("list_import", args=[cast.a.municipality.pk])
    rows = [
        ["Код ОО", "Наименование ОО", "Группа", "Когорта"],
        ["A-1", "", "ШНОР, ШНСУ", "ШНОР-2"],
        ["", cast.a.other_school.name, "ШССУ", ""],
    ]
    preview_url = upload_list(client, url, rows)
    preview = client.get(preview_url).content.decode()
    assert not ListDecision.objects.exists() and not SchoolStatus.objects.exists()
    assert "Приказ № 101 от 20.08.2024 (перечень ФИОКО)" in preview
    assert f"<td>{cast.a.school.name}</td><td>ШНОР, ШНСУ</td><td>ШНОР-2</td>" in preview
    assert f"«{cast.a.other_school.name}» → {cast.a.other_school.name}" in preview

    refused = client.post(preview_url, {})
    assert refused.status_code == 400
    assert "Школ, найденных по названию: 1" in refused.content.decode()
    assert not SchoolStatus.objects.filter(year=2024).exists()
    # Someone else's token finds nothing.
    client.force_login(cast.users["admin"])
    assert client.get(preview_url).status_code == 404
    client.force_login(cast.users["specialist_a"])
    response = client.post(preview_url, {"accept_name_matches": "1"})
    assert response.status_code == 302
    statuses = {s.school: s for s in SchoolStatus.objects.filter(year=2024)}
    assert (statuses[cast.a.school].groups_label, statuses[cast.a.school].cohort) == (
        "ШНОР, ШНСУ",
        "ШНОР-2",
    )
    assert statuses[cast.a.other_school].groups_label == "ШНСУ"
    assert "перечень из файла «перечень.xlsx»" in statuses[cast.a.other_school].source
    assert client.post(preview_url, {"accept_name_matches": "1"}).status_code == 404  # used up
    assert ListDecision.objects.count() == 1

    # A later list: school A leaves, with its reason; the card tells it.
    leaving = [["Код ОО", "Группа", "Основание"], ["A-1", "вышла из перечня", "результаты выше"]]
    later_url = upload_list(client, url, leaving, order_number="130", year="2025")
    assert "вышла из перечня" in client.get(later_url).content.decode()
    assert client.post(later_url).status_code == 302
    assert SchoolStatus.objects.get(school=cast.a.school, year=2025).groups_label == (
        "не входит в группы"
    )
    card = client.get(reverse("school_detail", args=[cast.a.school.pk])).content.decode()
    assert "вышла из перечня в 2025 г.: Приказ № 130 от 20.08.2024" in card


def test_list_import_bad_decision_fields_get_russian_errors(cast, client):
    client.force_login(cast.users["specialist_a"])
    url = reverse("list_import", args=[cast.a.municipality.pk])
    rows = [["Наименование ОО", "Группа"], [cast.a.school.name, "ШНОР"]]
    response = client.post(url, {**DECISION, "order_date": "вчера", "file": list_file(rows)})
    assert response.status_code == 400
    assert "Введите правильную дату" in response.content.decode()
    assert not ListDecision.objects.exists()


def test_list_import_bad_rows_write_nothing(cast, client):
    client.force_login(cast.users["specialist_a"])
    url = reverse("list_import", args=[cast.a.municipality.pk])
    rows = [
        ["Код ОО", "Группа"],
        ["нет-такого", "ШНОР"],
        [cast.b.school.name, "ШНОР"],
    ]
    cast.a.school.code = "A-1"
    cast.a.school.save()
    rows.append(["A-1", "отличники"])
    response = client.post(url, {**DECISION, "file": list_file(rows)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Строка 2: школа код «нет-такого» не найдена в муниципалитете." in text
    assert "Строка 4: группа «отличники» не распознана" in text
    assert not ListDecision.objects.exists() and not SchoolStatus.objects.exists()
    client.force_login(cast.users["coordinator_a"])
    assert client.post(url, {**DECISION, "file": list_file(rows)}).status_code == 403


def test_meeting_all_rules_needs_every_rule():
    oge = Rule("доля ниже порога, %", "ОГЭ", AT_LEAST, D(20), [2023], 1)
    oge_rows = {2023: [ResultRow(1, 20, D(25)), ResultRow(2, 20, D(50)), ResultRow(3, 20, D(10))]}
    (match,) = meeting_all([(rule(), ROWS), (oge, oge_rows)])  # 2: ОГЭ only; 3: ВПР only
    assert match.school_id == 1
    assert [c.hits for c in match.found] == [[2021, 2022], [2023]]
    assert match.reason([rule(), oge]).endswith(
        "; и ОГЭ: доля ниже порога, % ≥ 20 не менее чем в 1 из 1 лет (2023); значения: 2023: 25.00"
    )
    assert meeting_all([]) == []


COMBINED = {
    "assessment": "vpr",
    "measure": "share_low",
    "comparison": "at_least",
    "threshold": "30",
    "last_year": "2023",
    "years_back": "3",
    "min_years": "2",
    "and1-assessment": "oge",
    "and1-measure": "share_low",
    "and1-comparison": "at_least",
    "and1-threshold": "20",
    "and1-last_year": "2023",
    "and1-years_back": "1",
    "and1-min_years": "1",
}


def test_candidates_page_combines_rules(cast, client):
    school, other = cast.a.school, cast.a.other_school
    for year, share in ((2021, 40), (2022, 45), (2023, 12)):
        result(school, year=year, share_low=D(share))
        result(other, year=year, share_low=D(35))  # ВПР: every year, but ОГЭ is fine
    result(school, year=2023, assessment="oge", subject="Математика", grade=9, share_low=D(25))
    result(other, year=2023, assessment="oge", subject="Математика", grade=9, share_low=D(10))
    url = reverse("list_candidates", args=[cast.a.municipality.pk]) + "?" + urlencode(COMBINED)
    client.force_login(cast.users["specialist_a"])

    only_vpr = client.get(url.split("&and1")[0]).content.decode()
    assert str(school) in only_vpr and str(other) in only_vpr
    page = client.get(url).content.decode()
    assert str(school) in page and str(other) not in page
    assert "ОГЭ: доля «2» (ниже порога), % ≥ 20 не менее чем в 1 из 1 лет (2023)" in page
    assert '<li class="hit">2023: 25,00</li>' in page  # the ОГЭ number that put it there
    assert "выполнено в 2 из 3" in page and "выполнено в 1 из 1" in page
    assert not SchoolStatus.objects.exists()  # a search changes nothing

    decision = {
        "decision-kind": "municipal",
        "decision-order_number": "78",
        "decision-order_date": "2023-09-01",
        "decision-year": "2024",
        "decision-is_shnor": "on",
        "school": [school.pk, other.pk],
    }
    assert client.post(url, decision).status_code == 302
    (status,) = SchoolStatus.objects.filter(year=2024)
    assert status.school == school
    assert "значения: 2021: 40.00, 2022: 45.00, 2023: 12.00; и ОГЭ:" in status.source
    assert status.source.endswith("значения: 2023: 25.00")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"and1-threshold": "много"}, "Введите число."),
        ({"and1-last_year": ""}, "Обязательное поле."),
        ({"and1-min_years": "3"}, "Не может быть больше, чем лет смотреть."),
        ({"and2-threshold": "10"}, "Обязательное поле."),  # a third rule half typed
        ({"threshold": "-5"}, "Убедитесь, что это значение больше либо равно 0."),
        ({"years_back": "1000000000000"}, "Убедитесь, что это значение меньше либо равно 10."),
        ({"and1-assessment": "xyz"}, "Выберите корректный вариант."),
    ],
)
def test_bad_rule_parameters_get_russian_errors(cast, client, changes, message):
    result(cast.a.school, year=2023, share_low=D(90))
    client.force_login(cast.users["specialist_a"])
    url = reverse("list_candidates", args=[cast.a.municipality.pk])
    response = client.get(url + "?" + urlencode(COMBINED | changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Выполнены все правила" not in page and "Записать решение" not in page
