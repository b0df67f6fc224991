from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from monitoring.locks import closed_years
from monitoring.models import SchoolReport
from monitoring.slots import REPORTING_PROGRAM_STATUSES, report_slots
from programs.models import Activity, Program
from schools.models import School


@pytest.fixture
def media_root(settings, tmp_path):
    """A media folder of the test's own: what is stored (or not) can be counted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()]


class DemoWorld:
    """The demo data as the school-report tests use it."""

    def __init__(self, program):
        users = get_user_model().objects.in_bulk(
            ["head", "head2", "coordinator", "specialist", "observer"], field_name="username"
        )
        self.program = program
        self.head, self.head2 = users["head"], users["head2"]
        self.coordinator, self.specialist = users["coordinator"], users["specialist"]
        self.observer = users["observer"]
        self.school = School.objects.get(short_name="МБОУ Кормовская СОШ")
        self.other_school = School.objects.get(short_name="МБОУ Денисовская СОШ")
        activities = Activity.objects.filter(section__program=program)
        self.conference = activities.get(number="2.4.")  # due 2022 and 2023
        self.contracts = activities.get(number="4.1.")  # due every year
        self.documents = activities.get(number="1.1")  # involves no school

    def start_url(self, activity=None, year=2021, school=None, period=None):
        url = reverse(
            "school_report_start",
            args=[(activity or self.contracts).pk, (school or self.school).pk, year],
        )
        return f"{url}?period={period}" if period else url


@pytest.fixture
def world(demo, media_root):
    return DemoWorld(demo)


def report_data(*, text="", value="", done_on="", files=(), action="submit", version=None):
    """The POST of the report form: text, value, date, files with their kinds, the button."""
    data = {"text": text, "actual_value": value, "done_on": done_on, "action": action}
    for slot, (upload, kind) in enumerate(files, 1):
        data[f"file_{slot}"] = upload
        data[f"kind_{slot}"] = kind
    if version is not None:
        data["version"] = version
    return data


def review_data(report, decision, comment="", files=None):
    """The POST of the review form; `files` maps an evidence file to (review, reason, note)."""
    data = {"decision": decision, "comment": comment, "version": report.version}
    for evidence in report.files.all():
        review, reason, note = (files or {}).get(evidence.pk, (evidence.review, "", ""))
        data[f"file-{evidence.pk}-review"] = review
        data[f"file-{evidence.pk}-reject_reason"] = reason
        data[f"file-{evidence.pk}-review_note"] = note
    return data


def make_report(school, activity, *, year=2021, status="submitted", **fields):
    """A report for the whole program year, written straight to the database."""
    fields.setdefault("text", "Проведено")
    if status != "draft":
        fields.setdefault("submitted_at", timezone.now())
    return SchoolReport.objects.create(
        school=school,
        activity=activity,
        year=year,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        status=status,
        **fields,
    )


def owed_as_before(user, today):
    """The reference: every slot of the observer's region built in Python, as the queue did
    before issue 17, kept overdue and not handed in, sorted as the page sorts them."""
    programs = Program.objects.filter(
        municipality__region__in=user.memberships.values("region"),
        status__in=REPORTING_PROGRAM_STATUSES,
    )
    slots = report_slots(Activity.objects.filter(section__program__in=programs), today=today)
    closed = closed_years(programs.values("pk"))
    missing = [
        slot
        for slot in slots
        if not slot.handed_in and slot.is_overdue and (slot.program.pk, slot.year) not in closed
    ]
    return sorted(missing, key=lambda slot: (slot.period.due, str(slot.school), slot.activity.pk))
