"""The coverage rule, table-driven: which high and medium factors of a school stay unanswered."""

import pytest

from risks.coverage import NO_ACTIVITY, NO_PROGRAMME, school_coverage

H, M, L, N = "high", "medium", "low", "not_relevant"

CASES = [
    # (what, levels, approved programmes, addressed factors, expected gaps: factor → missing)
    ("высокий фактор с программой и мероприятием закрыт", {1: H}, {1}, {1}, {}),
    ("средний фактор тоже требует ответа", {1: M}, {1}, set(), {1: [NO_ACTIVITY]}),
    ("нет программы", {1: H}, set(), {1}, {1: [NO_PROGRAMME]}),
    ("нет ни программы, ни мероприятия", {1: H}, set(), set(), {1: [NO_PROGRAMME, NO_ACTIVITY]}),
    ("низкий и неактуальный не требуют ответа", {1: L, 2: N}, set(), set(), {}),
    (
        "программа и мероприятие по другому фактору не засчитываются",
        {1: H, 2: M},
        {2},
        {2},
        {1: [NO_PROGRAMME, NO_ACTIVITY]},
    ),
    ("пустой профиль: проверять нечего", {}, set(), set(), {}),
    (
        "несколько факторов: каждый по отдельности",
        {1: H, 2: M, 3: L},
        {1},
        {2},
        {1: [NO_ACTIVITY], 2: [NO_PROGRAMME]},
    ),
]


@pytest.mark.parametrize(
    ("levels", "programmes", "addressed", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_gaps(levels, programmes, addressed, expected):
    coverage = school_coverage(levels, programmes, addressed)
    assert coverage.has_profile
    assert {gap.factor_id: gap.missing for gap in coverage.gaps} == expected
    assert coverage.is_covered == (not expected)


def test_a_school_without_a_profile_is_not_covered():
    coverage = school_coverage(None, {1}, {1})
    assert not coverage.has_profile
    assert not coverage.is_covered
    assert coverage.gaps == []
