"""After rows are moved (3.1, 3.3, 3.2) the section offers to renumber them in order."""

import pytest
from django.urls import reverse

from programs.models import Activity
from programs.numbering import renumbered
from tests.cast import make_activity


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (["3.1", "3.3", "3.2"], ["3.1", "3.2", "3.3"]),
        (["2.", "1."], ["1.", "2."]),
        (["3.9", "3.10", "3.11"], None),  # already in order
        (["1.1", "1.3", "1.8"], None),  # gaps as in the document stay
        (["1.1", "1.8", "1.3"], ["1.1", "1.3", "1.8"]),
        (["1.1", "2.1"], None),  # no common pattern: nothing to offer
        (["1.1", "а"], None),
        (["1.1"], None),
    ],
)
def test_renumbered(numbers, expected):
    assert renumbered(numbers) == expected


def test_specialist_moves_a_row_and_renumbers_the_section(cast, client):
    section = cast.a.section
    second = make_activity(section, number="1.2", title="Второе", position=1)
    cast.client_for(client, "specialist_a")
    client.post(reverse("activity_move", kwargs={"pk": second.pk}), {"direction": "up"})
    page_url = reverse("program_detail", kwargs={"pk": cast.a.program.pk})
    page = client.get(page_url).content.decode()
    assert "номера не по порядку" in page

    client.post(reverse("section_renumber", kwargs={"pk": section.pk}))
    numbers = list(section.activities.order_by("position").values_list("number", "title"))
    assert numbers == [("1.1", "Второе"), ("1.2", "Мероприятие")]
    assert Activity.objects.get(pk=second.pk).history.latest().number == "1.1"
    assert "номера не по порядку" not in client.get(page_url).content.decode()


def test_observer_and_other_municipality_cannot_renumber(cast, client):
    url = reverse("section_renumber", kwargs={"pk": cast.a.section.pk})
    for user, status in (("observer_a", 403), ("coordinator_a", 403), ("specialist_b", 404)):
        client.logout()
        cast.client_for(client, user)
        assert client.post(url).status_code == status, user
