"""Every URL of the portal × every role of the shared cast.

The URL list is read from the URL configuration itself: a new view that is not described in
EXPECTED below fails `test_every_url_has_access_rules`, so no page ships without access rules.
Objects are those of municipality A; the B users and the outsider must not even learn they exist.
Every URL whose view takes a POST (found in the view's code, `takes_post`) also needs a row in
POST_RULES: who may change what, and that nobody else changes anything.
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


# --- results: indicators of program A (a school-level one, so that its school grid exists) ---
def indicator_of_a(cast):
    from results.models import Indicator

    indicator, _ = Indicator.objects.get_or_create(
        program=cast.a.program, name="Доля «2» по ВПР", defaults={"level": "school"}
    )
    return indicator


def indicator(cast):
    return {"pk": indicator_of_a(cast).pk}


def indicator_year(cast):
    return {"pk": indicator_of_a(cast).pk, "year": 2021}


def indicator_school_value(cast):
    return {"pk": indicator_of_a(cast).pk, "school_pk": cast.a.school.pk, "year": 2021}


# --- Risk profiles «500+» and school documents (risks) ---
RISK_DOCUMENT_WRITERS = {"admin", "head_a"}
REGION_A_READERS = {"admin", "observer_a"}


def risk_document_of_a(cast, status="not_developed"):
    """A document of school A with one file, made once and shared by the document URLs."""
    from django.core.files.base import ContentFile

    from risks.models import DocumentFile, SchoolDocument

    document, created = SchoolDocument.objects.get_or_create(
        school=cast.a.school,
        kind="concept",
        first_year=2022,
        defaults={"last_year": 2024, "status": status},
    )
    if created:
        stored = DocumentFile(
            document=document,
            original_name="Концепция.pdf",
            content_type="application/pdf",
            size=13,
            sha256="0" * 64,
        )
        stored.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return document


def risk_document(cast):
    return {"pk": risk_document_of_a(cast).pk}


def risk_document_file(cast):
    return {"pk": risk_document_of_a(cast).files.get().pk}


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
    "home": (no_kwargs, everyone(200)),  # anonymous: the published programs and a way in
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
    # Heads read the roadmap, not the staff's change history (403 in scope).
    "program_history": (lambda c: {"pk": c.a.program.pk}, editable_by(STAFF_AND_OBSERVER_OF_A)),
    "activity_detail": (lambda c: {"pk": c.a.activity.pk}, scoped(READERS_OF_A)),
    "activity_create": (lambda c: {"pk": c.a.program.pk}, editable_by(EDITORS_OF_A)),
    "activity_edit": (lambda c: {"pk": c.a.activity.pk}, editable_by(EDITORS_OF_A)),
    "activity_delete": (lambda c: {"pk": c.a.activity.pk}, editable_by(EDITORS_OF_A)),
    "activity_move": (lambda c: {"pk": c.a.activity.pk}, logged_in(405)),
    "section_create": (lambda c: {"pk": c.a.program.pk}, editable_by(EDITORS_OF_A)),
    "section_edit": (lambda c: {"pk": c.a.section.pk}, editable_by(EDITORS_OF_A)),
    "section_delete": (lambda c: {"pk": c.a.section.pk}, editable_by(EDITORS_OF_A)),
    "section_move": (lambda c: {"pk": c.a.section.pk}, logged_in(405)),
    "section_renumber": (lambda c: {"pk": c.a.section.pk}, logged_in(405)),
    "public_program": (lambda c: {"pk": c.a.program.pk}, everyone(200)),
    "activity_year_edit": (lambda c: {"pk": c.a.activity_year.pk}, editable_by(MARKERS_OF_A)),
    "school_list": (no_kwargs, logged_in(200)),
    "generated_report_archive": (no_kwargs, logged_in(200)),
    "program_generated_reports": (
        lambda c: {"pk": c.a.program.pk},
        editable_by(STAFF_AND_OBSERVER_OF_A),
    ),
    "municipality_generated_reports": (
        lambda c: {"pk": c.a.municipality.pk},
        scoped(STAFF_AND_OBSERVER_OF_A),
    ),
    "department_requisites": (
        lambda c: {"pk": c.a.municipality.pk},
        editable_by(MARKERS_OF_A, readers=STAFF_AND_OBSERVER_OF_A),
    ),
    # A head reads the page of their own school but not its справки.
    "school_generated_reports": (
        lambda c: {"pk": c.a.school.pk},
        editable_by(STAFF_AND_OBSERVER_OF_A),
    ),
    "generated_report_detail": (finished_report, scoped(STAFF_AND_OBSERVER_OF_A)),
    "generated_report_download": (finished_report, scoped(STAFF_AND_OBSERVER_OF_A)),
    "generated_report_retry": (finished_report, logged_in(405)),
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
    "school_report_matrix": (
        lambda c: {"pk": c.a.program.pk},
        editable_by(STAFF_AND_OBSERVER_OF_A),
    ),
    "school_report_matrix_xlsx": (
        lambda c: {"pk": c.a.program.pk},
        editable_by(STAFF_AND_OBSERVER_OF_A),
    ),
    "year_closure": (lambda c: {"pk": c.a.program.pk, "year": 2021}, logged_in(405)),
    "notification_list": (no_kwargs, logged_in(200)),
    "notifications_mark_read": (no_kwargs, logged_in(405)),
    # Health probes (ops): no login, no personal data.
    "healthz": (no_kwargs, everyone(200)),
    "readyz": (no_kwargs, everyone(200)),
    # results: heads of school A read the page (their school's values only), specialists edit.
    "program_indicators": (lambda c: {"pk": c.a.program.pk}, scoped(READERS_OF_A)),
    "indicator_create": (lambda c: {"pk": c.a.program.pk}, editable_by(EDITORS_OF_A)),
    "indicator_edit": (indicator, editable_by(EDITORS_OF_A)),
    "indicator_delete": (indicator, editable_by(EDITORS_OF_A)),
    "indicator_move": (indicator, logged_in(405)),
    "indicator_history": (indicator, scoped(READERS_OF_A)),
    "indicator_year_edit": (indicator_year, editable_by(EDITORS_OF_A)),
    "school_value_edit": (indicator_school_value, editable_by(EDITORS_OF_A)),
    "list_candidates": (
        lambda c: {"pk": c.a.municipality.pk},
        scoped(STAFF_AND_OBSERVER_OF_A),
    ),
    "list_decisions": (
        lambda c: {"pk": c.a.municipality.pk},
        scoped(STAFF_AND_OBSERVER_OF_A),
    ),
    "list_import": (
        lambda c: {"pk": c.a.municipality.pk},
        editable_by(EDITORS_OF_A, readers=STAFF_AND_OBSERVER_OF_A),
    ),
    "list_import_preview": (
        lambda c: {"pk": c.a.municipality.pk, "token": "unknown-token"},
        {
            **editable_by(EDITORS_OF_A, readers=STAFF_AND_OBSERVER_OF_A),
            **dict.fromkeys(EDITORS_OF_A, 404),  # editors: the token is unknown
        },
    ),
    "results_import": (
        no_kwargs,
        {**logged_in(403), "admin": 200, "specialist_a": 200, "specialist_b": 200},
    ),
    "results_import_preview": (
        lambda c: {"token": "unknown-token"},
        {**logged_in(403), "admin": 404, "specialist_a": 404, "specialist_b": 404},
    ),
    # --- risks ---
    "school_risks": (lambda c: {"pk": c.a.school.pk}, scoped(READERS_OF_A)),
    "risk_profile_edit": (
        lambda c: {"pk": c.a.school.pk, "year": 2023},
        editable_by(EDITORS_OF_A),
    ),
    "risk_document_create": (
        lambda c: {"pk": c.a.school.pk},
        editable_by(RISK_DOCUMENT_WRITERS),
    ),
    "risk_document_detail": (risk_document, scoped(READERS_OF_A)),
    "risk_document_edit": (risk_document, editable_by(RISK_DOCUMENT_WRITERS)),
    "risk_document_review": (risk_document, logged_in(405)),
    "risk_document_file": (risk_document_file, scoped(READERS_OF_A)),
    "risk_document_file_delete": (risk_document_file, logged_in(405)),
    "risk_matrix": (lambda c: {"pk": c.a.municipality.pk}, scoped(STAFF_AND_OBSERVER_OF_A)),
    "risk_matrix_xlsx": (
        lambda c: {"pk": c.a.municipality.pk},
        scoped(STAFF_AND_OBSERVER_OF_A),
    ),
    "risk_import": (
        lambda c: {"pk": c.a.municipality.pk},
        editable_by(EDITORS_OF_A, readers=STAFF_AND_OBSERVER_OF_A),
    ),
    "risk_region_matrix": (lambda c: {"pk": c.a.region.pk}, scoped(REGION_A_READERS)),
    "region_generated_reports": (lambda c: {"pk": c.a.region.pk}, scoped(REGION_A_READERS)),
    "risk_region_matrix_xlsx": (lambda c: {"pk": c.a.region.pk}, scoped(REGION_A_READERS)),
    "activity_risk_factors": (lambda c: {"pk": c.a.activity.pk}, editable_by(EDITORS_OF_A)),
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


def test_observer_cannot_change_anything(cast, client):
    """Every POST of an observer is refused with 403, except signing out and own password/role."""
    client.force_login(cast.users["observer_a"])
    self_service = {
        "region_generated_reports",  # ordering the regional справка: tested in the POST matrix
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


# --- POST: every URL whose view takes a POST, per role -------------------------------------


def takes_post(callback) -> bool:
    """Whether a URL's view accepts POST: a class view with post(), or a function view whose
    source (decorators included) reads or requires POST. Derived from the code, so a new
    state-changing URL is found without anyone remembering to list it."""
    import inspect

    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    return "POST" in inspect.getsource(inspect.unwrap(callback))


def portal_url_views(patterns=None, namespace=None):
    """name → view of every URL pattern outside the Django admin, like portal_url_names."""
    views = {}
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                views |= portal_url_views(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            views[f"{namespace}:{pattern.name}" if namespace else pattern.name] = pattern.callback
    return views


def state_changing_url_names():
    return sorted(name for name, view in portal_url_views().items() if takes_post(view))


def _failed_report(cast):
    from reports.models import GeneratedReport

    pk = finished_report(cast)["pk"]
    GeneratedReport.objects.filter(pk=pk).update(status=GeneratedReport.Status.FAILED)
    return {"pk": pk}


def _second_activity(cast):
    from tests.cast import make_activity

    return {"pk": make_activity(cast.a.section, number="1.2", position=1).pk}


def _second_section(cast):
    from programs.models import Section

    return {"pk": Section.objects.create(program=cast.a.program, number="2.", position=1).pk}


def _accepted_evidence(cast):
    from monitoring.models import SchoolReport

    pk = evidence_file(cast)["pk"]
    SchoolReport.objects.filter(files__pk=pk).update(status="accepted")
    return {"pk": pk}


def _submitted_report(cast):
    return {"pk": school_report_of_a(cast, status="submitted").pk}


def _another_membership(cast):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="throwaway")
    membership = Membership.objects.create(user=user, role=Role.HEAD, school=cast.a.other_school)
    return {"pk": cast.a.municipality.pk, "membership_pk": membership.pk}


def _report_of_a_data(cast):
    from monitoring.models import SchoolReport

    return {"decision": "accept", "version": SchoolReport.objects.get().version}


def _bulk_data(cast):
    report = school_report_of_a(cast, status="submitted")
    return {"report": [report.pk], f"version-{report.pk}": report.version}


def no_data(cast):
    return {}


def posted(data):
    return lambda cast: data


def _state(cast):
    """What a refused POST must leave as it was: the rows every state-changing URL writes."""
    from monitoring.models import (
        EvidenceFile,
        Notification,
        ReportingRound,
        SchoolReport,
        YearClosure,
    )
    from people.models import SchoolCurator, StaffMember
    from programs.models import Activity, ActivityYear, Edition, Financing, Program, Section
    from reports.models import DepartmentRequisites, GeneratedReport, ReportText
    from results.models import Indicator, ListDecision
    from risks.models import DocumentFile, RiskFactor, RiskProfile, SchoolDocument
    from schools.models import Party

    return [
        list(model.objects.order_by("pk").values_list(*fields))
        for model, fields in [
            (Program, ("pk", "title", "status", "start_year", "end_year")),
            (Section, ("pk", "title", "position")),
            (Activity, ("pk", "number", "title", "position", "version")),
            (ActivityYear, ("pk", "status", "comment")),
            (YearClosure, ("pk", "is_closed")),
            (SchoolReport, ("pk", "status", "version")),
            (EvidenceFile, ("pk", "is_public")),
            (GeneratedReport, ("pk", "status")),
            (ReportText, ("pk",)),
            (DepartmentRequisites, ("pk", "addressee")),
            (Membership, ("pk", "role")),
            (Notification, ("pk", "is_read")),
            (Edition, ("pk",)),
            (Financing, ("pk", "planned")),
            (ReportingRound, ("pk",)),
            (Indicator, ("pk", "name", "position")),
            (ListDecision, ("pk",)),
            (StaffMember, ("pk", "full_name")),
            (SchoolCurator, ("pk", "curator")),
            (Party, ("pk", "school", "kind")),
            (RiskProfile, ("pk", "source")),
            (SchoolDocument, ("pk", "status", "title", "version")),
            (DocumentFile, ("pk",)),
            (RiskFactor.activities.through, ("pk",)),
        ]
    ]


def _activity_data(cast):
    activity = cast.a.activity
    return {"section": activity.section_id, "title": "Изменено", "version": activity.version}


def _year_data(cast):
    year = cast.a.activity_year
    return {"status": "done", "seen_updated_at": year.updated_at.isoformat()}


def _section_out_of_order(cast):
    """Section A with its activities numbered 1.2, 1.1 in row order: renumbering has work."""
    from programs.models import Activity
    from tests.cast import make_activity

    Activity.objects.filter(pk=cast.a.activity.pk).update(position=1)
    make_activity(cast.a.section, number="1.2", position=0)
    return {"pk": cast.a.section.pk}


def _second_indicator(cast):
    from results.models import Indicator

    indicator_of_a(cast)
    second = Indicator.objects.create(program=cast.a.program, name="Второй", position=1)
    return {"pk": second.pk}


def _indicator_data(cast):
    return {"name": "Доля «5» по ВПР", "level": "program", "direction": "higher", "source": "other"}


def _staff_member_of_a(cast):
    from people.models import StaffMember

    member, _ = StaffMember.objects.get_or_create(
        municipality=cast.a.municipality, full_name="Иванова Мария Петровна"
    )
    return member


def _curator_data(cast):
    return {f"school_{cast.a.school.pk}": _staff_member_of_a(cast).pk}


def _party_named_as_school(cast):
    """A party of municipality A written as school A is named: a link to confirm."""
    from schools.models import Party

    Party.objects.create(municipality=cast.a.municipality, name=cast.a.school.name)
    return {"pk": cast.a.municipality.pk}


def _party_link_data(cast):
    from schools.models import Party

    party = Party.objects.get(municipality=cast.a.municipality, name=cast.a.school.name)
    return {"link": f"{party.pk}:{cast.a.school.pk}"}


def _document_on_review(cast):
    return {"pk": risk_document_of_a(cast, status="on_review").pk}


def _document_version(cast):
    return {"version": risk_document_of_a(cast).version}


def _document_edit_data(cast):
    document = risk_document_of_a(cast)
    return {
        "kind": "concept",
        "title": "Концепция развития школы",
        "first_year": 2022,
        "last_year": 2024,
        "version": document.version,
    }


def _risk_factor(cast, number=2):
    """A factor of the standard list (a transactional test before may have emptied it)."""
    from risks.factors import ensure_standard_factors
    from risks.models import RiskFactor

    ensure_standard_factors()
    return RiskFactor.objects.filter(number=number).first()


def _profile_data(cast):
    return {"source": "survey", f"factor_{_risk_factor(cast).pk}": "high"}


def _activity_factors_data(cast):
    return {"factors": [_risk_factor(cast).pk]}


def _list_import_data(cast):
    """A one-school target list (found by name, confirmed) with the order that makes it binding."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = f"Наименование ОО,Группа,Когорта\n{cast.a.school.name},ШНОР,2024\n"
    return {
        "kind": "fioko",
        "order_number": "101",
        "order_date": "2024-08-20",
        "year": "2024",
        "accept_name_matches": "on",
        "file": SimpleUploadedFile("перечень.csv", rows.encode(), content_type="text/csv"),
    }


