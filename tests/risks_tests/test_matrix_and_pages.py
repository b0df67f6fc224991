"""The school × factor matrix (page, XLSX, region-wide), the risk blocks on the school page,
the municipality dashboard and «Мои мероприятия»; query counts do not grow with the schools."""

from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from risks.factors import ensure_standard_factors
from risks.models import RiskFactor, RiskProfile, SchoolDocument
from risks.services import save_profile
from schools.models import School, SchoolStatus


def workbook_rows(response):
    sheet = load_workbook(BytesIO(response.content)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_matrix_shows_levels_in_words_and_symbols_and_the_gaps(world, client):
    client.force_login(world.coordinator)
    response = client.get(f"{reverse('risk_matrix', args=[world.municipality.pk])}?year=2023")
    page = response.content.decode()
    assert response.status_code == 200
    assert "◆ средний" in page and "▽ низкий" in page and "○ не актуален" in page
    assert "программа: на доработке" in page  # Кормовская, factor 3
    assert "⚠ профиль не заполнен" in page  # Калининская: a target school without a profile
    assert "Знаменская" not in page

    response = client.get(f"{reverse('risk_matrix_xlsx', args=[world.municipality.pk])}?year=2023")
    _sheet, rows = workbook_rows(response)
    header = rows[1]
    assert header[:4] == ["Муниципалитет", "Школа", "Код школы", "Источник профиля"]
    kormovo = next(row for row in rows if row[2] == "DEMO-610001")
    factor = header.index("3. Компетентность педагогов")
    assert kormovo[factor] == "◆ средний; программа: на доработке"
    assert kormovo[header.index("Концепция развития")] == "утверждён"
    assert kormovo[header.index("Дорожная карта школы")] == "нет"
    assert kormovo[-1] == 3  # factors 3, 6 and 7 are not covered
    kalinino = next(row for row in rows if row[2] == "DEMO-610004")
    assert kalinino[3] == "профиль не заполнен"


def test_peoples_text_is_never_a_formula_in_the_export(world, client):
    School.objects.filter(pk=world.other_school.pk).update(
        short_name='=HYPERLINK("http://example.org","Школа")'
    )
    client.force_login(world.coordinator)
    response = client.get(f"{reverse('risk_matrix_xlsx', args=[world.municipality.pk])}?year=2023")
    sheet, rows = workbook_rows(response)
    cell = next(c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value))
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://example.org","Школа")'


def test_region_matrix_for_the_observer(world, client):
    client.force_login(world.observer)
    region = world.municipality.region
    dashboard = client.get(reverse("municipality_dashboard", args=[world.municipality.pk]))
    assert reverse("risk_region_matrix", args=[region.pk]) in dashboard.content.decode()
    response = client.get(f"{reverse('risk_region_matrix', args=[region.pk])}?year=2023")
    page = response.content.decode()
    assert response.status_code == 200
    assert "МБОУ Кормовская СОШ" in page and "Ремонтненский район" in page
    assert "Знаменская" not in page
    assert "Загрузить профили" not in page  # the observer changes nothing
    response = client.get(f"{reverse('risk_region_matrix_xlsx', args=[region.pk])}?year=2023")
    _sheet, rows = workbook_rows(response)
    assert {row[0] for row in rows[2:]} == {"Ремонтненский район"}


def test_profile_page_shows_the_year_before_and_what_fell(world, client):
    client.force_login(world.head)
    response = client.get(f"{reverse('school_risks', args=[world.school.pk])}?year=2023")
    page = response.content.decode()
    assert response.status_code == 200
    assert "2022 год" in page
    assert "(снизился)" in page  # factor 2: высокий → средний
    assert "Изменить профиль" not in page  # heads do not set profiles
    assert "Добавить документ" in page


def test_specialist_sets_a_profile_on_the_school_page(world, client):
    client.force_login(world.specialist)
    factor = RiskFactor.objects.get(number=9)
    url = reverse("risk_profile_edit", args=[world.other_school.pk, 2023])
    response = client.post(url, {"source": "", f"factor_{factor.pk}": "high"})
    assert response.status_code == 400
    assert "Укажите источник" in response.content.decode()
    response = client.post(url, {"source": "municipal", f"factor_{factor.pk}": "high"})
    assert response.status_code == 302
    profile = RiskProfile.objects.get(school=world.other_school, year=2023)
    assert dict(profile.levels.values_list("factor__number", "level")) == {9: "high"}
    page = client.get(response.url).content.decode()
    assert "Доля ОВЗ (▲ высокий)" in page  # a gap now: no programme, no activity


