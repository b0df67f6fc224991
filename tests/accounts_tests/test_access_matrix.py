"""Every URL of the portal × every role of the shared cast.

The URL list is read from the URL configuration itself: a new view that is not described in
EXPECTED below fails `test_every_url_has_access_rules`, so no page ships without access rules.
Objects are those of municipality A; the B users and the outsider must not even learn they exist.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Membership, Role
from tests.cast import ALL_USERS, ANONYMOUS, ROLES_A

READERS_OF_A = {"admin", *ROLES_A}
EDITORS_OF_A = {"admin", "specialist_a"}
MARKERS_OF_A = {"admin", "specialist_a", "coordinator_a"}
STAFF_AND_OBSERVER_OF_A = {"admin", "specialist_a", "coordinator_a", "observer_a"}
SCHOOL_A_REPORTERS = {"admin", "head_a"}
LOGGED_IN = set(ALL_USERS)


def portal_url_names(patterns=None, namespace=None):
    """Names of every URL pattern outside the Django admin (which has a test of its own)."""
    names = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            names += portal_url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def everyone(status):
    return {name: status for name in [*ALL_USERS, ANONYMOUS]}


def logged_in(status, anonymous=302):
    return {**{name: status for name in ALL_USERS}, ANONYMOUS: anonymous}


def scoped(readers, status=200, outside=404):
    """200 for those who read the object, 404 for everyone else, login redirect for anonymous."""
    return {
        **{name: status if name in readers else outside for name in ALL_USERS},
        ANONYMOUS: 302,
    }


def editable_by(editors, readers=READERS_OF_A):
    """200 for editors, 403 for those who only read it, 404 for the rest."""
    return {
        **{name: 200 if name in editors else 403 if name in readers else 404 for name in ALL_USERS},
        ANONYMOUS: 302,
    }


def finished_report(cast):
    from django.core.files.base import ContentFile

    from reports.models import GeneratedReport

    report = GeneratedReport(
        program=cast.a.program,
        municipality=cast.a.municipality,
        year=2021,
        kind=GeneratedReport.Kind.SPRAVKA,
        format=GeneratedReport.Format.PDF,
        status=GeneratedReport.Status.DONE,
    )
    report.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {"pk": report.pk}


def school_report_of_a(cast, status="draft"):
    """A report of school A for the 2021 period, made once and shared by the report URLs."""
    from datetime import date

    from monitoring.models import SchoolReport

    report, _ = SchoolReport.objects.get_or_create(
        school=cast.a.school,
        activity=cast.a.activity,
        year=2021,
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        defaults={"text": "Проведено", "status": status},
    )
    return report


def school_report(cast):
    return {"pk": school_report_of_a(cast).pk}


def evidence_file(cast):
    from django.core.files.base import ContentFile

    from monitoring.models import EvidenceFile

    report = school_report_of_a(cast)
    evidence = report.files.first()
    if evidence is None:
        evidence = EvidenceFile(
            report=report,
            kind="order",
            original_name="Приказ № 5.pdf",
            content_type="application/pdf",
            size=13,
            sha256="0" * 64,
        )
        evidence.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {"pk": evidence.pk}


def published_evidence_file(cast):
    """A file a coordinator put on the open page: anyone may download it, no login."""
    from monitoring.models import EvidenceFile

    pk = evidence_file(cast)["pk"]
    EvidenceFile.objects.filter(pk=pk).update(is_public=True)
    EvidenceFile.objects.get(pk=pk).report.__class__.objects.filter(files__pk=pk).update(
        status="accepted"
    )
    return {"pk": pk}


def reporting_round(cast):
    """A 2021 round of program A expecting school A's report on the activity (issue 12)."""
    from datetime import date

    from monitoring.models import ExpectedReport, ReportingRound

    round_, created = ReportingRound.objects.get_or_create(
        program=cast.a.program,
        year=2021,
        period_kind="year",
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        due_date=date(2021, 12, 20),
    )
    if created:
        ExpectedReport.objects.create(round=round_, school=cast.a.school, activity=cast.a.activity)
    return {"pk": round_.pk}


def no_kwargs(cast):
    return {}


