"""The coordinator's review queue (tabs, filters, bulk accept), the school × activity matrix and
its XLSX export; their query counts do not grow with the number of reports."""

from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Membership, Role
from monitoring.models import SchoolReport
from programs.models import ActivityYear
from programs.status import ExecutionStatus
from schools.models import School
from tests.cast import make_user
from tests.monitoring_tests.conftest import make_report


def add_reports(cast, count, status="submitted"):
    """`count` more schools of municipality A in the cast's activity, each with a 2021 report."""
    activity = cast.a.activity
    start = School.objects.count()
    for index in range(start, start + count):
        school = School.objects.create(municipality=cast.a.municipality, name=f"МБОУ СОШ № {index}")
        activity.schools.add(school)
        make_report(school, activity, status=status, actual_value=1)


def count_queries(client, url):
    # The first request reads the deadlines met for the first time into the schedule-period
    # cache (one more query); the count that matters is the page's, read after.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_queue_page_queries_do_not_grow_with_the_reports(cast, client):
    client.force_login(cast.users["coordinator_a"])
    for tab in ("submitted", "accepted", "missing"):
        url = f"{reverse('review_queue')}?tab={tab}"
        add_reports(cast, 3, status="submitted" if tab == "missing" else tab)
        small = count_queries(client, url)
        add_reports(cast, 30, status="submitted" if tab == "missing" else tab)
        large = count_queries(client, url)
        assert small == large, tab
        assert small <= 20, tab


def test_matrix_and_its_export_queries_do_not_grow_with_the_reports(cast, client):
    client.force_login(cast.users["coordinator_a"])
    urls = [
        f"{reverse(name, args=[cast.a.program.pk])}?year=2021"
        for name in ("school_report_matrix", "school_report_matrix_xlsx")
    ]
    add_reports(cast, 3)
    small = [count_queries(client, url) for url in urls]
    add_reports(cast, 30)
    large = [count_queries(client, url) for url in urls]
    assert small == large
    assert max(small) <= 20


def test_tabs_and_filters(cast, client):
    add_reports(cast, 2, status="submitted")
    add_reports(cast, 1, status="returned")
    client.force_login(cast.users["coordinator_a"])
    url = reverse("review_queue")
    page = client.get(url).content.decode()
    assert "Ждут проверки (2)" in page and "Возвращены (1)" in page and "Приняты (0)" in page
    missing = client.get(f"{url}?tab=missing").content.decode()
    # School А's own 2021 and 2022 periods are past due and were never handed in.
    assert "МБОУ СОШ № 1 (А)" in missing and "⚠ 31.12.2021" in missing
    assert "⚠ 31.12.2022" in missing
    assert "⚠ 31.12.2022" not in client.get(f"{url}?tab=missing&year=2021").content.decode()
    school = SchoolReport.objects.filter(status="returned").get().school
    filtered = client.get(f"{url}?tab=returned&school={school.pk}").content.decode()
    assert str(school) in filtered
    assert "Отчётов нет" in client.get(f"{url}?tab=submitted&school={school.pk}").content.decode()
    # Nonsense filter values are ignored, not a 500.
    assert client.get(f"{url}?tab=zzz&program=x&year=abc&period=31.02.2021").status_code == 200
    # The other municipality's coordinator sees none of it.
    client.force_login(cast.users["coordinator_b"])
    assert "Ждут проверки (0)" in client.get(url).content.decode()


def test_bulk_accept_checks_scope_and_version_of_each_report(cast, client):
    add_reports(cast, 3)
    first, second, stale = SchoolReport.objects.order_by("pk")
    foreign = make_report(cast.b.school, cast.b.activity, text="Чужой")
    client.force_login(cast.users["coordinator_a"])
    data = {
        "report": [first.pk, second.pk, stale.pk, foreign.pk],
        f"version-{first.pk}": first.version,
        f"version-{second.pk}": second.version,
        f"version-{stale.pk}": stale.version - 1,
        f"version-{foreign.pk}": foreign.version,
        "back": f"{reverse('review_queue')}?tab=submitted",
    }
    response = client.post(reverse("bulk_accept"), data, follow=True)
    page = response.content.decode()
    assert "Принято отчётов: 2." in page
    assert f"Отчёт № {foreign.pk} не найден" in page
    assert "уже изменил другой пользователь" in page
    statuses = dict(SchoolReport.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: "accepted",
        second.pk: "accepted",
        stale.pk: "submitted",
        foreign.pk: "submitted",
    }
    activity_year = ActivityYear.objects.get(activity=cast.a.activity, year=2021)
    assert activity_year.status == ExecutionStatus.IN_PROGRESS
    assert activity_year.actual_value == 2
    assert client.post(reverse("bulk_accept"), {}, follow=True).status_code == 200