def test_blocks_on_other_pages(world, client):
    client.force_login(world.head)
    page = client.get(reverse("my_activities")).content.decode()
    assert "Риски «500+» и документы: МБОУ Кормовская СОШ" in page
    assert "Разработать: дорожная карта школы" in page
    assert "Доработать по рекомендациям эксперта: антирисковая программа" in page
    assert "Отправить на экспертизу: антирисковая программа «Мотивация»" in page
    page = client.get(reverse("school_detail", args=[world.school.pk])).content.decode()
    assert "Мотивация (◆ средний)" in page

    client.force_login(world.specialist)
    page = client.get(reverse("municipality_dashboard", args=[world.municipality.pk]))
    page = page.content.decode()
    assert "Риски школ «500+»: пробелы в покрытии, 2023 год" in page
    assert "МБОУ Подгорненская СОШ" in page

    activity = RiskFactor.objects.get(number=2).activities.get()
    page = client.get(reverse("activity_detail", args=[activity.pk])).content.decode()
    assert "Дефицит педагогических кадров" in page
    url = reverse("activity_risk_factors", args=[activity.pk])
    motivation = RiskFactor.objects.get(number=7)
    response = client.post(url, {"factors": [motivation.pk]})
    assert response.status_code == 302
    assert list(activity.risk_factors.values_list("number", flat=True)) == [7]


def test_head2_sees_nothing_of_the_first_municipality(world, client):
    client.force_login(world.head2)
    document = SchoolDocument.objects.filter(school=world.school).first()
    for url in [
        reverse("school_risks", args=[world.school.pk]),
        reverse("risk_document_detail", args=[document.pk]),
        reverse("risk_document_file", args=[document.files.first().pk]),
        reverse("risk_matrix", args=[world.municipality.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    page = client.get(reverse("my_activities")).content.decode()
    assert "Кормовская" not in page


def add_target_schools(cast, count):
    """`count` more target schools of municipality A, each with a profile and a document."""
    ensure_standard_factors()  # a transactional test before this one may have emptied the list
    factors = {factor.number: factor.pk for factor in RiskFactor.objects.all()}
    start = School.objects.count()
    for index in range(start, start + count):
        school = School.objects.create(municipality=cast.a.municipality, name=f"МБОУ СОШ № {index}")
        SchoolStatus.objects.create(school=school, year=2023, is_shnor=True)
        save_profile(
            user=None,
            school=school,
            year=2023,
            source="survey",
            levels={factors[1]: "high", factors[2]: "medium", factors[3]: "low"},
        )
        SchoolDocument.objects.create(
            school=school, kind="antirisk", factor_id=factors[1], first_year=2023, last_year=2023
        )
        SchoolDocument.objects.create(
            school=school, kind="concept", first_year=2023, last_year=2025
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_the_schools(cast, client):
    urls = {
        "coordinator_a": [
            f"{reverse(name, args=[cast.a.municipality.pk])}?year=2023"
            for name in ("risk_matrix", "risk_matrix_xlsx", "municipality_dashboard")
        ],
        "observer_a": [
            f"{reverse(name, args=[cast.a.region.pk])}?year=2023"
            for name in ("risk_region_matrix", "risk_region_matrix_xlsx")
        ],
    }
    add_target_schools(cast, 3)
    client.force_login(cast.users["coordinator_a"])
    client.get(urls["coordinator_a"][2])  # the dashboard reads the deadlines into a cache
    small = {}
    for user, user_urls in urls.items():
        client.force_login(cast.users[user])
        small[user] = [count_queries(client, url) for url in user_urls]
    add_target_schools(cast, 30)
    for user, user_urls in urls.items():
        client.force_login(cast.users[user])
        assert [count_queries(client, url) for url in user_urls] == small[user], user
        assert max(small[user]) <= 25


def test_years_out_of_range_are_not_found(world, client):
    client.force_login(world.specialist)
    response = client.get(reverse("risk_profile_edit", args=[world.school.pk, 32768]))
    assert response.status_code == 404
    response = client.get(f"{reverse('school_risks', args=[world.school.pk])}?year=99999")
    assert response.status_code == 200  # an unusable year shows the latest profile instead
    assert "Профиль рисков на 2023 год" in response.content.decode()


def test_tagging_an_activity_with_an_unknown_factor_is_refused(world, client):
    activity = RiskFactor.objects.get(number=2).activities.get()
    client.force_login(world.specialist)
    response = client.post(
        reverse("activity_risk_factors", args=[activity.pk]), {"factors": ["999999"]}
    )
    assert response.status_code == 400
    assert "Такого фактора риска нет в перечне." in response.content.decode()
    assert list(activity.risk_factors.values_list("number", flat=True)) == [2]
