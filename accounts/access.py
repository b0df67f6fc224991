"""Who may see and change what: the one place every view, export and task asks.

Rules:
- administrator: everything;
- department specialist: reads and edits the programs, schools and parties of their municipality;
- coordinator / curator: reads everything of their municipality and marks execution; a curator
  limited to assigned schools sees only those schools' reports;
- school head: reads the programs that involve their school and that school's own reports;
- regional observer: reads every municipality of the region and changes nothing.

A person can hold several roles: what they may do is the union of them. Out of scope is 404
(the object's existence is not revealed), in scope but read-only is 403.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts.models import Membership, Role
from accounts.roles import memberships_of
from programs.models import Activity, ActivityYear, Program, Section
from schools.models import Municipality, School


@dataclass
class Scope:
    is_admin: bool = False
    specialist_municipalities: set[int] = field(default_factory=set)
    coordinator_municipalities: set[int] = field(default_factory=set)
    # Per municipality, the schools a limited curator may review; absent → all schools.
    curator_school_limits: dict[int, set[int]] = field(default_factory=dict)
    head_schools: set[int] = field(default_factory=set)
    observer_regions: set[int] = field(default_factory=set)

    @property
    def staff_municipalities(self):
        """Municipalities whose whole content this person reads as department staff."""
        return self.specialist_municipalities | self.coordinator_municipalities

    @property
    def can_change_anything(self):
        return bool(self.is_admin or self.staff_municipalities or self.head_schools)


def _curated_schools(coordinator_membership_ids) -> defaultdict:
    """{membership id: the schools a curator is limited to}; read only for coordinators."""
    curated = defaultdict(set)
    if coordinator_membership_ids:
        links = Membership.curated_schools.through.objects.filter(
            membership_id__in=coordinator_membership_ids
        )
        for membership_id, school_id in links.values_list("membership_id", "school_id"):
            curated[membership_id].add(school_id)
    return curated


def scope_of(user) -> Scope:
    """The user's scope, computed once per request (cached on the user object)."""
    if not user.is_authenticated:
        return Scope()
    cached = getattr(user, "_portal_scope", None)
    if cached is not None:
        return cached
    scope = Scope(is_admin=user.is_superuser)
    memberships = memberships_of(user)
    curated = _curated_schools([m.pk for m in memberships if m.role == Role.COORDINATOR])
    for membership in memberships:
        match membership.role:
            case Role.ADMIN:
                scope.is_admin = True
            case Role.SPECIALIST:
                scope.specialist_municipalities.add(membership.municipality_id)
            case Role.COORDINATOR:
                scope.coordinator_municipalities.add(membership.municipality_id)
                if curated[membership.pk]:
                    scope.curator_school_limits[membership.municipality_id] = curated[membership.pk]
            case Role.HEAD:
                scope.head_schools.add(membership.school_id)
            case Role.OBSERVER:
                scope.observer_regions.add(membership.region_id)
    user._portal_scope = scope
    return scope


# --- What a user can see: `Model.objects.visible_to(user)` (accounts/visibility.py) asks here ---


def _municipality_condition(scope: Scope, path: str) -> Q:
    """Objects of the municipalities the user reads as staff or as regional observer."""
    return Q(**{f"{path}__in": scope.staff_municipalities}) | Q(
        **{f"{path}__region__in": scope.observer_regions}
    )


def programs_involving(school_ids):
    """Ids of the programs a school takes part in: as a target school or in an activity."""
    in_activities = Activity.objects.filter(schools__in=school_ids).values("section__program_id")
    return Program.objects.filter(
        Q(target_schools__in=school_ids) | Q(pk__in=in_activities)
    ).values("pk")


def _visible_programs(scope: Scope, programs):
    if scope.is_admin:
        return programs
    condition = _municipality_condition(scope, "municipality")
    if scope.head_schools:
        condition |= Q(pk__in=programs_involving(scope.head_schools))
    return programs.filter(condition)  # joins only along foreign keys: no row repeated


def _visible_activities(scope: Scope, activities):
    if scope.is_admin:
        return activities
    programs = _visible_programs(scope, Program.objects.all())
    return activities.filter(section__program__in=programs.values("pk"))


def _visible_schools(scope: Scope, schools):
    if scope.is_admin:
        return schools
    return schools.filter(
        _municipality_condition(scope, "municipality") | Q(pk__in=scope.head_schools)
    )