def test_matrix_shows_who_reported_what_and_exports_xlsx(cast, client):
    add_reports(cast, 1, status="accepted")
    add_reports(cast, 1, status="draft")
    accepted, draft = SchoolReport.objects.order_by("pk")
    client.force_login(cast.users["coordinator_a"])
    url = reverse("school_report_matrix", args=[cast.a.program.pk])
    page = client.get(f"{url}?year=2021").content.decode()
    assert reverse("school_report_detail", args=[accepted.pk]) in page
    # A draft is not handed in: coordinators see "not submitted", and no link to it.
    assert reverse("school_report_detail", args=[draft.pk]) not in page
    assert page.count("отчёт не сдан") == 2  # the draft and school А's own
    response = client.get(url.replace("/matrix/", "/matrix.xlsx") + "?year=2021")
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.freeze_panes == "B3"
    assert sheet["A2"].value == "Школа" and sheet["B2"].value.startswith("1.1 Мероприятие")
    rows = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows[str(accepted.school)] == "принят"
    assert rows[str(draft.school)] == "отчёт не сдан"


def test_monthly_activity_is_reported_per_month(cast, client):
    activity_year = ActivityYear.objects.get(activity=cast.a.activity, year=2022)
    activity_year.planned_text = "ежемесячно"
    activity_year.save()
    client.force_login(cast.users["head_a"])
    page = client.get(reverse("my_activities"), {"year": "2022"}).content.decode()
    assert "январь 2022" in page and "декабрь 2022" in page and "до 31.01.2022" in page
    client.force_login(cast.users["coordinator_a"])
    matrix = client.get(reverse("school_report_matrix", args=[cast.a.program.pk]) + "?year=2022")
    assert "отчёт не сдан: 12" in matrix.content.decode()


def test_missing_reports_wait_for_the_due_date(cast, client):
    """A period whose due date is still ahead is not "не сдан" yet."""
    ActivityYear.objects.filter(activity=cast.a.activity).update(planned_text="")
    cast.a.program.end_year = timezone.localdate().year + 1
    cast.a.program.save()
    for year in range(2024, cast.a.program.end_year + 1):
        ActivityYear.objects.create(activity=cast.a.activity, year=year)
    client.force_login(cast.users["coordinator_a"])
    page = client.get(f"{reverse('review_queue')}?tab=missing").content.decode()
    this_year = timezone.localdate().year
    assert f"⚠ 31.12.{this_year - 1}" in page
    assert f"31.12.{this_year}" not in page and f"31.12.{this_year + 1}" not in page


def test_a_specialist_limited_curator_and_observer_read_the_queue(cast, client):
    add_reports(cast, 1)
    curator = make_user("curator")
    membership = Membership.objects.create(
        user=curator, role=Role.COORDINATOR, municipality=cast.a.municipality
    )
    membership.curated_schools.add(cast.a.other_school)
    url = reverse("review_queue")
    client.force_login(curator)
    assert "Ждут проверки (0)" in client.get(url).content.decode()
    client.force_login(cast.users["observer_a"])
    page = client.get(url).content.decode()
    assert "Ждут проверки (1)" in page and 'name="report"' not in page
    client.force_login(cast.users["specialist_a"])
    assert 'name="report"' in client.get(url).content.decode()


def test_a_coordinator_who_heads_a_school_elsewhere_sees_its_reports_in_the_queue(cast, client):
    """The queue lists what the reader sees: a head reads their school's reports in every
    program, a coordinator those of their municipality."""
    coordinator = cast.users["coordinator_a"]
    Membership.objects.create(user=coordinator, role=Role.HEAD, school=cast.b.school)
    make_report(cast.a.school, cast.a.activity, status="submitted")
    make_report(cast.b.school, cast.b.activity, status="submitted")
    make_report(cast.b.other_school, cast.b.activity, status="submitted")
    client.force_login(coordinator)

    page = client.get(f"{reverse('review_queue')}?tab=submitted").content.decode()

    assert "Ждут проверки (2)" in page
    assert str(cast.a.school) in page and str(cast.b.school) in page
    assert str(cast.b.other_school) not in page
