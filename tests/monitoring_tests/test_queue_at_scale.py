"""The review queue and the report matrix on generated regions (ops/region.py): the same number
of queries at two sizes, and «Не сданы» still the reports the schools owe, in the same order,
page by page."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from monitoring.models import ReportStatus, SchoolReport
from monitoring.queue import QueueFilter, ReviewQueue
from monitoring.slots import REPORTING_PROGRAM_STATUSES
from ops.region import RegionSize, generate_region
from programs.models import Program, Section
from tests.cast import make_activity, make_program
from tests.monitoring_tests.conftest import owed_as_before

pytestmark = pytest.mark.django_db

SMALL = RegionSize(municipalities=2, schools=10, programs=4, activities=60, reports=60)
LARGE = RegionSize(municipalities=3, schools=30, programs=9, activities=240, reports=240)
TABS = ("submitted", "returned", "accepted", "missing")


def queries_of(client, url) -> int:
    # The first request reads deadlines met for the first time into the schedule-period cache;
    # the page's own count is the second's.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def region_pages(client, size, seed):
    """Query counts of the queue's tabs (observer and coordinator) and of a program's matrix."""
    summary = generate_region(size=size, seed=seed)
    users = get_user_model().objects.in_bulk(
        [summary.observer, summary.coordinator], field_name="username"
    )
    # A program with reports in every state: no tab's page is empty at either size.
    program = (
        Program.objects.filter(
            municipality__region=summary.region, status__in=REPORTING_PROGRAM_STATUSES
        )
        .annotate(states=Count("sections__activities__school_reports__status", distinct=True))
        .filter(states=len(ReportStatus.values))
        .order_by("pk")
        .first()
    )
    counts = {}
    for username in (summary.observer, summary.coordinator):
        client.force_login(users[username])
        for tab in TABS:
            url = f"{reverse('review_queue')}?tab={tab}"
            counts[username.rsplit("-", 1)[-1], tab] = queries_of(client, url)
            counts[username.rsplit("-", 1)[-1], tab, "program"] = queries_of(
                client, f"{url}&program={program.pk}"
            )
    client.force_login(users[summary.observer])
    matrix = reverse("school_report_matrix", args=[program.pk])
    counts["matrix"] = queries_of(client, f"{matrix}?year={program.start_year}")
    counts["matrix.xlsx"] = queries_of(
        client,
        f"{reverse('school_report_matrix_xlsx', args=[program.pk])}?year={program.start_year}",
    )
    return counts


def test_queue_tabs_and_matrix_take_as_many_queries_at_two_sizes(client):
    small = region_pages(client, SMALL, seed=1)
    large = region_pages(client, LARGE, seed=2)

    assert small == large
    assert max(small.values()) <= 20, small


def slot_key(slot):
    return (slot.school.pk, slot.activity.pk, slot.year, slot.period.end)


def test_missing_tab_lists_the_owed_reports_in_order_page_by_page(client):
    summary = generate_region(size=SMALL, seed=5)
    observer = get_user_model().objects.get(username=summary.observer)
    today = timezone.localdate()
    expected = owed_as_before(observer, today)
    assert len(expected) > 100  # more than two pages of 50

    found = ReviewQueue(observer, QueueFilter()).missing(today)
    assert found.count() == len(expected)
    assert [slot_key(slot) for slot in found[0 : len(expected)]] == [
        slot_key(slot) for slot in expected
    ]
    # A draft begun is shown as such; nothing handed in is listed.
    drafts = [slot for slot in found[0 : len(expected)] if slot.report is not None]
    assert drafts and {slot.report.status for slot in drafts} == {"draft"}

    client.force_login(observer)
    url = f"{reverse('review_queue')}?tab=missing"
    pages = -(-len(expected) // 50)
    second = client.get(f"{url}&page=2").content.decode()
    assert f"страница 2 из {pages}" in second
    first_row = expected[50]
    row = re.search(r"<tbody>\s*<tr><td data-label=\"Школа\">([^<]*)</td>", second)
    assert row.group(1) == str(first_row.school)
    assert f"⚠ {first_row.period.due:%d.%m.%Y}" in second

    # Narrowed to one year (counted from the counts kept per program), then also to one school
    # (counted from the rows): the same reports of that year, of that school.
    in_year = ReviewQueue(observer, QueueFilter(year=first_row.year)).missing(today)
    assert in_year.count() == len([slot for slot in expected if slot.year == first_row.year])
    school, year = first_row.school, first_row.year
    narrowed = ReviewQueue(observer, QueueFilter(school_id=school.pk, year=year)).missing(today)
    assert [slot_key(slot) for slot in narrowed[0:1000]] == [
        slot_key(slot) for slot in expected if slot.school == school and slot.year == year
    ]
    assert narrowed.count() == len(narrowed[0:1000])


def test_matrix_without_a_year_finds_the_latest_year_with_reports_in_few_queries(cast, client):
    """Opened without a year, a program whose years since 2010 are empty but the first: the
    matrix shows 2010, without building a matrix for each empty year on the way."""
    this_year = timezone.localdate().year
    program = make_program(
        cast.a.municipality, title="Долгая программа", start_year=2010, end_year=this_year
    )
    section = Section.objects.create(program=program, number="1.", title="Раздел")
    activity = make_activity(section, number="1.1", title="Только первый год", cells={2010: "+"})
    activity.schools.add(cast.a.school)
    client.force_login(cast.users["coordinator_a"])
    url = reverse("school_report_matrix", args=[program.pk])

    client.get(url)  # reads the deadlines into the schedule-period cache
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()

    assert "Только первый год" in page and "2010" in page
    assert len(queries) <= 20, "\n".join(q["sql"][:120] for q in queries.captured_queries)


def test_tabs_count_and_list_the_reports_each_reader_sees(client):
    """Counted by the programs in the scope or, for a region's observer, by the few outside it:
    the same reports either way as those the reader sees, in order."""
    summary = generate_region(size=SMALL, seed=3)
    # A program with reports back to a draft: its reports are in no tab.
    drafted = (
        Program.objects.filter(municipality__region=summary.region)
        .annotate(reports=Count("sections__activities__school_reports"))
        .order_by("-reports")
        .first()
    )
    Program.objects.filter(pk=drafted.pk).update(status=Program.Status.DRAFT)
    users = get_user_model().objects.in_bulk(
        [summary.observer, summary.coordinator], field_name="username"
    )
    for user in users.values():
        seen = SchoolReport.objects.visible_to(user).filter(
            activity__section__program__status__in=REPORTING_PROGRAM_STATUSES
        )
        queue = ReviewQueue(user, QueueFilter())
        assert queue.counts == dict(
            seen.values_list("status").annotate(count=Count("pk")).exclude(status="draft")
        )
        waiting = queue.in_state(ReportStatus.SUBMITTED)
        assert [r.pk for r in waiting[0 : len(waiting)]] == list(
            seen.filter(status=ReportStatus.SUBMITTED)
            .order_by("submitted_at", "id")
            .values_list("pk", flat=True)
        )
