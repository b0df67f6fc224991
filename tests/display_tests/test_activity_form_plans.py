"""A new activity gets its plan per program year in the same form."""

from decimal import Decimal

from django.urls import reverse

from programs.models import Activity


def test_new_activity_with_a_plan_for_each_year(cast, client):
    cast.client_for(client, "specialist_a")
    url = reverse("activity_create", kwargs={"pk": cast.a.program.pk})
    form_page = client.get(url).content.decode()
    assert "План на 2021" in form_page and "План на 2023" in form_page
    response = client.post(
        url,
        {
            "section": cast.a.section.pk,
            "number": "1.2",
            "title": "Стажировка команд",
            "version": 1,
            "plan_2021": "+",
            "plan_2022": " 5 ",
            "plan_2023": "",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Стажировка команд")
    plans = {y.year: (y.planned_text, y.planned_number) for y in activity.years.all()}
    assert plans[2021][0] == "+" and plans[2022] == ("5", Decimal("5"))
    assert plans[2023][0] == ""
    # Editing an activity does not offer year plans: they are changed in their cells.
    edit = client.get(reverse("activity_edit", kwargs={"pk": activity.pk})).content.decode()
    assert "План на 2021" not in edit
