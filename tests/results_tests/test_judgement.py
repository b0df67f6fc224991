"""The judgement rule, table by table: every direction, missing data, schools, a person's word."""

from decimal import Decimal as D

import pytest

from results.judgement import Judgement, deviation, judge, judge_schools

R, N, P, X = Judgement.REACHED, Judgement.NOT_REACHED, Judgement.PARTIAL, Judgement.NO_DATA


@pytest.mark.parametrize(
    ("direction", "target", "actual", "person", "expected"),
    [
        # Higher is better: at or above the target reaches it.
        ("higher", D(60), D(61), "", R),
        ("higher", D(60), D(60), "", R),
        ("higher", D(60), D("59.99"), "", N),
        # Lower is better: «план 18, факт 21,5» is a miss, not a success of +3,5.
        ("lower", D(18), D("21.5"), "", N),
        ("lower", D(18), D(18), "", R),
        ("lower", D(18), D("12.4"), "", R),
        # Missing data, whichever side is missing.
        ("higher", None, D(5), "", X),
        ("higher", D(5), None, "", X),
        ("lower", None, None, "", X),
        # A person's judgement does not override the numbers of a numeric indicator.
        ("lower", D(18), D("21.5"), "reached", N),
        # Yes/no and text: the person judges; nothing said is «нет данных».
        ("yes_no", None, None, "reached", R),
        ("yes_no", None, None, "not_reached", N),
        ("text", None, None, "partial", P),
        ("text", None, None, "", X),
        ("yes_no", D(1), D(1), "", X),
    ],
)
def test_judge(direction, target, actual, person, expected):
    assert judge(direction, target, actual, person) is expected


@pytest.mark.parametrize(
    ("direction", "pairs", "expected", "label"),
    [
        ("lower", [(D(20), D(15)), (D(20), D(19))], R, "достигнуто (2 из 2 школ)"),
        ("lower", [(D(20), D(15)), (D(20), D(25)), (D(20), D(30))], P, "частично (1 из 3 школ)"),
        ("higher", [(D(50), D(40)), (D(50), D(45))], N, "не достигнуто (0 из 2 школ)"),
        # Schools without data are left out of the share, not counted as failures.
        ("higher", [(D(50), D(55)), (D(50), None), (None, D(70))], R, "достигнуто (1 из 1 школ)"),
        ("higher", [(D(50), None), (None, None)], X, "нет данных"),
        ("higher", [], X, "нет данных"),
    ],
)
def test_judge_schools(direction, pairs, expected, label):
    verdict = judge_schools(direction, pairs)
    assert verdict.judgement is expected
    assert verdict.label == label


def test_share_of_schools():
    verdict = judge_schools(
        "lower", [(D(20), D(15)), (D(20), D(25)), (D(20), D(30)), (D(20), D(1))]
    )
    assert (verdict.reached, verdict.judged, verdict.share) == (2, 4, 0.5)


@pytest.mark.parametrize(
    ("direction", "target", "actual", "expected"),
    [
        ("higher", D(60), D("48.5"), D("-11.5")),
        ("lower", D(18), D("21.5"), D("-3.5")),
        ("lower", D(18), D(15), D(3)),
        ("yes_no", D(1), D(1), None),
        ("higher", None, D(1), None),
    ],
)
def test_deviation_is_positive_on_the_good_side(direction, target, actual, expected):
    assert deviation(direction, target, actual) == expected