def _results_upload_data(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = f"Наименование ОО,Предмет,Доля «2»\n{cast.a.school.name},Математика,12\n"
    return {
        "year": 2024,
        "assessment": "vpr",
        "grade": 5,
        "file": SimpleUploadedFile("впр.csv", rows.encode(), content_type="text/csv"),
    }


def _round_data(cast):
    return {
        "year": 2022,
        "period_kind": "year",
        "period_number": 1,
        "due_date": "2022-12-20",
        "activities": [cast.a.activity.pk],
        "schools": [cast.a.school.pk],
    }


ACTIVITY = lambda c: {"pk": c.a.activity.pk}  # noqa: E731
SECTION = lambda c: {"pk": c.a.section.pk}  # noqa: E731
PROGRAM = lambda c: {"pk": c.a.program.pk}  # noqa: E731
MUNICIPALITY = lambda c: {"pk": c.a.municipality.pk}  # noqa: E731
INVALID_FORM = posted({"title": ""})  # a bound form with errors: refused with 400, no write
SECTION_DATA = posted({"number": "2.", "title": "Кадры", "version": 1})
FINANCING_DATA = posted(
    {
        "financing-TOTAL_FORMS": 1,
        "financing-INITIAL_FORMS": 0,
        "financing-0-year": 2021,
        "financing-0-source": "municipal",
        "financing-0-planned": "15000",
    }
)
REVIEWERS_OF_A = {"admin", "specialist_a", "coordinator_a"}
IMPORTERS = {"admin", "specialist_a", "specialist_b"}
REPORTERS_OF_A = {"admin", "head_a"}
# Signing in and out, own password and own role: open to everyone, even read-only roles.
SELF = set(ALL_USERS)


def post_rule(allowed, status=302, *, readers=READERS_OF_A, changes=True, **exceptions):
    """`status` for those allowed, who alone may change anything (if `changes`); 403 for those
    in scope who may not and for read-only roles (stopped by ReadOnlyRolesMiddleware before any
    view); 404 for everyone else: they must not learn the object exists."""
    expected = {
        **{
            name: status if name in allowed else 403 if name in readers else 404
            for name in ALL_USERS
        },
        **READ_ONLY_POST,
        **exceptions,
    }
    return expected, (allowed if changes else set())


def self_service(status, anonymous):
    return {**{name: status for name in ALL_USERS}, ANONYMOUS: anonymous}, set()


# name → (URL kwargs, POST data, (expected status per user, who may change data)).
# Every user's POST runs on the same fresh objects (rolled back after it); anyone not allowed
# must leave the data as it was, whatever the status.
POST_RULES = {
    "login": (
        no_kwargs,
        posted({"username": "head_a", "password": "wrong"}),
        self_service(302, 200),
    ),
    "logout": (no_kwargs, no_data, self_service(302, 302)),
    # Confirming a list upload: editors of the municipality reach the draft (an unknown token:
    # 404), readers are refused, nothing is written for anyone.
    "list_import_preview": (
        lambda c: {"pk": c.a.municipality.pk, "token": "unknown-token"},
        posted({"accept_name_matches": "1"}),
        post_rule(EDITORS_OF_A, 404, readers=STAFF_AND_OBSERVER_OF_A, changes=False),
    ),
    "password_change": (no_kwargs, posted({"old_password": "wrong"}), self_service(200, 302)),
    "password_reset": (no_kwargs, posted({"email": "nobody@example.org"}), self_service(302, 302)),
    "password_reset_confirm": (
        EXPECTED["password_reset_confirm"][0],
        no_data,
        self_service(200, 200),
    ),
    "switch_role": (no_kwargs, posted({"membership": "999999"}), self_service(302, 302)),
    "municipality_roles": (
        MUNICIPALITY,
        posted({"username": "outsider", "role": Role.COORDINATOR}),
        post_rule({"admin", "specialist_a"}, readers=STAFF_AND_OBSERVER_OF_A),
    ),
    "remove_role": (
        _another_membership,
        no_data,
        post_rule({"admin", "specialist_a"}, readers=STAFF_AND_OBSERVER_OF_A),
    ),
    "program_create": (
        no_kwargs,
        INVALID_FORM,
        post_rule(IMPORTERS, 400, readers=set(ALL_USERS), changes=False),
    ),
    "program_edit": (PROGRAM, INVALID_FORM, post_rule(EDITORS_OF_A, 400, changes=False)),
    "import_start": (
        no_kwargs,
        INVALID_FORM,
        post_rule(IMPORTERS, 400, readers=set(ALL_USERS), changes=False),
    ),
    # Someone else's or an expired upload: nothing to confirm even for those who may import.
    "import_preview": (
        EXPECTED["import_preview"][0],
        posted({"action": "confirm"}),
        post_rule(set(), readers=set(ALL_USERS) - IMPORTERS),
    ),
    "activity_create": (
        PROGRAM,
        lambda c: {"section": c.a.section.pk, "title": "Новое", "version": 1},
        post_rule(EDITORS_OF_A),
    ),
    "activity_edit": (ACTIVITY, _activity_data, post_rule(EDITORS_OF_A)),
    "activity_delete": (ACTIVITY, no_data, post_rule(EDITORS_OF_A)),
    "activity_move": (_second_activity, posted({"direction": "up"}), post_rule(EDITORS_OF_A)),
    "activity_year_edit": (
        lambda c: {"pk": c.a.activity_year.pk},
        _year_data,
        post_rule(MARKERS_OF_A),
    ),
    "section_create": (PROGRAM, SECTION_DATA, post_rule(EDITORS_OF_A)),
    "section_edit": (SECTION, SECTION_DATA, post_rule(EDITORS_OF_A)),
    "section_delete": (SECTION, no_data, post_rule(EDITORS_OF_A)),
    "section_move": (_second_section, posted({"direction": "up"}), post_rule(EDITORS_OF_A)),
    "program_generated_reports": (
        PROGRAM,
        posted({"action": "text", "year": 2021, "conclusions": "Выводы"}),
        post_rule(REVIEWERS_OF_A),
    ),
    "department_requisites": (
        lambda c: {"pk": c.a.municipality.pk},
        posted({"addressee": "Министерство образования"}),
        post_rule(REVIEWERS_OF_A, readers=STAFF_AND_OBSERVER_OF_A),
    ),
    # A head does not read the municipality's справки at all.
    "generated_report_retry": (
        _failed_report,
        no_data,
        post_rule(REVIEWERS_OF_A, readers=STAFF_AND_OBSERVER_OF_A),
    ),
    # The region's observers order the regional справка (a file of what they read: it changes no
    # portal data, so ReadOnlyRolesMiddleware lets it through); nobody else learns the region.
    "region_generated_reports": (
        lambda c: {"pk": c.a.region.pk},
        posted({"format": "xlsx", "year": 2030}),
        post_rule(
            REGION_A_READERS,
            400,
            readers=set(),
            changes=False,
            observer_a=400,
            observer_b=404,
            outsider=404,
        ),
    ),
    "school_report_start": (
        EXPECTED["school_report_start"][0],
        posted({"action": "draft", "text": ""}),
        post_rule(REPORTERS_OF_A, 400, changes=False),
    ),
    "school_report_edit": (
        school_report,
        lambda c: {"text": "", "version": school_report_of_a(c).version},
        post_rule(REPORTERS_OF_A, 400, changes=False),
    ),
    "school_report_review": (_submitted_report, _report_of_a_data, post_rule(REVIEWERS_OF_A)),
    "evidence_delete": (evidence_file, posted({"version": 1}), post_rule(REPORTERS_OF_A)),
    "evidence_publish": (
        _accepted_evidence,
        lambda c: {"public": "1", "version": school_report_of_a(c).version},
        post_rule(REVIEWERS_OF_A),
    ),
    # Not an object URL: reviewers of B are answered, but a report of A stays untouched.
    "bulk_accept": (
        no_kwargs,
        _bulk_data,
        post_rule(REVIEWERS_OF_A, specialist_b=302, coordinator_b=302, head_b=403),
    ),
    "year_closure": (
        lambda c: {"pk": c.a.program.pk, "year": 2021},
        posted({"action": "close"}),
        post_rule(REVIEWERS_OF_A),
    ),
    # Everyone's own notifications: nothing of anyone else's is touched.
    "notifications_mark_read": (
        no_kwargs,
        no_data,
        post_rule(SELF - {"observer_a", "observer_b", "outsider"}, changes=False),
    ),
    # --- results: indicators, the target list, assessment results ---
    "indicator_create": (PROGRAM, _indicator_data, post_rule(EDITORS_OF_A)),
    "indicator_edit": (indicator, _indicator_data, post_rule(EDITORS_OF_A)),
    "indicator_delete": (indicator, no_data, post_rule(EDITORS_OF_A)),
    "indicator_move": (_second_indicator, posted({"direction": "up"}), post_rule(EDITORS_OF_A)),
    # The candidates come from the rule in the query string, which this matrix does not send:
    # no school to choose, so an editor is answered with the form and nothing is written.
    "list_candidates": (
        MUNICIPALITY,
        no_data,
        post_rule(EDITORS_OF_A, 400, readers=STAFF_AND_OBSERVER_OF_A, changes=False),
    ),
    # A list upload goes to a draft (to the preview), not yet to the database.
    "list_import": (
        MUNICIPALITY,
        _list_import_data,
        post_rule(EDITORS_OF_A, readers=STAFF_AND_OBSERVER_OF_A, changes=False),
    ),
    # An upload goes to a draft in the cache (to the preview), not yet to the database.
    "results_import": (
        no_kwargs,
        _results_upload_data,
        post_rule(IMPORTERS, readers=set(ALL_USERS), changes=False),
    ),
    # Someone else's or an expired upload: nothing to confirm even for those who may import.
    "results_import_preview": (
        EXPECTED["results_import_preview"][0],
        no_data,
        post_rule(set(), readers=set(ALL_USERS) - IMPORTERS),
    ),
    # --- risks: profiles set by specialists, documents written by the school, reviewed by staff ---
    "risk_profile_edit": (
        lambda c: {"pk": c.a.school.pk, "year": 2023},
        _profile_data,
        post_rule(EDITORS_OF_A),
    ),
    "risk_document_create": (
        lambda c: {"pk": c.a.school.pk},
        posted({"kind": "concept", "title": "Концепция", "first_year": 2023, "last_year": 2025}),
        post_rule(RISK_DOCUMENT_WRITERS),
    ),
    "risk_document_edit": (risk_document, _document_edit_data, post_rule(RISK_DOCUMENT_WRITERS)),
    "risk_document_file_delete": (
        risk_document_file,
        _document_version,
        post_rule(RISK_DOCUMENT_WRITERS),
    ),
    "risk_document_review": (
        _document_on_review,
        lambda c: {"decision": "approve", **_document_version(c)},
        post_rule(REVIEWERS_OF_A),
    ),
    # No file: refused with the form's message, nothing written.
    "risk_import": (
        MUNICIPALITY,
        posted({"source": "survey"}),
        post_rule(EDITORS_OF_A, 400, readers=STAFF_AND_OBSERVER_OF_A, changes=False),
    ),
    "activity_risk_factors": (ACTIVITY, _activity_factors_data, post_rule(EDITORS_OF_A)),
    # --- issue 12: the plan's life, money, people ---
    "section_renumber": (_section_out_of_order, no_data, post_rule(EDITORS_OF_A)),
    "program_editions": (
        PROGRAM,
        posted(
            {"order_organ": "Отдел образования", "order_number": "15", "order_date": "2021-01-10"}
        ),
        post_rule(EDITORS_OF_A),
    ),
    "program_rounds": (PROGRAM, _round_data, post_rule(MARKERS_OF_A)),
    "activity_financing": (ACTIVITY, FINANCING_DATA, post_rule(EDITORS_OF_A)),
    "staff_directory": (
        MUNICIPALITY,
        posted({"full_name": "Петров Пётр Петрович", "position": "методист"}),
        post_rule(EDITORS_OF_A, readers=STAFF_AND_OBSERVER_OF_A),
    ),
    "program_curators": (PROGRAM, _curator_data, post_rule(EDITORS_OF_A)),
    "party_school_links": (
        _party_named_as_school,
        _party_link_data,
        post_rule(EDITORS_OF_A, readers=STAFF_AND_OBSERVER_OF_A),
    ),
}


def test_every_state_changing_url_has_post_rules():
    missing = sorted(set(state_changing_url_names()) - set(POST_RULES))
    assert not missing, f"URL, принимающие POST, без правил POST в матрице: {missing}"
    stale = sorted(set(POST_RULES) - set(state_changing_url_names()))
    assert not stale, f"Правила POST для URL, которые POST не принимают: {stale}"


@pytest.mark.parametrize("name", sorted(POST_RULES))
def test_post_matrix(cast, client, settings, name):
    from django.db import transaction

    # Every caller posts from one test address: the reset throttle has its own tests.
    settings.PASSWORD_RESET_PER_ADDRESS = len(ALL_USERS) + 1  # and the anonymous caller
    kwargs_of, data_of, (expected, allowed) = POST_RULES[name]
    failures = []
    for user in [*ALL_USERS, ANONYMOUS]:
        with transaction.atomic():
            url = reverse(name, kwargs=kwargs_of(cast))
            data = data_of(cast)
            before = _state(cast)
            client.logout()
            status = cast.client_for(client, user).post(url, data).status_code
            if status != expected[user]:
                failures.append(f"POST {url} as {user}: {status}, expected {expected[user]}")
            elif (user in allowed) != (_state(cast) != before):
                did = "changed nothing" if user in allowed else "changed data"
                failures.append(f"POST {url} as {user}: {status} but {did}")
            transaction.set_rollback(True)
    assert not failures, "\n".join(failures)
