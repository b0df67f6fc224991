from django.urls import reverse

from accounts.models import Membership, Role


def test_role_switcher_changes_home_page(cast, client):
    user = cast.users["head_a"]
    coordinator = Membership.objects.create(
        user=user, role=Role.COORDINATOR, municipality=cast.b.municipality
    )
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    assert "Роль:" in page  # the switcher appears only with several roles
    assert "Мероприятия с участием школы" in page
    response = client.post(reverse("switch_role"), {"membership": coordinator.pk})
    assert response.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert "Мероприятия с участием школы" not in page
    assert cast.b.program.title in page


def test_cannot_switch_to_someone_elses_role(cast, client):
    client.force_login(cast.users["head_a"])
    other = Membership.objects.get(user=cast.users["specialist_b"])
    page = client.post(reverse("switch_role"), {"membership": other.pk}, follow=True)
    assert "Такой роли у вас нет." in page.content.decode()
    assert "active_membership_id" not in client.session  # still the own, default role
    assert page.context["active_membership"] == Membership.objects.get(user=cast.users["head_a"])


def test_several_roles_add_up(cast, client):
    user = cast.users["head_a"]
    Membership.objects.create(user=user, role=Role.OBSERVER, region=cast.b.region)
    client.force_login(user)
    assert client.get(reverse("program_detail", args=[cast.b.program.pk])).status_code == 200


def test_specialist_assigns_and_removes_roles_in_own_municipality(cast, client, django_user_model):
    newcomer = django_user_model.objects.create_user(username="newcomer")
    client.force_login(cast.users["specialist_a"])
    url = reverse("municipality_roles", args=[cast.a.municipality.pk])
    response = client.post(url, {"username": "newcomer", "role": Role.HEAD})
    assert "Для руководителя ОО выберите школу." in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()

    response = client.post(
        url, {"username": "newcomer", "role": Role.HEAD, "school": cast.a.school.pk}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    assert membership.school == cast.a.school

    response = client.post(
        url, {"username": "newcomer", "role": Role.HEAD, "school": cast.a.school.pk}
    )
    assert "У пользователя уже есть эта роль." in response.content.decode()

    # A school of another municipality is not offered.
    response = client.post(
        url, {"username": "newcomer", "role": Role.HEAD, "school": cast.b.school.pk}
    )
    assert response.status_code == 200
    assert Membership.objects.filter(user=newcomer).count() == 1

    remove = reverse("remove_role", args=[cast.a.municipality.pk, membership.pk])
    assert client.post(remove).status_code == 302
    assert not Membership.objects.filter(user=newcomer).exists()


def test_specialist_cannot_remove_roles_of_another_municipality(cast, client):
    client.force_login(cast.users["specialist_a"])
    membership = Membership.objects.get(user=cast.users["head_b"])
    response = client.post(reverse("remove_role", args=[cast.a.municipality.pk, membership.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_user_without_role_is_told_so(cast, client):
    client.force_login(cast.users["outsider"])
    assert "Вам пока не назначена роль" in client.get(reverse("home")).content.decode()


def test_the_programs_of_the_role_worked_in_come_from_the_access_module(cast):
    """The home page lists the programs of the active role; the rule lives in accounts/access.py,
    not in the view: a head who also observes region B sees A as head and B as observer."""
    from accounts.access import programs_in_role

    user = cast.users["head_a"]
    head = Membership.objects.get(user=user)
    observer = Membership.objects.create(user=user, role=Role.OBSERVER, region=cast.b.region)
    assert list(programs_in_role(user, head)) == [cast.a.program]
    assert list(programs_in_role(user, observer)) == [cast.b.program]
    both = {cast.a.program, cast.b.program}
    assert set(programs_in_role(cast.users["admin"], None)) == both
    specialist = Membership.objects.get(user=cast.users["specialist_b"])
    assert list(programs_in_role(cast.users["specialist_b"], specialist)) == [cast.b.program]
