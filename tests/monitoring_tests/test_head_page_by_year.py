"""«Мои мероприятия» shows one program year at a time (the year under way unless another is
chosen), so the page stops growing every year, in a number of queries that does not grow with the
programs and activities of the school."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cast import make_programs


def add_programs(cast, count, start):
    cells = {2021: "1", 2022: "ежеквартально", 2023: "1"}
    list(
        make_programs(
            cast.a.municipality, count, start=start, activities=4, cells=cells, school=cast.a.school
        )
    )


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_head_page_queries_do_not_grow_and_show_one_year(cast, client):
    client.force_login(cast.users["head_a"])
    url = reverse("my_activities")
    add_programs(cast, 1, start=0)
    few, _ = count_queries(client, url, {"year": "2022"})
    few_again, _ = count_queries(client, url, {"year": "2022"})
    add_programs(cast, 10, start=1)
    many, page = count_queries(client, url, {"year": "2022"})
    many_again, _ = count_queries(client, url, {"year": "2022"})
    assert few == many <= 20
    # A second visit with nothing changed reads the schools' fingerprint, not their reports.
    assert few_again == many_again < few
    assert "Мероприятие 10.3" in page and "IV квартал 2022" in page
    assert "до 30.04.2021" not in page and "до 30.04.2023" not in page
    default, page = count_queries(client, url, {})
    assert default == many
    assert 'aria-current="page" class="button primary">2023</a>' in page
    assert "до 30.04.2023" in page and "2022" not in page.split("<h2>")[2]
    # Nonsense or a year of no program falls back to the year under way, not an error.
    for year in ("abc", "1999"):
        assert count_queries(client, url, {"year": year})[1].count("до 30.04.2023") > 10