def _visible_municipalities(scope: Scope, municipalities):
    if scope.is_admin:
        return municipalities
    return municipalities.filter(
        Q(pk__in=scope.staff_municipalities) | Q(region__in=scope.observer_regions)
    )


def _visible_generated_reports(scope: Scope, reports):
    """A municipality's reports to its staff and its region's observers; a region's reports (the
    municipalities side by side) to that region's observers only."""
    if scope.is_admin:
        return reports
    return reports.filter(
        _municipality_condition(scope, "municipality") | Q(region__in=scope.observer_regions)
    )


def _visible_school_reports(scope: Scope, reports):
    """A school's reports, sent (monitoring.SchoolReport) or expected (ExpectedReport)."""
    if scope.is_admin:
        return reports
    program_municipality = "activity__section__program__municipality"
    condition = Q(school__in=scope.head_schools)
    condition |= Q(**{f"{program_municipality}__in": scope.specialist_municipalities})
    condition |= Q(**{f"{program_municipality}__region__in": scope.observer_regions})
    for municipality_id in scope.coordinator_municipalities:
        in_municipality = Q(**{program_municipality: municipality_id})
        curated = scope.curator_school_limits.get(municipality_id)
        condition |= (in_municipality & Q(school__in=curated)) if curated else in_municipality
    return reports.filter(condition)


_VISIBLE = {
    "programs.Program": _visible_programs,
    "programs.Activity": _visible_activities,
    "schools.School": _visible_schools,
    "schools.Municipality": _visible_municipalities,
    "reports.GeneratedReport": _visible_generated_reports,
    "monitoring.SchoolReport": _visible_school_reports,
    "monitoring.ExpectedReport": _visible_school_reports,
}


def restrict(queryset, user):
    """The rows of `queryset` the user may see: what `queryset.visible_to(user)` returns."""
    return _VISIBLE[queryset.model._meta.label](scope_of(user), queryset)


def reviewable_school_ids(user, municipality_id: int) -> set[int] | None:
    """Schools whose reports the user may review in a municipality; None means all of them."""
    scope = scope_of(user)
    if scope.is_admin or municipality_id in scope.specialist_municipalities:
        return None
    if municipality_id not in scope.coordinator_municipalities:
        return set()
    return scope.curator_school_limits.get(municipality_id)


# --- What a user can change ------------------------------------------------------------------


def can_edit_municipality_content(user, municipality_id: int) -> bool:
    """Programs, roadmaps, schools and parties are edited by the municipality's specialists."""
    scope = scope_of(user)
    return scope.is_admin or municipality_id in scope.specialist_municipalities


def editable_municipalities(user):
    """Municipalities whose programs the user may create and edit."""
    scope = scope_of(user)
    if scope.is_admin:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=scope.specialist_municipalities)


def can_edit_program(user, program: Program) -> bool:
    return can_edit_municipality_content(user, program.municipality_id)


def can_mark_execution(user, program: Program) -> bool:
    scope = scope_of(user)
    return scope.is_admin or program.municipality_id in scope.staff_municipalities


def can_generate_reports(user, municipality: Municipality) -> bool:
    """Department staff (specialists, coordinators) make the справки of their municipality."""
    scope = scope_of(user)
    return scope.is_admin or municipality.pk in scope.staff_municipalities


def can_read_reports(user, municipality: Municipality) -> bool:
    """Reports span many schools: heads of schools do not read them."""
    scope = scope_of(user)
    return (
        scope.is_admin
        or municipality.pk in scope.staff_municipalities
        or municipality.region_id in scope.observer_regions
    )


def can_read_history(user, municipality: Municipality) -> bool:
    """The change history names the department's staff and every change they made: staff and
    observers read it; heads of schools read the roadmap, not who changed it (their role is their
    school's activities and reports)."""
    scope = scope_of(user)
    return (
        scope.is_admin
        or municipality.pk in scope.staff_municipalities
        or municipality.region_id in scope.observer_regions
    )


def can_manage_roles(user, municipality_id: int) -> bool:
    return can_edit_municipality_content(user, municipality_id)


# --- Resolving objects for views ---------------------------------------------------------------


