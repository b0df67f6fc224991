"""Pages of a roadmap's editions: the list with the draft and its approval, the change list
between any two editions, and its Word and Excel export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from accounts import access
from programs.edition_services import NothingToApprove, approve_edition
from programs.editions import diff_snapshots
from programs.forms import EditionForm
from programs.selectors import edition_state, roadmap_snapshot

DRAFT = "draft"
EXPORT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def program_editions(request, pk):
    program = access.program_for(request.user, pk)
    can_edit = access.can_edit_program(request.user, program)
    today = timezone.localdate()
    form = EditionForm(request.POST or None, program=program, today=today)
    refused = None
    if request.method == "POST":
        access.require(can_edit)
        if form.is_valid():
            try:
                edition = approve_edition(program, form, request.user)
            except NothingToApprove:
                refused = "Дорожная карта не менялась после последней редакции: утверждать нечего."
            else:
                messages.success(
                    request, f"Редакция {edition.number} утверждена: {edition.order_label}."
                )
                return redirect("program_editions", pk=program.pk)
    state = edition_state(program)
    return render(
        request,
        "programs/editions.html",
        {
            "program": program,
            "editions": list(program.editions.select_related("approved_by").order_by("-number")),
            "state": state,
            "form": form,
            "can_edit": can_edit,
            "refused": refused,
        },
        status=400 if (form.errors or refused) else 200,
    )


def _side(program, editions, value):
    """(label, snapshot) of one side of a comparison: an edition number, the draft, or nothing."""
    if value == DRAFT:
        return "текущая дорожная карта (неутверждённые изменения)", roadmap_snapshot(program)
    if value in ("", "0", None):
        return "до первой редакции", None
    edition = editions.get(int(value)) if str(value).isdigit() else None
    if edition is None:
        raise Http404("Такой редакции нет.")
    return f"редакция {edition.number}, {edition.order_label}", edition.snapshot


def _comparison(request, program):
    """The two sides the query asks for; by default the draft against the latest edition, or
    the latest edition against the one before it."""
    editions = {e.number: e for e in program.editions.all()}
    state = edition_state(program)
    latest = state.latest.number if state.latest else 0
    default_to = DRAFT if (state.pending or not latest) else str(latest)
    default_from = str(latest if default_to == DRAFT else latest - 1)
    before_value = request.GET.get("from", default_from)
    after_value = request.GET.get("to", default_to)
    before_label, before = _side(program, editions, before_value)
    after_label, after = _side(program, editions, after_value)
    if after is None:
        raise Http404("Сравнивать не с чем.")
    return {
        "editions": sorted(editions.values(), key=lambda e: e.number),
        "before_value": before_value,
        "after_value": after_value,
        "before_label": before_label,
        "after_label": after_label,
        "changes": diff_snapshots(before, after),
    }


@login_required
def edition_changes(request, pk):
    program = access.program_for(request.user, pk)
    return render(
        request,
        "programs/edition_changes.html",
        {"program": program, **_comparison(request, program)},
    )


@login_required
def edition_changes_export(request, pk, fmt):
    program = access.program_for(request.user, pk)
    if fmt not in EXPORT_TYPES:
        raise Http404("Такого формата выгрузки нет.")
    from reports.builders.change_list import ChangeListData, change_list_docx, change_list_xlsx

    comparison = _comparison(request, program)
    data = ChangeListData(
        program_title=program.title,
        department=program.municipality.department_name or str(program.municipality),
        before_label=comparison["before_label"],
        after_label=comparison["after_label"],
        changes=comparison["changes"],
        made_on=timezone.localdate(),
    )
    build = change_list_docx if fmt == "docx" else change_list_xlsx
    response = HttpResponse(build(data), content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"Лист изменений — {program.title[:80]}.{fmt}"
    )
    return response
