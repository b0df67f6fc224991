from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from programs.cells import is_planned, planned_number
from programs.models import ActivityExecutor, ActivityYear, Section
from programs.periods import Period, parse_period, period_errors, program_years
from programs.status import ExecutionStatus, completion_share
from schools.models import Party, SchoolStatus
from schools.parties import match_party, split_executor_text
from tests.cast import make_activity, make_program


@pytest.mark.parametrize(
    ("start", "end", "school_year", "labels"),
    [
        (2021, 2023, False, ["2021", "2022", "2023"]),
        (2019, 2019, False, ["2019"]),
        (2023, 2024, True, ["2023/24"]),
        (2023, 2025, True, ["2023/24", "2024/25"]),
        (2099, 2100, True, ["2099/00"]),
    ],
)
def test_program_years(start, end, school_year, labels):
    assert [y.label for y in program_years(start, end, school_year)] == labels


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("на 2019-2021 годы", Period(2019, 2021)),
        ("2021 – 2023 гг.", Period(2021, 2023)),
        ("2023/24 учебный год", Period(2023, 2024, school_year=True)),
        ("2023/2024 уч. год", Period(2023, 2024, school_year=True)),
        ("на 2022 год", Period(2022, 2022)),
        ("без срока", None),
    ],
)
def test_parse_period(text, period):
    assert parse_period(text) == period


def test_period_errors_in_russian():
    assert period_errors(2023, 2021, False) == ["Год окончания не может быть раньше года начала."]
    assert period_errors(2021, 2040, False)
    assert period_errors(2023, 2023, True)
    assert period_errors(2021, 2023, False) == []


@pytest.mark.parametrize(
    ("cell", "number", "planned"),
    [
        ("3", Decimal(3), True),
        ("1,5", Decimal("1.5"), True),
        ("2 500", Decimal(2500), True),
        ("+", None, True),
        ("август", None, True),
        ("ежемесячно", None, True),
        ("Не менее 3 заседаний ежегодно", None, True),
        ("", None, False),
        ("-", None, False),
        ("0", Decimal(0), False),
    ],
)
def test_planned_cells(cell, number, planned):
    assert planned_number(cell) == number
    assert is_planned(cell) is planned


def test_completion_share_ignores_cancelled_and_empty_years():
    done, not_done, cancelled = (
        ExecutionStatus.DONE,
        ExecutionStatus.NOT_DONE,
        ExecutionStatus.CANCELLED,
    )
    assert completion_share([done, not_done, cancelled]) == 0.5
    assert completion_share([cancelled]) is None
    assert completion_share([]) is None


def test_split_executor_text_keeps_order_and_quoted_commas():
    assert split_executor_text("Отдел образования, МБОУ «Знаменская СОШ, филиал»; ИМЦ") == [
        "Отдел образования",
        "МБОУ «Знаменская СОШ, филиал»",
        "ИМЦ",
    ]
    assert split_executor_text("ИМЦ,\nЦРО") == ["ИМЦ", "ЦРО"]
    assert split_executor_text("") == []


@pytest.mark.django_db
def test_match_party_by_short_name_and_alias(cast):
    imc = Party.objects.create(
        municipality=cast.a.municipality,
        name="Информационно-методический центр",
        short_name="ИМЦ",
        aliases="МБУ ДПО «МиРЦ»",
    )
    parties = list(Party.objects.filter(municipality=cast.a.municipality))
    assert match_party("имц", parties) == imc
    assert match_party('МБУ ДПО "МиРЦ"', parties) == imc
    assert match_party("Неизвестный центр", parties) is None


@pytest.mark.django_db
def test_program_period_validation_message(cast):
    program = make_program(cast.a.municipality, start_year=2023, end_year=2021)
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "Год окончания не может быть раньше года начала." in error.value.messages


@pytest.mark.django_db
def test_year_cells_keep_text_and_parse_numbers(cast):
    section = cast.a.section
    activity = make_activity(section, number="2.3.", cells={2021: "август", 2022: "3", 2023: "+"})
    years = {y.year: y for y in activity.years.all()}
    assert [years[y].planned_text for y in (2021, 2022, 2023)] == ["август", "3", "+"]
    assert years[2022].planned_number == Decimal(3)
    assert years[2021].planned_number is None
    years[2023].planned_text = "1,5"
    years[2023].save(update_fields=["planned_text"])
    assert ActivityYear.objects.get(pk=years[2023].pk).planned_number == Decimal("1.5")
    assert activity.number == "2.3."


@pytest.mark.django_db
def test_sections_and_activities_keep_document_order(cast):
    program = cast.a.program
    second = Section.objects.create(program=program, position=2, number="2.", title="Второй")
    first = Section.objects.create(program=program, position=1, number="", title="Первый")
    later = make_activity(second, number="2.10", position=10)
    earlier = make_activity(second, number="2.9", position=9)
    assert list(program.sections.exclude(pk=cast.a.section.pk)) == [first, second]
    assert list(second.activities.all()) == [earlier, later]


@pytest.mark.django_db
def test_executors_keep_lead_first(cast):
    activity = cast.a.activity
    lead = Party.objects.create(municipality=cast.a.municipality, name="ИМЦ")
    ActivityExecutor.objects.create(activity=activity, party=cast.a.party, position=1)
    ActivityExecutor.objects.create(activity=activity, party=lead, position=0)
    links = list(activity.executor_links.all())
    assert [link.party for link in links] == [lead, cast.a.party]
    assert links[0].is_lead and not links[1].is_lead


@pytest.mark.django_db
def test_school_status_per_year(cast):
    school = cast.a.school
    SchoolStatus.objects.create(school=school, year=2021, is_shnor=True, cohort="ШНОР-1")
    SchoolStatus.objects.create(school=school, year=2022, is_shnor=True, is_shnsu=True)
    SchoolStatus.objects.create(school=school, year=2023)
    labels = {s.year: s.groups_label for s in school.statuses.all()}
    assert labels == {2021: "ШНОР", 2022: "ШНОР, ШНСУ", 2023: "не входит в группы"}