# name → (URL kwargs from the cast, expected GET status per user)
EXPECTED = {
    "login": (no_kwargs, {**logged_in(302), ANONYMOUS: 200}),
    "logout": (no_kwargs, everyone(405)),
    "password_change": (no_kwargs, logged_in(200)),
    "password_change_done": (no_kwargs, logged_in(200)),
    "password_reset": (no_kwargs, everyone(200)),
    "password_reset_done": (no_kwargs, everyone(200)),
    "password_reset_confirm": (lambda c: {"uidb64": "MQ", "token": "bad-token"}, everyone(200)),
    "password_reset_complete": (no_kwargs, everyone(200)),
    "switch_role": (no_kwargs, logged_in(405)),
    "municipality_roles": (
        lambda c: {"pk": c.a.municipality.pk},
        scoped(STAFF_AND_OBSERVER_OF_A),
    ),
    "remove_role": (
        lambda c: {"pk": c.a.municipality.pk, "membership_pk": 1},
        logged_in(405),
    ),
    "home": (no_kwargs, logged_in(200)),
    "municipality_dashboard": (
        lambda c: {"pk": c.a.municipality.pk},
        scoped(STAFF_AND_OBSERVER_OF_A),
    ),
    "program_list": (no_kwargs, logged_in(200)),
    "program_detail": (lambda c: {"pk": c.a.program.pk}, scoped(READERS_OF_A)),
    "program_create": (
        no_kwargs,
        {
            **logged_in(403),
            "admin": 200,
            "specialist_a": 200,
            "specialist_b": 200,
        },
    ),
    "program_edit": (lambda c: {"pk": c.a.program.pk}, editable_by(EDITORS_OF_A)),
    "import_start": (
        no_kwargs,
        {**logged_in(403), "admin": 200, "specialist_a": 200, "specialist_b": 200},
    ),
    # Someone else's or an expired upload: nothing to show even to those who may import.
    "import_preview": (
        lambda c: {"token": "unknown-token"},
        {**logged_in(403), "admin": 404, "specialist_a": 404, "specialist_b": 404},
    ),
    "program_export": (
        lambda c: {"pk": c.a.program.pk, "fmt": "docx"},
        scoped(READERS_OF_A),
    ),
    "program_history": (lambda c: {"pk": c.a.program.pk}, scoped(READERS_OF_A)),
    "activity_detail": (lambda c: {"pk": c.a.activity.pk}, scoped(READERS_OF_A)),
    "activity_create": (lambda c: {"pk": c.a.program.pk}, editable_by(EDITORS_OF_A)),
    "activity_edit": (lambda c: {"pk": c.a.activity.pk}, editable_by(EDITORS_OF_A)),
    "activity_delete": (lambda c: {"pk": c.a.activity.pk}, editable_by(EDITORS_OF_A)),
    "activity_move": (lambda c: {"pk": c.a.activity.pk}, logged_in(405)),
    "section_create": (lambda c: {"pk": c.a.program.pk}, editable_by(EDITORS_OF_A)),
    "section_edit": (lambda c: {"pk": c.a.section.pk}, editable_by(EDITORS_OF_A)),
    "section_delete": (lambda c: {"pk": c.a.section.pk}, editable_by(EDITORS_OF_A)),
    "section_move": (lambda c: {"pk": c.a.section.pk}, logged_in(405)),
    "public_program": (lambda c: {"pk": c.a.program.pk}, everyone(200)),
    "activity_year_edit": (lambda c: {"pk": c.a.activity_year.pk}, editable_by(MARKERS_OF_A)),
    "school_list": (no_kwargs, logged_in(200)),
    "report_archive": (no_kwargs, logged_in(200)),
    "program_reports": (
        lambda c: {"pk": c.a.program.pk},
        editable_by(STAFF_AND_OBSERVER_OF_A),
    ),
    "municipality_reports": (
        lambda c: {"pk": c.a.municipality.pk},
        scoped(STAFF_AND_OBSERVER_OF_A),
    ),
    # A head reads the page of their own school but not its справки.
    "school_reports": (lambda c: {"pk": c.a.school.pk}, editable_by(STAFF_AND_OBSERVER_OF_A)),
    "report_detail": (finished_report, scoped(STAFF_AND_OBSERVER_OF_A)),
    "report_download": (finished_report, scoped(STAFF_AND_OBSERVER_OF_A)),
    "report_retry": (finished_report, logged_in(405)),
    "school_detail": (lambda c: {"pk": c.a.school.pk}, scoped(READERS_OF_A)),
    "my_activities": (no_kwargs, logged_in(200)),
    "school_report_start": (
        lambda c: {"activity_pk": c.a.activity.pk, "school_pk": c.a.school.pk, "year": 2022},
        editable_by(SCHOOL_A_REPORTERS),
    ),
    "school_report_detail": (school_report, scoped(READERS_OF_A)),
    "school_report_edit": (school_report, editable_by(SCHOOL_A_REPORTERS)),
    "school_report_review": (school_report, logged_in(405)),
    "evidence_download": (evidence_file, scoped(READERS_OF_A)),
    "evidence_delete": (evidence_file, logged_in(405)),
    "evidence_publish": (evidence_file, logged_in(405)),
    "public_evidence_download": (published_evidence_file, everyone(200)),
    "review_queue": (
        no_kwargs,
        {**logged_in(200), "head_a": 403, "head_b": 403, "outsider": 403},
    ),
    "bulk_accept": (no_kwargs, logged_in(405)),
    "report_matrix": (lambda c: {"pk": c.a.program.pk}, editable_by(STAFF_AND_OBSERVER_OF_A)),
    "report_matrix_xlsx": (
        lambda c: {"pk": c.a.program.pk},
        editable_by(STAFF_AND_OBSERVER_OF_A),
    ),
    "year_closure": (lambda c: {"pk": c.a.program.pk, "year": 2021}, logged_in(405)),
    "notification_list": (no_kwargs, logged_in(200)),
    "notifications_mark_read": (no_kwargs, logged_in(405)),
    # --- issue 12: the plan's life ---
    "program_editions": (lambda c: {"pk": c.a.program.pk}, scoped(READERS_OF_A)),
    "edition_changes": (lambda c: {"pk": c.a.program.pk}, scoped(READERS_OF_A)),
    "edition_changes_export": (
        lambda c: {"pk": c.a.program.pk, "fmt": "xlsx"},
        scoped(READERS_OF_A),
    ),
    "program_rounds": (lambda c: {"pk": c.a.program.pk}, editable_by(STAFF_AND_OBSERVER_OF_A)),
    "round_detail": (reporting_round, editable_by(STAFF_AND_OBSERVER_OF_A)),
    "program_consistency": (
        lambda c: {"pk": c.a.program.pk},
        editable_by(STAFF_AND_OBSERVER_OF_A),
    ),
    "activity_financing": (lambda c: {"pk": c.a.activity.pk}, editable_by(EDITORS_OF_A)),
    "staff_directory": (lambda c: {"pk": c.a.municipality.pk}, scoped(STAFF_AND_OBSERVER_OF_A)),
    "program_curators": (lambda c: {"pk": c.a.program.pk}, editable_by(STAFF_AND_OBSERVER_OF_A)),
    "party_school_links": (
        lambda c: {"pk": c.a.municipality.pk},
        scoped(STAFF_AND_OBSERVER_OF_A),
    ),
    "reporting_overview": (
        no_kwargs,
        {**logged_in(200), "head_a": 403, "head_b": 403, "outsider": 403},
    ),
}


