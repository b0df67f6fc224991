"""Years never print as «2 023»: every page reachable by every role, on the demo data and on the
shared cast."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from programs.demo import DEMO_LOGINS
from tests.cast import ALL_USERS, ANONYMOUS
from tests.display_tests.crawl import crawl, split_years


def test_the_year_check_sees_a_split_year():
    assert split_years("Исполнение в 2\u00a0019 году, за 2 023 год") == ["2\u00a0019", "2 023"]
    assert split_years("за 2023 год, 1\u00a0234 школы, 12 000,5") == []


@pytest.mark.parametrize("username", [login.username for login in DEMO_LOGINS] + [ANONYMOUS])
def test_no_split_year_on_demo_pages(demo, client, username):
    start = ["/"]
    if username != ANONYMOUS:
        client.force_login(get_user_model().objects.get(username=username))
    else:
        from programs.models import Program

        start += [f"/public/programs/{pk}/" for pk in Program.objects.values_list("pk", flat=True)]
    pages = crawl(client, start=start)
    assert len(pages) >= (1 if username == ANONYMOUS else 8), sorted(pages)
    found = {url: split_years(html) for url, html in pages.items() if split_years(html)}
    assert not found, found


def _reports_and_figures(cast):
    """What the bare cast lacks: a submitted school report with a count, a finished справка and
    an indicator, so that the crawl reaches the pages that print their years."""
    from decimal import Decimal

    from results.models import Indicator, IndicatorYear, SchoolIndicatorValue
    from tests.accounts_tests.test_access_matrix import finished_report, school_report_of_a

    report = school_report_of_a(cast, status="submitted")
    report.actual_value = Decimal("3")
    report.save()
    finished_report(cast)
    indicator = Indicator.objects.create(
        program=cast.a.program, name="Доля учителей", baseline=Decimal("70"), baseline_year=2020
    )
    indicator.activities.add(cast.a.activity)
    IndicatorYear.objects.create(indicator=indicator, year=2021, target=Decimal("84"))
    by_school = Indicator.objects.create(
        program=cast.a.program, name="Доля «2» по ВПР", level=Indicator.Level.SCHOOL
    )
    SchoolIndicatorValue.objects.create(
        indicator=by_school, school=cast.a.school, year=2021, actual=Decimal("12.5")
    )
    cast.a.activity_year.actual_value = Decimal("3")
    cast.a.activity_year.save()
    return report


@pytest.mark.parametrize("username", ALL_USERS)
def test_no_split_year_on_cast_pages(cast, client, username):
    report = _reports_and_figures(cast)
    cast.client_for(client, username)
    start = ["/", reverse("school_report_detail", kwargs={"pk": report.pk})]
    pages = crawl(client, start=start)
    found = {url: split_years(html) for url, html in pages.items() if split_years(html)}
    assert not found, found


def test_counts_dates_and_people_read_as_people_write_them(cast, client):
    report = _reports_and_figures(cast)
    cast.client_for(client, "coordinator_a")
    program_page = client.get(reverse("program_detail", kwargs={"pk": cast.a.program.pk}))
    assert "факт: 3<" in program_page.content.decode()
    for url in (
        reverse("activity_detail", kwargs={"pk": cast.a.activity.pk}),
        reverse("school_report_detail", kwargs={"pk": report.pk}),
    ):
        html = client.get(url).content.decode()
        assert "3,00" not in html and ">3<" in html, url


def test_forms_show_a_count_as_written_and_read_it_back(cast, client):
    from decimal import Decimal

    cell = cast.a.activity_year
    cell.actual_value = Decimal("1234.5")
    cell.save()
    cast.client_for(client, "coordinator_a")
    url = reverse("activity_year_edit", kwargs={"pk": cell.pk})
    page = client.get(url).content.decode()
    assert 'value="1\u00a0234,5"' in page and "1234,50" not in page
    seen = cell.updated_at.isoformat()
    data = {"status": "done", "actual_value": "1\u00a0234,5", "seen_updated_at": seen}
    assert client.post(url, data).status_code == 302
    cell.refresh_from_db()
    assert cell.actual_value == Decimal("1234.5") and cell.status == "done"
