"""Smaller faults found by attacking the portal: NUL characters, a negative actual value, a
program period shortened past years with school reports."""

from django.urls import reverse

from programs.cells import NEGATIVE_ACTUAL_VALUE
from tests.monitoring_tests.conftest import make_report
from tests.programs_tests.test_roadmap_editing import program_data, year_form_data


def test_nul_in_a_search_is_ignored_not_a_server_error(cast, client):
    client.force_login(cast.users["specialist_a"])
    programs = client.get(reverse("program_list"), {"q": "Програм\x00ма"})
    assert programs.status_code == 200
    assert cast.a.program.title in programs.content.decode()
    schools = client.get(reverse("school_list"), {"q": "\x00СОШ"})
    assert schools.status_code == 200
    assert cast.a.school.name in schools.content.decode()


def test_nul_in_a_form_field_is_dropped(cast, client):
    client.force_login(cast.users["coordinator_a"])
    year = cast.a.activity_year
    response = client.post(
        reverse("activity_year_edit", args=[year.pk]), year_form_data(year, comment="При\x00каз")
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.comment == "Приказ"


def test_negative_actual_value_is_refused(cast, client):
    client.force_login(cast.users["coordinator_a"])
    year = cast.a.activity_year
    response = client.post(
        reverse("activity_year_edit", args=[year.pk]), year_form_data(year, actual_value="-3")
    )
    assert response.status_code == 400
    assert NEGATIVE_ACTUAL_VALUE in response.content.decode()
    year.refresh_from_db()
    assert year.actual_value is None


def test_period_cannot_drop_a_year_with_school_reports(cast, client):
    program = cast.a.program
    make_report(cast.a.school, cast.a.activity, year=2023)
    client.force_login(cast.users["specialist_a"])
    data = program_data(cast, title=program.title, status="approved", start_year=2021)
    response = client.post(reverse("program_edit", args=[program.pk]), {**data, "end_year": 2022})
    assert response.status_code == 400
    assert "В годах 2023 уже есть план, отметки исполнения или отчёты школ" in (
        response.content.decode()
    )
    program.refresh_from_db()
    assert program.end_year == 2023


def test_second_tab_sending_the_same_report_keeps_its_text_in_view(cast, client):
    from monitoring.models import SchoolReport
    from monitoring.services import REPORT_ALREADY_CREATED

    client.force_login(cast.users["head_a"])
    url = reverse("school_report_start", args=[cast.a.activity.pk, cast.a.school.pk, 2022])
    first = {"text": "Первая вкладка", "actual_value": "", "done_on": "", "action": "draft"}
    assert client.post(url, first).status_code == 302
    second = client.post(url, {**first, "text": "Вторая вкладка: текст, который нельзя терять"})
    assert second.status_code == 409
    page = second.content.decode()
    assert REPORT_ALREADY_CREATED in page
    assert "Вторая вкладка: текст, который нельзя терять" in page
    assert SchoolReport.objects.get().text == "Первая вкладка"