def get_or_404(queryset, **lookup):
    """The object if it is in the user's scope; 404 otherwise, never revealing that it exists."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("Страница не найдена или у вас нет к ней доступа.") from None


def program_for(user, pk, *, to_edit=False):
    program = get_or_404(
        Program.objects.visible_to(user).select_related("municipality__region"), pk=pk
    )
    if to_edit:
        require(can_edit_program(user, program))
    return program


def activity_for(user, pk, *, to_edit=False):
    activities = Activity.objects.visible_to(user).select_related("section__program__municipality")
    activity = get_or_404(activities, pk=pk)
    if to_edit:
        require(can_edit_program(user, activity.section.program))
    return activity


def section_for(user, pk, *, to_edit=False):
    sections = Section.objects.filter(program__in=Program.objects.visible_to(user).values("pk"))
    section = get_or_404(sections.select_related("program__municipality"), pk=pk)
    if to_edit:
        require(can_edit_program(user, section.program))
    return section


def activity_year_for(user, pk, *, to_mark=False):
    years = ActivityYear.objects.filter(
        activity__in=Activity.objects.visible_to(user)
    ).select_related("activity__section__program")
    activity_year = get_or_404(years, pk=pk)
    if to_mark:
        require(can_mark_execution(user, activity_year.activity.section.program))
    return activity_year


def school_for(user, pk, *, to_edit=False):
    school = get_or_404(
        School.objects.visible_to(user).select_related("municipality__region"), pk=pk
    )
    if to_edit:
        require(can_edit_municipality_content(user, school.municipality_id))
    return school


def can_manage_generated_report(user, report) -> bool:
    """Retrying a report: those who make reports of its municipality. A region's report is
    retried by administrators; its observers, who change nothing, order it again instead."""
    if report.municipality_id is None:
        return scope_of(user).is_admin
    return can_generate_reports(user, report.municipality)


def generated_report_for(user, pk, *, to_manage=False):
    from reports.models import GeneratedReport

    report = get_or_404(
        GeneratedReport.objects.visible_to(user).select_related(
            "municipality", "region", "program", "school", "requested_by"
        ),
        pk=pk,
    )
    if to_manage:
        require(can_manage_generated_report(user, report))
    return report


def require(allowed: bool):
    """In scope but not allowed to do this: 403 with a Russian explanation."""
    if not allowed:
        raise PermissionDenied("У вас нет прав на это действие: доступ только для чтения.")


# --- School reports and evidence (monitoring) ---
# A school's reports are written by its heads; read by the heads, by the department staff of
# the program's municipality (a curator limited to some schools: only theirs) and by the
# region's observers; reviewed as `reviewable_school_ids` says.


def can_report_for_school(user, school_id: int) -> bool:
    scope = scope_of(user)
    return scope.is_admin or school_id in scope.head_schools


def can_edit_school_report(user, report) -> bool:
    return can_report_for_school(user, report.school_id)


def can_review(user, report) -> bool:
    """Accepting and returning a report: the municipality's reviewers, a curator for theirs."""
    schools = reviewable_school_ids(user, report.activity.section.program.municipality_id)
    return schools is None or report.school_id in schools


def can_close_year(user, program: Program) -> bool:
    """Closing a program year locks its reports: those who mark the program's execution."""
    return can_mark_execution(user, program)


def can_use_review_queue(user) -> bool:
    scope = scope_of(user)
    return bool(scope.is_admin or scope.staff_municipalities or scope.observer_regions)


def school_report_schools(user, program: Program) -> set[int] | None:
    """Schools whose reports a reader of the program's reports sees; None means all of them."""
    scope = scope_of(user)
    reads_all = (
        scope.is_admin
        or program.municipality_id in scope.specialist_municipalities
        or program.municipality.region_id in scope.observer_regions
    )
    return None if reads_all else scope.curator_school_limits.get(program.municipality_id)


def school_report_for(user, pk, *, to_edit=False, to_review=False):
    from monitoring.models import SchoolReport

    reports = SchoolReport.objects.visible_to(user).select_related(
        "school", "activity__section__program__municipality"
    )
    report = get_or_404(reports, pk=pk)
    if to_edit:
        require(can_edit_school_report(user, report))
    if to_review:
        require(can_review(user, report))
    return report


def evidence_file_for(user, pk, *, to_edit=False):
    from monitoring.models import EvidenceFile, SchoolReport

    files = EvidenceFile.objects.filter(
        report__in=SchoolReport.objects.visible_to(user)
    ).select_related("report__activity__section__program")
    evidence = get_or_404(files, pk=pk)
    if to_edit:
        require(can_edit_school_report(user, evidence.report))
    return evidence


