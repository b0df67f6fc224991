"""Indicators computed from assessment results, checked against numbers worked out by hand."""

from decimal import Decimal as D

from results.computed import MEAN, WEIGHTED, ResultRow, combine, school_values

# School 1: 5th grade 20 pupils 10 % «2», 6th grade 30 pupils 20 % «2» → (200 + 600) / 50 = 16 %.
# School 2: 50 pupils 40 % «2».
# Weighted over all participants: (200 + 600 + 2000) / 100 = 28 %; mean of schools: (16 + 40) / 2.
ROWS = [
    ResultRow(1, 20, D(10)),
    ResultRow(1, 30, D(20)),
    ResultRow(2, 50, D(40)),
    ResultRow(3, 0, D(90)),  # nobody wrote it: no weight, no school value
    ResultRow(4, 25, None),  # the file had no share for this row
]


def test_school_values_are_weighted_within_the_school():
    values = school_values(ROWS)
    assert {school: v.value for school, v in values.items()} == {1: D("16.00"), 2: D("40.00")}
    assert values[1].participants == 50


def test_weighted_by_participants():
    result = combine(ROWS, WEIGHTED)
    assert (result.value, result.schools, result.participants, result.rows) == (
        D("28.00"),
        2,
        100,
        3,
    )


def test_mean_of_school_values():
    assert combine(ROWS, MEAN).value == D("28.00")
    uneven = [ResultRow(1, 10, D(10)), ResultRow(2, 90, D(50))]
    assert combine(uneven, MEAN).value == D("30.00")  # (10 + 50) / 2
    assert combine(uneven, WEIGHTED).value == D("46.00")  # (100 + 4500) / 100


def test_rounding_is_half_up_to_two_places():
    rows = [ResultRow(1, 3, D(1)), ResultRow(1, 3, D(2)), ResultRow(1, 2, D(2))]
    # (3 + 6 + 4) / 8 = 1.625 → 1.63
    assert combine(rows, WEIGHTED).value == D("1.63")


def test_no_results_is_no_value():
    assert combine([], WEIGHTED).value is None
    assert combine([ResultRow(1, 0, D(5))], MEAN).value is None
