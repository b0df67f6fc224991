"""The program's «Показатели» page: specialists edit in place, others read, heads see only
their own school."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from results.models import Indicator, IndicatorYear, SchoolIndicatorValue
from tests.results_tests.helpers import lower_is_better, result, school_level

HTMX = {"HTTP_HX_REQUEST": "true"}


def page(client, program):
    response = client.get(reverse("program_indicators", args=[program.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_specialist_adds_an_indicator_with_baseline_and_source(cast, client):
    client.force_login(cast.users["specialist_a"])
    url = reverse("indicator_create", args=[cast.a.program.pk])
    response = client.post(
        url,
        {
            "name": "Доля педагогов, прошедших КПК",
            "unit": "%",
            "level": "program",
            "direction": "higher",
            "baseline": "12,5",
            "baseline_year": "2020",
            "source": "statistics",
            "source_note": "форма ОО-1",
            "activities": [cast.a.activity.pk],
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(program=cast.a.program)
    assert (indicator.baseline, indicator.baseline_year) == (Decimal("12.5"), 2020)
    assert list(indicator.activities.all()) == [cast.a.activity]
    text = page(client, cast.a.program)
    assert "Доля педагогов, прошедших КПК" in text
    assert "12,5 (2020 г.)" in text
    assert "ведомственная статистика, форма ОО-1" in text


def test_indicator_form_explains_bad_input_in_russian(cast, client):
    client.force_login(cast.users["specialist_a"])
    url = reverse("indicator_create", args=[cast.a.program.pk])
    response = client.post(
        url,
        {"name": "", "level": "program", "direction": "yes_no", "baseline": "abc", "source": "vpr"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Обязательное поле." in text
    assert "Введите число." in text
    response = client.post(
        url,
        {
            "name": "Показатель",
            "level": "program",
            "direction": "text",
            "source": "other",
            "method": "weighted",
            "assessment": "vpr",
            "measure": "share_low",
        },
    )
    assert response.status_code == 400
    assert "По результатам оценочных процедур считаются только числа." in response.content.decode()
    assert not Indicator.objects.exists()


def test_lower_is_better_reads_as_missed(cast, client):
    lower_is_better(cast.a.program)
    client.force_login(cast.users["coordinator_a"])
    text = page(client, cast.a.program)
    assert "не достигнуто" in text
    assert "21,5" in text
    assert "изменить" not in text  # coordinators read


def test_year_cell_is_edited_in_place_and_judged(cast, client):
    indicator = lower_is_better(cast.a.program)
    client.force_login(cast.users["specialist_a"])
    url = reverse("indicator_year_edit", args=[indicator.pk, 2022])
    form = client.get(url, **HTMX)
    assert form.status_code == 200
    assert f'id="iy-{indicator.pk}-2022"' in form.content.decode()
    response = client.post(url, {"target": "17", "actual": "16,2", "comment": ""}, **HTMX)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == f"#indicator-{indicator.pk}"
    block = response.content.decode()
    assert block.count("не достигнуто") == 1  # 2021 is still missed
    assert "достигнуто" in block.replace("не достигнуто", "")
    saved = IndicatorYear.objects.get(indicator=indicator, year=2022)
    assert (saved.target, saved.actual) == (Decimal(17), Decimal("16.2"))
    change = saved.history.latest()
    assert change.history_user == cast.users["specialist_a"]
    assert saved.updated_by == cast.users["specialist_a"]


def test_year_outside_the_program_is_not_found(cast, client):
    indicator = lower_is_better(cast.a.program)
    client.force_login(cast.users["specialist_a"])
    assert client.get(reverse("indicator_year_edit", args=[indicator.pk, 2030])).status_code == 404


def test_yes_no_needs_a_comment_to_be_judged(cast, client):
    indicator = Indicator.objects.create(
        program=cast.a.program, name="Создан муниципальный методический актив", direction="yes_no"
    )
    client.force_login(cast.users["specialist_a"])
    url = reverse("indicator_year_edit", args=[indicator.pk, 2021])
    response = client.post(
        url, {"target_text": "да", "actual_text": "да", "person_judgement": "reached"}, **HTMX
    )
    assert response.status_code == 200
    assert "Укажите, на чём основана оценка" in response.content.decode()
    assert not IndicatorYear.objects.exists()
    response = client.post(
        url,
        {
            "target_text": "да",
            "actual_text": "да",
            "person_judgement": "reached",
            "comment": "Приказ УО № 12 от 01.02.2021",
        },
    )
    assert response.status_code == 302
    text = page(client, cast.a.program)
    assert "Приказ УО № 12 от 01.02.2021" in text
    assert "достигнуто" in text


def test_school_grid_shares_and_heads_see_their_school_only(cast, client):
    program = cast.a.program
    program.target_schools.add(cast.a.other_school)
    indicator = school_level(program)
    IndicatorYear.objects.create(indicator=indicator, year=2021, target=Decimal(15))
    SchoolIndicatorValue.objects.create(
        indicator=indicator, school=cast.a.school, year=2021, actual=Decimal(12)
    )
    SchoolIndicatorValue.objects.create(
        indicator=indicator, school=cast.a.other_school, year=2021, actual=Decimal(30)
    )
    client.force_login(cast.users["coordinator_a"])
    text = page(client, program)
    assert "частично (1 из 2 школ)" in text
    assert str(cast.a.other_school) in text

    client.force_login(cast.users["head_a"])
    text = page(client, program)
    assert str(cast.a.school) in text
    assert str(cast.a.other_school) not in text
    assert "факт 30" not in text.split("По школам")[1]


def test_school_value_edit_only_for_target_schools(cast, client):
    indicator = school_level(cast.a.program)
    client.force_login(cast.users["specialist_a"])
    ok = reverse("school_value_edit", args=[indicator.pk, cast.a.school.pk, 2021])
    response = client.post(ok, {"target": "10", "actual": "8,5"})
    assert response.status_code == 302
    value = SchoolIndicatorValue.objects.get()
    assert (value.target, value.actual, value.updated_by) == (
        Decimal(10),
        Decimal("8.5"),
        cast.users["specialist_a"],
    )
    not_target = reverse("school_value_edit", args=[indicator.pk, cast.a.other_school.pk, 2021])
    assert client.get(not_target).status_code == 404
    other_side = reverse("school_value_edit", args=[indicator.pk, cast.b.school.pk, 2021])
    assert client.get(other_side).status_code == 404


def test_coordinator_cannot_change_and_other_municipality_cannot_see(cast, client):
    indicator = lower_is_better(cast.a.program)
    url = reverse("indicator_year_edit", args=[indicator.pk, 2021])
    client.force_login(cast.users["coordinator_a"])
    assert client.post(url, {"target": "1", "actual": "1"}).status_code == 403
    client.force_login(cast.users["specialist_b"])
    assert client.post(url, {"target": "1", "actual": "1"}).status_code == 404
    assert IndicatorYear.objects.get(indicator=indicator, year=2021).target == Decimal(18)


def test_reorder(cast, client):
    first = lower_is_better(cast.a.program, position=0)
    second = school_level(cast.a.program, position=1)
    client.force_login(cast.users["specialist_a"])
    response = client.post(reverse("indicator_move", args=[second.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert list(cast.a.program.indicators.values_list("pk", flat=True)) == [second.pk, first.pk]


def test_delete_asks_then_removes(cast, client):
    indicator = lower_is_better(cast.a.program)
    client.force_login(cast.users["specialist_a"])
    url = reverse("indicator_delete", args=[indicator.pk])
    assert "Удалить показатель?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Indicator.objects.exists()


def test_computed_indicator_shows_how(cast, client):
    program = cast.a.program
    program.target_schools.add(cast.a.other_school)
    Indicator.objects.create(
        program=program,
        name="Доля отметок «2» по ВПР в школах целевой группы",
        unit="%",
        direction="lower",
        method="weighted",
        assessment="vpr",
        subject="Русский язык",
        grade=5,
        measure="share_low",
    )
    result(cast.a.school, participants=20, share_low=Decimal(10))
    result(cast.a.other_school, participants=60, share_low=Decimal(30))
    result(cast.b.school, participants=500, share_low=Decimal(90))  # not a target school
    result(cast.a.school, subject="Математика", share_low=Decimal(99))  # another subject
    client.force_login(cast.users["observer_a"])
    text = page(client, program)
    # (20 × 10 + 60 × 30) / 80 = 25
    assert "<td>25</td>" in text
    assert "Факт вычислен по результатам (ВПР, Русский язык, 5 класс)" in text
    assert "2021: 2 шк., 80 участн." in text


def add_indicators(program, count):
    for index in range(count):
        indicator = school_level(
            program, position=index, method="mean", assessment="vpr", measure="share_low"
        )
        IndicatorYear.objects.create(indicator=indicator, year=2021, target=Decimal(20))
        lower_is_better(program, position=100 + index)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_indicators(cast, client):
    program = cast.a.program
    result(cast.a.school)
    client.force_login(cast.users["specialist_a"])
    url = reverse("program_indicators", args=[program.pk])
    add_indicators(program, 2)
    small = count_queries(client, url)
    add_indicators(program, 20)
    large = count_queries(client, url)
    assert small == large
    assert small <= 15


def test_history_says_who_entered_what_and_heads_see_only_their_school(cast, client):
    program = cast.a.program
    program.target_schools.add(cast.a.other_school)
    indicator = school_level(program)
    client.force_login(cast.users["specialist_a"])
    for school, actual in ((cast.a.school, "11"), (cast.a.other_school, "37,5")):
        url = reverse("school_value_edit", args=[indicator.pk, school.pk, 2021])
        assert client.post(url, {"target": "", "actual": actual}).status_code == 302
    url = reverse("indicator_history", args=[indicator.pk])
    text = client.get(url).content.decode()
    other_value = f"значение показателя школы «{indicator} — {cast.a.other_school} — 2021»"
    assert other_value in text and "specialist_a" in text
    client.force_login(cast.users["head_a"])
    text = client.get(url).content.decode()
    assert f"{indicator} — {cast.a.school} — 2021" in text
    assert str(cast.a.other_school) not in text
