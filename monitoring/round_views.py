"""Reporting rounds: a program's rounds and opening one, a round's expected reports, the
completeness and timeliness overview, and the consistency check for coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import access
from monitoring.models import ExpectedReport, ReportingRound
from monitoring.round_forms import RoundForm
from monitoring.round_services import open_round
from monitoring.rounds import contradictions, expected_rows, figures_by, total_figures


def _program_for_reports(user, pk):
    program = access.program_for(user, pk)
    access.require(access.can_read_reports(user, program.municipality))
    return program


@login_required
def program_rounds(request, pk):
    program = _program_for_reports(request.user, pk)
    can_manage = access.can_manage_rounds(request.user, program)
    form = RoundForm(request.POST or None, program=program)
    refused = ""
    if request.method == "POST":
        access.require(can_manage)
        if form.is_valid():
            try:
                round_ = open_round(form, request.user)
            except ValidationError as error:
                refused = " ".join(error.messages)
            else:
                messages.success(
                    request,
                    f"Раунд отчётности открыт: {round_.reporting_period_label}, срок "
                    f"{round_.due_date:%d.%m.%Y}.",
                )
                return redirect("round_detail", pk=round_.pk)
    today = timezone.localdate()
    expected = ExpectedReport.objects.visible_to(request.user).filter(round__program=program)
    figures = {f.key: f for f in figures_by(expected, "round", "round__due_date", today)}
    rounds = list(program.reporting_rounds.order_by("-due_date", "-id"))
    for round_ in rounds:
        round_.figures = figures.get(round_.pk)
    return render(
        request,
        "monitoring/rounds.html",
        {
            "program": program,
            "rounds": rounds,
            "total": total_figures(expected, "Все раунды программы", today),
            "form": form,
            "can_manage": can_manage,
            "refused": refused,
            "today": today,
        },
        status=400 if (form.errors or refused) else 200,
    )


@login_required
def round_detail(request, pk):
    round_ = access.round_for(request.user, pk)
    today = timezone.localdate()
    expected = ExpectedReport.objects.visible_to(request.user).filter(round=round_)
    return render(
        request,
        "monitoring/round_detail.html",
        {
            "round": round_,
            "program": round_.program,
            "by_school": figures_by(expected, "school", "school__name", today),
            "total": total_figures(expected, "Всего по раунду", today),
            "rows": expected_rows(round_, expected, today),
            "today": today,
        },
    )


@login_required
def reporting_overview(request):
    """Completeness and timeliness per municipality and program; region-wide for observers."""
    access.require(access.can_use_review_queue(request.user))
    today = timezone.localdate()
    expected = ExpectedReport.objects.visible_to(request.user)
    return render(
        request,
        "monitoring/reporting_overview.html",
        {
            "by_region": figures_by(
                expected,
                "round__program__municipality__region",
                "round__program__municipality__region__name",
                today,
            ),
            "by_municipality": figures_by(
                expected,
                "round__program__municipality",
                "round__program__municipality__name",
                today,
            ),
            "by_program": figures_by(expected, "round__program", "round__program__title", today),
            "rounds": ReportingRound.objects.filter(pk__in=expected.values("round"))
            .select_related("program")
            .order_by("-due_date")[:50],
            "today": today,
        },
    )


@login_required
def program_consistency(request, pk):
    program = _program_for_reports(request.user, pk)
    return render(
        request,
        "monitoring/consistency.html",
        {"program": program, "contradictions": contradictions(program)},
    )
