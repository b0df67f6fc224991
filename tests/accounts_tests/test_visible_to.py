"""`Model.objects.visible_to(user)`: each scoped queryset gives each role of the cast exactly the
rows accounts/access.py lets it see, and narrows a queryset already filtered."""

from datetime import date

import pytest

from accounts.models import Membership, Role
from monitoring.models import ExpectedReport, ReportingRound, SchoolReport
from programs.models import Activity, Program
from reports.models import GeneratedReport
from schools.models import Municipality, School
from tests.cast import make_user
from tests.monitoring_tests.conftest import make_report

ROLES = ["admin", "specialist_a", "coordinator_a", "head_a", "observer_a", "outsider"]
STAFF_AND_OBSERVER_OF_A = {"specialist_a", "coordinator_a", "observer_a"}


def _expected_report(school, activity):
    round_ = ReportingRound.objects.create(
        program=activity.section.program,
        year=2021,
        period_kind="year",
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        due_date=date(2022, 1, 20),
    )
    return ExpectedReport.objects.create(round=round_, school=school, activity=activity)


def _generated_report(side):
    return GeneratedReport.objects.create(
        municipality=side.municipality,
        program=side.program,
        kind=GeneratedReport.Kind.SPRAVKA,
        format=GeneratedReport.Format.PDF,
    )


def _world(cast):
    """Per model: all its rows, the rows of side A, and the rows of A's head's school."""
    a, b = cast.a, cast.b
    a.activity.schools.add(a.other_school)
    reports = {s: make_report(s, a.activity) for s in (a.school, a.other_school)}
    expected = {s: _expected_report(s, a.activity) for s in (a.school, a.other_school)}
    return {
        "programs": (Program, {a.program, b.program}, {a.program}, {a.program}),
        "activities": (Activity, {a.activity, b.activity}, {a.activity}, {a.activity}),
        "schools": (
            School,
            {a.school, a.other_school, b.school, b.other_school},
            {a.school, a.other_school},
            {a.school},
        ),
        "municipalities": (Municipality, {a.municipality, b.municipality}, {a.municipality}, set()),
        "school reports": (
            SchoolReport,
            {*reports.values(), make_report(b.school, b.activity)},
            set(reports.values()),
            {reports[a.school]},
        ),
        "expected reports": (
            ExpectedReport,
            {*expected.values(), _expected_report(b.school, b.activity)},
            set(expected.values()),
            {expected[a.school]},
        ),
        "generated reports": (
            GeneratedReport,
            {_generated_report(a), _generated_report(b)},
            set(GeneratedReport.objects.filter(municipality=a.municipality)),
            set(),
        ),
    }


def _expected_rows(role, every, of_a, of_head):
    if role == "admin":
        return every
    if role in STAFF_AND_OBSERVER_OF_A:
        return of_a
    if role == "head_a":
        return of_head
    return set()


@pytest.mark.parametrize("role", ROLES)
def test_each_queryset_shows_each_role_its_rows(cast, role):
    user = cast.users[role]
    wrong = {}
    for name, (model, every, of_a, of_head) in _world(cast).items():
        seen = set(model.objects.visible_to(user))
        expected = _expected_rows(role, every, of_a, of_head)
        if seen != expected:
            wrong[name] = (sorted(map(str, seen)), sorted(map(str, expected)))
    assert not wrong


def test_a_limited_curator_sees_only_the_reports_of_the_assigned_schools(cast):
    world = _world(cast)
    curator = make_user("curator_a")
    membership = Membership.objects.create(
        user=curator, role=Role.COORDINATOR, municipality=cast.a.municipality
    )
    membership.curated_schools.add(cast.a.other_school)
    for name in ("school reports", "expected reports"):
        model, _, of_a, _ = world[name]
        assert set(model.objects.visible_to(curator)) == {
            row for row in of_a if row.school == cast.a.other_school
        }
    # The programs and schools of the municipality stay readable whole.
    assert set(Program.objects.visible_to(curator)) == {cast.a.program}


def test_visible_to_narrows_a_filtered_queryset(cast):
    in_b = Program.objects.filter(municipality=cast.b.municipality)
    assert list(in_b.visible_to(cast.users["specialist_a"])) == []
    assert list(in_b.visible_to(cast.users["admin"])) == [cast.b.program]
    outsider_schools = School.objects.order_by("name").visible_to(cast.users["outsider"])
    assert not outsider_schools.exists()
