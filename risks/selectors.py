"""Reads of risk profiles, school documents and coverage across schools (constant query counts)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from programs.models import Program
from risks.coverage import NO_PROFILE, SchoolCoverage, school_coverage
from risks.levels import level_label
from risks.models import (
    DocumentKind,
    DocumentStatus,
    FactorLevel,
    RiskFactor,
    RiskProfile,
    SchoolDocument,
)
from schools.models import School, SchoolStatus

# The documents a school writes once for a period (anti-risk programmes go by factor).
GENERAL_KINDS = [DocumentKind.CONCEPT, DocumentKind.MIDTERM, DocumentKind.ROADMAP]


def factors_of(year: int) -> list[RiskFactor]:
    return list(RiskFactor.objects.of_year(year))


def target_school_ids(schools, year: int) -> set[int]:
    """Schools of the target groups in a year: by their status or as a program's target school."""
    in_groups = SchoolStatus.objects.filter(
        Q(is_shnor=True) | Q(is_shnsu=True), school__in=schools, year=year
    ).values_list("school_id", flat=True)
    in_programs = Program.target_schools.through.objects.filter(
        school__in=schools, program__start_year__lte=year, program__end_year__gte=year
    ).values_list("school_id", flat=True)
    return set(in_groups) | set(in_programs)


def profiles_of(school_ids, year: int) -> dict[int, RiskProfile]:
    """Each school's profile of the year with `level_of` (factor id → level) attached."""
    profiles = {
        profile.school_id: profile
        for profile in RiskProfile.objects.filter(school__in=school_ids, year=year).select_related(
            "updated_by"
        )
    }
    for profile in profiles.values():
        profile.level_of = {}
    for school_id, factor_id, level in FactorLevel.objects.filter(
        profile__in=[p.pk for p in profiles.values()]
    ).values_list("profile__school_id", "factor_id", "level"):
        profiles[school_id].level_of[factor_id] = level
    return profiles


def documents_valid_in(school_ids, year: int) -> list[SchoolDocument]:
    """The documents of these schools whose period includes the year, newest period first."""
    return list(
        SchoolDocument.objects.filter(
            school__in=school_ids, first_year__lte=year, last_year__gte=year
        )
        .select_related("factor")
        .order_by("school_id", "kind", "factor__number", "-first_year")
    )


def addressed_factors(school_ids, year: int) -> dict[int, set[int]]:
    """school id → factors of the municipal activities of that year that involve the school."""
    links = RiskFactor.activities.through.objects.filter(
        activity__schools__in=school_ids, activity__years__year=year
    ).values_list("activity__schools", "riskfactor_id")
    addressed = defaultdict(set)
    for school_id, factor_id in links.distinct():
        if school_id in school_ids:
            addressed[school_id].add(factor_id)
    return addressed


@dataclass
class MatrixCell:
    factor: RiskFactor
    level: str
    programme: SchoolDocument | None
    gap: list[str]

    @property
    def label(self):
        return level_label(self.level)

    @property
    def programme_label(self):
        if self.programme is None:
            return "программы нет"
        return f"программа: {self.programme.get_status_display()}"


@dataclass
class MatrixRow:
    school: School
    is_target: bool
    profile: RiskProfile | None
    coverage: SchoolCoverage
    cells: list[MatrixCell]
    general: list[tuple[str, SchoolDocument | None]]  # (kind label, the document or None)

    @property
    def gap_count(self):
        missing_profile = self.is_target and not self.coverage.has_profile
        return sum(1 for cell in self.cells if cell.gap) + missing_profile


@dataclass
class RiskMatrix:
    year: int
    factors: list[RiskFactor]
    rows: list[MatrixRow] = field(default_factory=list)

    @property
    def gaps(self) -> list[tuple[School, str, str]]:
        """(school, what, why) for every gap: «Дефицит кадров (▲ высокий)», the missing things."""
        found = []
        for row in self.rows:
            if row.is_target and not row.coverage.has_profile:
                found.append((row.school, "Все факторы", NO_PROFILE))
            for cell in row.cells:
                if cell.gap:
                    found.append(
                        (row.school, f"{cell.factor.label} ({cell.label})", "; ".join(cell.gap))
                    )
        return found


