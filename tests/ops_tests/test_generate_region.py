"""`manage.py generate_region`: a region at the size asked for, with reports on real slots, and
never into a working portal by accident."""

import pytest
from django.core.management import CommandError, call_command

from monitoring.models import EvidenceFile, ReportStatus, SchoolReport
from monitoring.periods import report_periods
from ops.region import RegionSize, generate_region
from programs.models import Activity, ActivityYear, Program
from programs.schedule import annotate_schedule
from schools.models import Municipality, School

pytestmark = pytest.mark.django_db

SMALL = RegionSize(municipalities=2, schools=12, programs=4, activities=120, reports=150)


def test_the_region_has_the_sizes_asked_for():
    summary = generate_region(size=SMALL)

    region = summary.region
    assert Municipality.objects.filter(region=region).count() == 2
    assert School.objects.filter(municipality__region=region).count() == 12
    assert Program.objects.filter(municipality__region=region).count() == 4
    assert Activity.objects.filter(section__program__municipality__region=region).count() == 120
    assert (
        ActivityYear.objects.filter(activity__section__program__municipality__region=region).count()
        == 480
    )
    assert SchoolReport.objects.count() == 150
    assert summary.counts["отчёты школ"] == 150
    assert summary.counts["файлы отчётов"] == EvidenceFile.objects.count()


def test_reports_are_on_slots_the_schools_owe_in_every_state():
    generate_region(size=SMALL)

    reports = SchoolReport.objects.select_related("activity__section__program")
    assert {report.status for report in reports} == set(ReportStatus.values)
    for report in reports:
        activity = report.activity
        program = activity.section.program
        assert activity.schools.filter(pk=report.school_id).exists()
        cells = list(activity.years.order_by("year"))
        annotate_schedule(activity, cells, school_year=program.school_year, today=report.done_on)
        cell = next(cell for cell in cells if cell.year == report.year)
        ends = [p.end for p in report_periods(cell.due, cell.year, school_year=program.school_year)]
        assert cell.is_due and report.period_end in ends


def test_the_same_seed_gives_the_same_region_and_a_second_run_a_new_one():
    first = generate_region(size=SMALL, seed=3)
    second = generate_region(size=SMALL, seed=3)

    assert first.region.name != second.region.name

    def deadlines(region):
        return list(
            Activity.objects.filter(section__program__municipality__region=region)
            .order_by("pk")
            .values_list("deadline", flat=True)
        )

    assert deadlines(first.region) == deadlines(second.region)


def test_the_command_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG выключен"):
        call_command("generate_region", "--scale", "0.001")
    assert not Municipality.objects.exists()

    call_command("generate_region", "--scale", "0.001", "--reports", "5", "--force")
    assert SchoolReport.objects.count() == 5


def test_the_command_refuses_nonsense_sizes(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="больше нуля"):
        call_command("generate_region", "--scale", "0")
    with pytest.raises(CommandError, match="не меньше, чем муниципалитетов"):
        call_command("generate_region", "--municipalities", "5", "--schools", "2")
