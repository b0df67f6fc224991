"""Roles and empty states: what each person sees is what they can do."""

from pathlib import Path

from django.urls import reverse

from programs.models import Program, Section
from tests.accounts_tests.test_access_matrix import school_report_of_a
from tests.cast import make_program


def test_observer_reads_school_reports_without_review_actions(cast, client):
    school_report_of_a(cast, status="submitted")
    cast.client_for(client, "observer_a")
    page = client.get(reverse("review_queue")).content.decode()
    assert "Принять отмеченные" not in page and 'name="report"' not in page
    assert ">Отчёты школ</a>" in page and ">Проверка отчётов</a>" not in page
    client.logout()
    cast.client_for(client, "coordinator_a")
    page = client.get(reverse("review_queue")).content.decode()
    assert "Принять отмеченные" in page and ">Проверка отчётов</a>" in page


def test_a_draft_owes_nothing_on_the_dashboard(cast, client):
    cast.a.program.status = Program.Status.DRAFT
    cast.a.program.save()
    cast.client_for(client, "observer_a")
    url = reverse("municipality_dashboard", kwargs={"pk": cast.a.municipality.pk})
    page = client.get(url).content.decode()
    assert "Просроченных мероприятий нет." in page and "⚠ просрочено" not in page


def test_empty_program_offers_the_import_and_the_open_page_has_date_and_legend(cast, client):
    program = make_program(cast.a.municipality, title="Пустая программа", is_public=True)
    Section.objects.create(program=program, number="1.", title="Раздел")
    cast.client_for(client, "specialist_a")
    page = client.get(reverse("program_detail", kwargs={"pk": program.pk})).content.decode()
    assert "загрузите дорожную карту из Word / Excel" in page
    public = client.get(reverse("public_program", kwargs={"pk": program.pk})).content.decode()
    assert "Данные на " in public and "Условные обозначения:" in public and "✔" in public


def test_the_plan_is_shown_beside_the_fact(cast, client):
    report = school_report_of_a(cast, status="submitted")
    cast.client_for(client, "coordinator_a")
    page = client.get(reverse("school_report_detail", kwargs={"pk": report.pk})).content.decode()
    assert "<dt>План на год</dt><dd>+</dd>" in page  # the cast's 2021 plan
    client.logout()
    cast.client_for(client, "head_a")
    url = reverse(
        "school_report_start",
        kwargs={"activity_pk": cast.a.activity.pk, "school_pk": cast.a.school.pk, "year": 2022},
    )
    assert "<dt>План на год</dt><dd>3</dd>" in client.get(url).content.decode()


def test_anyone_first_sees_the_published_programs(cast, client):
    cast.a.program.is_public = True
    cast.a.program.save()
    cast.b.program.is_public = False
    cast.b.program.save()
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("public_program", kwargs={"pk": cast.a.program.pk}) in page
    assert cast.b.program.title not in page  # not published
    assert reverse("login") in page


def test_a_review_error_stands_beside_the_review_field(cast, client):
    report = school_report_of_a(cast, status="submitted")
    cast.client_for(client, "coordinator_a")
    url = reverse("school_report_review", kwargs={"pk": report.pk})
    page = client.post(url, {"decision": "return", "version": report.version}).content.decode()
    review = page[page.index('id="review"') :]
    assert 'id="review-errors"' in review and "рекомендации" in review.lower()


def test_import_form_starts_with_the_specialists_municipality(cast, client):
    cast.client_for(client, "specialist_a")
    page = client.get(reverse("import_start")).content.decode()
    assert f'<option value="{cast.a.municipality.pk}" selected>' in page


def test_matrix_opens_on_a_year_with_data(cast, client):
    from programs.models import ActivityYear

    # The cast's activity is planned in 2021 and 2022 only; 2023 (the year "under way" long
    # after the program) has nothing to show.
    ActivityYear.objects.filter(activity=cast.a.activity, year=2023).delete()
    cast.client_for(client, "coordinator_a")
    url = reverse("school_report_matrix", kwargs={"pk": cast.a.program.pk})
    page = client.get(url).content.decode()
    assert 'id="matrix"' in page
    assert "за 2023 год" not in page
    empty = client.get(url + "?year=2023").content.decode()
    assert "В этом году нет мероприятий" in empty and "?year=2021" in empty


def test_pages_name_their_favicon_and_keep_htmx_styles_in_the_stylesheet(cast, client):
    from django.contrib.staticfiles import finders

    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg"' in page
    assert finders.find("favicon.svg")
    assert '"includeIndicatorStyles": false' in page
    stylesheet = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")
    assert ".htmx-indicator" in stylesheet