def programs_in_role(user, membership: Membership | None):
    """The programs of the role a person works in now (the home page): a specialist's or
    coordinator's municipality, an observer's region, a head's school; an administrator, or
    someone without a role, every program the person may see."""
    programs = Program.objects.visible_to(user)
    if membership is None:
        return programs
    if membership.role in (Role.SPECIALIST, Role.COORDINATOR):
        return programs.filter(municipality=membership.municipality_id)
    if membership.role == Role.OBSERVER:
        return programs.filter(municipality__region=membership.region_id)
    if membership.role == Role.HEAD:
        return programs.filter(pk__in=programs_involving([membership.school_id]))
    return programs


# --- Results: indicators and assessment results (results app) ---
# Indicators are read with their program and edited by the municipality's specialists; a
# school's values are read by department staff and observers of the program, and by the heads of
# that school only.


def indicator_for(user, pk, *, to_edit=False):
    from results.models import Indicator

    indicators = Indicator.objects.filter(program__in=Program.objects.visible_to(user).values("pk"))
    indicator = get_or_404(indicators.select_related("program__municipality__region"), pk=pk)
    if to_edit:
        require(can_edit_program(user, indicator.program))
    return indicator


def indicator_school_ids(user, program: Program) -> set[int] | None:
    """Schools whose indicator values the user sees in a program; None means all of them."""
    scope = scope_of(user)
    reads_all = (
        scope.is_admin
        or program.municipality_id in scope.staff_municipalities
        or program.municipality.region_id in scope.observer_regions
    )
    return None if reads_all else set(scope.head_schools)


def can_import_results(user) -> bool:
    """Assessment results are loaded by specialists for the schools of their municipality."""
    scope = scope_of(user)
    return bool(scope.is_admin or scope.specialist_municipalities)


def importable_schools(user):
    """Schools an assessment-results file may name for this user."""
    scope = scope_of(user)
    if scope.is_admin:
        return School.objects.all()
    return School.objects.filter(municipality__in=scope.specialist_municipalities)


# --- Risk profiles and school documents «500+» (risks) ---
# A school's profile and documents are read by whoever reads the school; profiles are set by
# the municipality's specialists; documents are written by the school's heads and reviewed as
# `reviewable_school_ids` says. The matrix spans schools: department staff and observers only.


def can_edit_risk_profile(user, school) -> bool:
    return can_edit_municipality_content(user, school.municipality_id)


def can_write_school_documents(user, school_id: int) -> bool:
    return can_report_for_school(user, school_id)


def can_review_school_document(user, document) -> bool:
    schools = reviewable_school_ids(user, document.school.municipality_id)
    return schools is None or document.school_id in schools


def can_tag_activity_risks(user, activity) -> bool:
    return can_edit_program(user, activity.section.program)


def risk_document_for(user, pk, *, to_edit=False, to_review=False):
    from risks.models import SchoolDocument

    documents = SchoolDocument.objects.filter(
        school__in=School.objects.visible_to(user).values("pk")
    )
    document = get_or_404(
        documents.select_related("school__municipality", "factor", "created_by"), pk=pk
    )
    if to_edit:
        require(can_write_school_documents(user, document.school_id))
    if to_review:
        require(can_review_school_document(user, document))
    return document


def risk_document_file_for(user, pk, *, to_edit=False):
    from risks.models import DocumentFile

    files = DocumentFile.objects.filter(
        document__school__in=School.objects.visible_to(user).values("pk")
    ).select_related("document__school")
    stored_file = get_or_404(files, pk=pk)
    if to_edit:
        require(can_write_school_documents(user, stored_file.document.school_id))
    return stored_file


def can_read_region(user, region_id: int) -> bool:
    """Region-wide pages: its observers and administrators (department staff read their own)."""
    scope = scope_of(user)
    return scope.is_admin or region_id in scope.observer_regions


def region_for(user, pk):
    """A region for its region-wide pages (risk matrix, regional справка): 404 to anyone else."""
    from schools.models import Region

    region = get_or_404(Region.objects.all(), pk=pk)
    if not can_read_region(user, region.pk):
        raise Http404("Страница не найдена или у вас нет к ней доступа.")
    return region


# --- Reporting rounds (issue 12) ---
# A round is read by those who read the program's school reports; coordinators and specialists
# of the municipality open rounds; heads see their own school's expected reports.


def can_manage_rounds(user, program: Program) -> bool:
    return can_mark_execution(user, program)


def round_for(user, pk):
    from monitoring.models import ReportingRound

    rounds = ReportingRound.objects.filter(
        program__in=Program.objects.visible_to(user).values("pk")
    )
    round_ = get_or_404(rounds.select_related("program__municipality__region"), pk=pk)
    require(can_read_reports(user, round_.program.municipality))
    return round_
