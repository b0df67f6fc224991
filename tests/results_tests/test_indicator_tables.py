"""The indicator tables the page and the справка read, against numbers worked out by hand."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from results.judgement import Judgement
from results.models import Indicator, IndicatorYear, SchoolIndicatorValue
from results.selectors import indicator_tables
from tests.results_tests.helpers import result, school_level


def test_school_level_computed_from_results(cast):
    program = cast.a.program
    program.target_schools.add(cast.a.other_school)
    indicator = school_level(program, method="mean", assessment="vpr", measure="share_low")
    IndicatorYear.objects.create(indicator=indicator, year=2021, target=D(20))
    # Its own, stricter target for school A.
    SchoolIndicatorValue.objects.create(
        indicator=indicator, school=cast.a.school, year=2021, target=D(12)
    )
    # School A: (10 × 10 + 30 × 20) / 40 = 17,5 → misses its own 12.
    result(cast.a.school, participants=10, share_low=D(10))
    result(cast.a.school, participants=30, share_low=D(20), subject="Математика")
    # School B: 5 → reaches the program's 20.
    result(cast.a.other_school, participants=50, share_low=D(5))
    (table,) = indicator_tables(program)
    year = table.years[0]
    # Mean of the schools: (17,5 + 5) / 2 = 11,25 (weighted it would be 8,33).
    assert year.actual == D("11.25")
    assert (year.verdict.judgement, year.verdict.reached, year.verdict.judged) == (
        Judgement.PARTIAL,
        1,
        2,
    )
    cells = {line.school.pk: line.cells[0] for line in table.schools}
    assert (cells[cast.a.school.pk].target, cells[cast.a.school.pk].actual) == (D(12), D("17.50"))
    assert cells[cast.a.school.pk].own_target
    assert (cells[cast.a.other_school.pk].target, cells[cast.a.other_school.pk].judgement) == (
        D(20),
        Judgement.REACHED,
    )
    assert table.years[1].verdict.judgement is Judgement.NO_DATA
    assert "среднее значений школ" in table.how_computed


def test_heads_get_their_school_line_only(cast):
    program = cast.a.program
    program.target_schools.add(cast.a.other_school)
    school_level(program)
    (table,) = indicator_tables(program, school_ids={cast.a.school.pk})
    assert [line.school for line in table.schools] == [cast.a.school]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"direction": "text", "level": "school"}, "level"),
        (
            {
                "direction": "yes_no",
                "method": "weighted",
                "assessment": "vpr",
                "measure": "share_low",
            },
            "method",
        ),
        ({"direction": "higher", "method": "weighted"}, "assessment"),
        ({"direction": "higher", "baseline": D(5)}, "baseline_year"),
        ({"direction": "text", "baseline": D(5), "baseline_year": 2020}, "baseline"),
    ],
)
def test_indicator_rules(cast, fields, field):
    indicator = Indicator(program=cast.a.program, name="Показатель", **fields)
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert field in error.value.message_dict