def test_every_url_has_access_rules():
    missing = sorted(set(portal_url_names()) - set(EXPECTED))
    assert not missing, f"URL без правил доступа в матрице: {missing}"
    stale = sorted(set(EXPECTED) - set(portal_url_names()))
    assert not stale, f"В матрице есть URL, которых больше нет: {stale}"


def test_get_matrix(cast, client, capsys):
    failures, cases = [], 0
    for name in portal_url_names():
        kwargs_of, expected = EXPECTED[name]
        url = reverse(name, kwargs=kwargs_of(cast))
        for user in [*ALL_USERS, ANONYMOUS]:
            client.logout()
            status = cast.client_for(client, user).get(url).status_code
            cases += 1
            if status != expected[user]:
                failures.append(f"GET {url} as {user}: {status}, expected {expected[user]}")
    with capsys.disabled():
        print(f"\naccess matrix: {cases} GET cases")
    assert not failures, "\n".join(failures)
    assert cases == len(EXPECTED) * (len(ALL_USERS) + 1)


def _throwaway_membership(cast, django_user_model):
    user = django_user_model.objects.create_user(username="throwaway")
    return Membership.objects.create(user=user, role=Role.HEAD, school=cast.a.other_school)


# name → (kwargs, POST data, expected POST status per user); each case gets fresh objects.
POST_EXPECTED = {
    "remove_role": {
        **{name: 404 for name in ALL_USERS},
        "admin": 302,
        "specialist_a": 302,
        "coordinator_a": 403,
        "head_a": 404,
        "observer_a": 403,
        "observer_b": 403,
        "outsider": 403,
        ANONYMOUS: 302,
    },
    "municipality_roles": {
        **{name: 404 for name in ALL_USERS},
        "admin": 200,
        "specialist_a": 200,
        "coordinator_a": 403,
        "observer_a": 403,
        "observer_b": 403,
        "outsider": 403,
        ANONYMOUS: 302,
    },
}


