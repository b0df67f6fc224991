"""What the signed справка adds to the monitoring figures (reports.data.OfficialDetails): the
department's requisites, basis and purpose, the target-list decisions, the coordinator's
per-section texts, the addressed recommendations of reviews, reporting completeness and
carried-over activities. Gathered here, beside reports.selectors, in a fixed number of queries."""

from django.utils import timezone

from monitoring.models import ExpectedReport, ReportReview
from monitoring.rounds import figures_by, total_figures
from programs.models import ActivityYear, Program
from reports.data import CarriedOver, OfficialDetails, ReportingFigures, ReviewNote, Spravka
from reports.models import DepartmentRequisites, ReportText
from reports.selectors import order_with_edition, programs_running, spravka_data
from results.models import ListDecision, ListEntry


def _label(prefix, activity) -> str:
    return prefix + " ".join(part for part in (activity.number, activity.title) if part)


def _prefix(programs, program) -> str:
    return f"«{program.title}»: " if len(programs) > 1 else ""


def _reviews(programs, year, school) -> list[ReviewNote]:
    reviews = (
        ReportReview.objects.filter(
            report__activity__section__program__in=programs, report__year=year
        )
        .exclude(comment="")
        .select_related("report__school", "report__activity__section__program")
        .order_by("report__school__name", "created_at", "pk")
    )
    if school is not None:
        reviews = reviews.filter(report__school=school)
    return [
        ReviewNote(
            school=str(review.report.school),
            activity=_label(
                _prefix(programs, review.report.activity.section.program), review.report.activity
            ),
            decision=review.get_decision_display(),
            comment=review.comment,
            made_on=timezone.localdate(review.created_at),
        )
        for review in reviews
    ]


def _reporting(programs, year, school, today) -> list[ReportingFigures] | None:
    expected = ExpectedReport.objects.filter(round__program__in=programs, round__year=year)
    if school is not None:
        expected = expected.filter(school=school)
    total = total_figures(expected, "Итого", today)
    if not total.expected:
        return None
    rows = [*figures_by(expected, "school", "school__name", today), total]
    return [
        ReportingFigures(f.label, f.expected, f.received, f.on_time, f.missing_overdue)
        for f in rows
    ]


def _carried_over(programs, year, data: Spravka, school) -> list[CarriedOver]:
    cells = (
        ActivityYear.objects.filter(
            activity__section__program__in=programs, year=year, carried_to_year__isnull=False
        )
        .select_related("activity__section__program")
        .order_by(
            "activity__section__program__title",
            "activity__section__position",
            "activity__position",
            "pk",
        )
    )
    shown = {f"{row.number} {row.title}" for row in data.activities}
    carried = []
    for cell in cells:
        program = cell.activity.section.program
        # A school's справка lists only the activities it takes part in.
        if school is not None and f"{cell.activity.number} {cell.activity.title}" not in shown:
            continue
        labels = {py.year: py.label for py in program.years}
        carried.append(
            CarriedOver(
                activity=_label(_prefix(programs, program), cell.activity),
                to_year=labels.get(cell.carried_to_year, str(cell.carried_to_year)),
                reason=cell.carry_reason,
            )
        )
    return carried


def _target_decisions(municipality, year, data: Spravka) -> list[str]:
    """The list decisions (up to the report year) by which the target schools entered the list."""
    names = {school.name for school in data.schools}
    entries = (
        ListEntry.objects.filter(
            decision__municipality=municipality,
            decision__year__lte=year,
            action=ListEntry.Action.ENTER,
        )
        .select_related("decision", "school")
        .order_by("decision__order_date", "decision__pk")
    )
    counts: dict[ListDecision, int] = {}
    for entry in entries:
        if entry.school.name in names:
            counts[entry.decision] = counts.get(entry.decision, 0) + 1
    return [f"{decision} — включено школ: {count}" for decision, count in counts.items()]


def _requisites(municipality) -> DepartmentRequisites:
    return DepartmentRequisites.objects.filter(municipality=municipality).first() or (
        DepartmentRequisites(municipality=municipality)
    )


def official_details(
    data: Spravka, municipality, programs, year, *, text=None, school=None, today=None
) -> OfficialDetails:
    today = today or timezone.localdate()
    requisites = _requisites(municipality)
    if len(programs) == 1:
        basis = order_with_edition(programs[0], year)
    else:
        basis = "; ".join(
            f"«{program.title}» — {order_with_edition(program, year) or 'приказ не указан'}"
            for program in programs
        )
    return OfficialDetails(
        addressee=requisites.addressee,
        letterhead=requisites.letterhead,
        basis=basis,
        purpose=text.purpose if text else "",
        target_decisions=_target_decisions(municipality, year, data),
        section_texts=dict(text.section_texts) if text else {},
        reviews=_reviews(programs, year, school),
        reporting=_reporting(programs, year, school, today),
        carried_over=_carried_over(programs, year, data, school),
    )


def program_spravka(program: Program, year: int, today=None) -> Spravka:
    """The справка of one program year with everything the signed document says."""
    text = ReportText.objects.filter(program=program, year=year).first()
    data = spravka_data(program, year, text, today=today)
    data.official = official_details(
        data, program.municipality, [program], year, text=text, today=today
    )
    return data


def with_scope_details(data: Spravka, municipality, programs, year, school=None) -> Spravka:
    """A municipality's or school's справка with the official parts of its programs."""
    data.official = official_details(
        data, municipality, programs_running(programs, year), year, school=school
    )
    return data
