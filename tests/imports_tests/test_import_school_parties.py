"""A school of the municipality named as an executor: the new party is linked to the school
record; a name only resembling a school's is proposed unticked."""

from django.urls import reverse

from imports.parsing import parse_roadmap_text
from imports.services import import_roadmap, proposed_parties
from programs.models import Activity
from schools.models import Party

from .builders import tab_text

HEADER = ["№", "Мероприятие", "Срок", "Ответственные"]


def document(cast):
    # «МБОУ «СОШ № 1 (А)»» is the cast's school written exactly (quotes aside); «… имени
    # А. С. Пушкина» only resembles the other school's name.
    return tab_text(
        HEADER,
        ["1.", "Методический день", "май", "МБОУ  «СОШ № 1 (А)»"],
        ["2.", "Педсовет", "июнь", "МБОУ СОШ № 2 (А) имени А. С. Пушкина"],
    )


def test_school_executor_is_linked_and_a_doubtful_one_proposed_unticked(cast, client):
    municipality = cast.a.municipality
    roadmap = parse_roadmap_text(document(cast))
    proposed = {p.name: p for p in proposed_parties(roadmap, municipality)}
    exact, doubtful = (
        proposed["МБОУ «СОШ № 1 (А)»"],
        proposed["МБОУ СОШ № 2 (А) имени А. С. Пушкина"],
    )
    assert (exact.school, exact.school_doubtful, exact.checked) == (cast.a.school, False, True)
    assert (doubtful.school, doubtful.checked) == (cast.a.other_school, False)

    client.force_login(cast.users["specialist_a"])
    response = client.post(
        reverse("import_start"), {"municipality": municipality.pk, "text": document(cast)}
    )
    page = client.get(response.url).content.decode()
    assert "школа «МБОУ СОШ № 1 (А)»: исполнитель будет связан с ней" in page
    assert "похоже на школу «МБОУ СОШ № 2 (А)»" in page
    assert not Party.objects.filter(school__isnull=False).exists()  # nothing before confirming

    program = import_roadmap(
        roadmap, municipality=municipality, new_parties=["МБОУ «СОШ № 1 (А)»"]
    ).program
    party = Party.objects.get(school=cast.a.school)
    assert party.kind == Party.Kind.SCHOOL
    activity = Activity.objects.get(section__program=program, title="Методический день")
    assert list(activity.executors.all()) == [party]
    assert not Party.objects.filter(name="МБОУ СОШ № 2 (А) имени А. С. Пушкина").exists()


def test_a_school_that_has_its_party_is_matched_to_it(cast):
    municipality = cast.a.municipality
    own = Party.objects.create(
        municipality=municipality, name="Школа № 1", kind=Party.Kind.SCHOOL, school=cast.a.school
    )
    roadmap = parse_roadmap_text(document(cast))
    exact = proposed_parties(roadmap, municipality)[0]
    assert (exact.name, exact.school_party, exact.checked) == ("МБОУ «СОШ № 1 (А)»", own, True)

    program = import_roadmap(
        roadmap, municipality=municipality, new_parties=["МБОУ «СОШ № 1 (А)»"]
    ).program
    activity = Activity.objects.get(section__program=program, title="Методический день")
    assert list(activity.executors.all()) == [own]
    assert Party.objects.filter(municipality=municipality).count() == 2  # no second party