def risk_matrix(schools, year: int, *, only_targets: bool = False) -> RiskMatrix:
    """Schools × factors of a year: levels, anti-risk programmes, general documents and gaps.

    Every school with a profile, and every target school (without a profile it is a gap).
    """
    schools = list(schools.select_related("municipality").order_by("municipality__name", "name"))
    school_ids = [school.pk for school in schools]
    targets = target_school_ids(school_ids, year)
    profiles = profiles_of(school_ids, year)
    documents = documents_valid_in(school_ids, year)
    addressed = addressed_factors(school_ids, year)
    factors = factors_of(year)

    programmes, general = {}, {}
    for document in documents:  # newest period first: the first one found stands
        if document.kind == DocumentKind.ANTIRISK:
            programmes.setdefault((document.school_id, document.factor_id), document)
        else:
            general.setdefault((document.school_id, document.kind), document)

    matrix = RiskMatrix(year=year, factors=factors)
    for school in schools:
        profile = profiles.get(school.pk)
        if profile is None and (only_targets or school.pk not in targets):
            continue
        levels = profile.level_of if profile else None
        approved = {
            factor_id
            for (school_id, factor_id), document in programmes.items()
            if school_id == school.pk and document.status == DocumentStatus.APPROVED
        }
        coverage = school_coverage(levels, approved, addressed.get(school.pk, set()))
        gaps = {item.factor_id: item.missing for item in coverage.gaps}
        cells = [
            MatrixCell(
                factor=factor,
                level=(levels or {}).get(factor.pk, ""),
                programme=programmes.get((school.pk, factor.pk)),
                gap=gaps.get(factor.pk, []) if school.pk in targets else [],
            )
            for factor in factors
        ]
        matrix.rows.append(
            MatrixRow(
                school=school,
                is_target=school.pk in targets,
                profile=profile,
                coverage=coverage,
                cells=cells,
                general=[(kind.label, general.get((school.pk, kind))) for kind in GENERAL_KINDS],
            )
        )
    return matrix


def school_documents(school) -> list[SchoolDocument]:
    return list(
        school.risk_documents.select_related("factor").order_by(
            "kind", "factor__number", "-first_year"
        )
    )


def profile_years(school) -> list[int]:
    return list(school.risk_profiles.order_by("-year").values_list("year", flat=True))


@dataclass(frozen=True)
class Duty:
    """Something the school has to do about its documents, with where to do it."""

    text: str
    document: SchoolDocument | None = None
    kind: str = ""
    factor_id: int | None = None


_DOCUMENT_DUTIES = {
    DocumentStatus.NOT_DEVELOPED: "Отправить на экспертизу",
    DocumentStatus.NEEDS_WORK: "Доработать по рекомендациям эксперта",
}


def duties_of(row: MatrixRow) -> list[Duty]:
    """What a school owes in the row's year: documents to write, send or rework."""
    duties = []
    for label, document in row.general:
        if document is None:
            kind = next(kind for kind in GENERAL_KINDS if kind.label == label)
            duties.append(Duty(f"Разработать: {label}", kind=kind))
        elif document.status in _DOCUMENT_DUTIES:
            duties.append(Duty(f"{_DOCUMENT_DUTIES[document.status]}: {label}", document))
    for cell in row.cells:
        if cell.level not in ("high", "medium"):
            continue
        what = f"антирисковая программа «{cell.factor.label}»"
        if cell.programme is None:
            duties.append(
                Duty(
                    f"Разработать: {what} ({cell.label})",
                    kind=DocumentKind.ANTIRISK,
                    factor_id=cell.factor.pk,
                )
            )
        elif cell.programme.status in _DOCUMENT_DUTIES:
            duties.append(
                Duty(f"{_DOCUMENT_DUTIES[cell.programme.status]}: {what}", cell.programme)
            )
    return duties


def gap_lines(school_ids, year: int) -> list[tuple[str, str, str]] | None:
    """(school, factor and level, what is missing) for the target schools among these, for
    reports; None when none of them has a risk profile that year (nothing was assessed)."""
    matrix = risk_matrix(School.objects.filter(pk__in=school_ids), year)
    if not any(row.profile for row in matrix.rows):
        return None
    return [(str(school), what, why) for school, what, why in matrix.gaps]