@pytest.mark.parametrize("user", [*ALL_USERS, ANONYMOUS])
def test_post_matrix_for_role_management(cast, client, django_user_model, user):
    membership = _throwaway_membership(cast, django_user_model)
    client = cast.client_for(client, user)
    remove_url = reverse(
        "remove_role", kwargs={"pk": cast.a.municipality.pk, "membership_pk": membership.pk}
    )
    assert client.post(remove_url).status_code == POST_EXPECTED["remove_role"][user]
    removed = not Membership.objects.filter(pk=membership.pk).exists()
    assert removed == (POST_EXPECTED["remove_role"][user] == 302 and user != ANONYMOUS)

    roles_url = reverse("municipality_roles", kwargs={"pk": cast.a.municipality.pk})
    # An invalid form (unknown login): allowed users get the form back with an error.
    response = client.post(roles_url, {"username": "nobody", "role": Role.COORDINATOR})
    assert response.status_code == POST_EXPECTED["municipality_roles"][user]


def test_observer_cannot_change_anything(cast, client):
    """Every POST of an observer is refused with 403, except signing out and own password/role."""
    client.force_login(cast.users["observer_a"])
    self_service = {
        "login",
        "logout",
        "password_change",
        "password_reset",
        "password_reset_confirm",
        "switch_role",
    }
    checked = 0
    for name in portal_url_names():
        if name in self_service:
            continue
        kwargs_of, _expected = EXPECTED[name]
        response = client.post(reverse(name, kwargs=kwargs_of(cast)), {"status": "done"})
        assert response.status_code == 403, f"POST {name}: {response.status_code}"
        checked += 1
    assert checked >= 10


def test_admin_is_for_administrators_only(cast, client):
    for user in [*ALL_USERS, ANONYMOUS]:
        client.logout()
        response = cast.client_for(client, user).get(reverse("admin:index"))
        expected = 200 if user == "admin" else 302
        assert response.status_code == expected, user


# Observers and people without a role are stopped before any view (ReadOnlyRolesMiddleware).
READ_ONLY_POST = {"observer_a": 403, "observer_b": 403, "outsider": 403, ANONYMOUS: 302}
SCHOOL_REPORT_POST_EXPECTED = {
    # Accepting a report on review: the municipality's reviewers only.
    "school_report_review": {
        **{name: 404 for name in ALL_USERS},
        "admin": 302,
        "specialist_a": 302,
        "coordinator_a": 302,
        "head_a": 403,
        **READ_ONLY_POST,
    },
    # Removing a file from a draft: the school's heads only.
    "evidence_delete": {
        **{name: 404 for name in ALL_USERS},
        "admin": 302,
        "head_a": 302,
        "specialist_a": 403,
        "coordinator_a": 403,
        **READ_ONLY_POST,
    },
}


@pytest.mark.parametrize("user", [*ALL_USERS, ANONYMOUS])
def test_post_matrix_for_school_reports(cast, client, user):
    from monitoring.models import EvidenceFile, SchoolReport

    client = cast.client_for(client, user)
    report = school_report_of_a(cast, status="submitted")
    review_url = reverse("school_report_review", kwargs={"pk": report.pk})
    response = client.post(review_url, {"decision": "accept", "version": report.version})
    expected = SCHOOL_REPORT_POST_EXPECTED["school_report_review"][user]
    assert response.status_code == expected
    report.refresh_from_db()
    assert (report.status == "accepted") == (expected == 302 and user != ANONYMOUS)

    SchoolReport.objects.filter(pk=report.pk).update(status="draft")
    evidence = EvidenceFile.objects.get(pk=evidence_file(cast)["pk"])
    delete_url = reverse("evidence_delete", kwargs={"pk": evidence.pk})
    response = client.post(delete_url, {"version": report.version})
    expected = SCHOOL_REPORT_POST_EXPECTED["evidence_delete"][user]
    assert response.status_code == expected
    deleted = not EvidenceFile.objects.filter(pk=evidence.pk).exists()
    assert deleted == (expected == 302 and user != ANONYMOUS)
