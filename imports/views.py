from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django_htmx.http import HttpResponseClientRedirect

from accounts import access
from imports.changes import roadmap_changes
from imports.drafts import FAILED, PARSING, ImportDraft, parse_draft
from imports.forms import UploadForm, column_choices, column_map_from
from imports.parsing import RoadmapParseError
from imports.selectors import current_roadmap_tree
from imports.services import (
    ImportRefused,
    import_roadmap,
    other_municipality,
    proposed_parties,
    roadmap_period,
    roadmap_tree,
    unmatched_executors,
)
from imports.tasks import parse_draft_task
from outbox.services import enqueue
from programs.periods import Period, period_errors, period_label
from reports.selectors import official_roadmap_data
from roadmap_portal.drafts import drop_draft, load_draft, save_draft

PREVIEW_ACTIVITIES = 500


def _editable(user):
    municipalities = access.editable_municipalities(user)
    access.require(municipalities.exists())
    return municipalities


@login_required
def import_start(request):
    municipalities = _editable(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        program = data["program"]
        draft = ImportDraft(
            user_id=request.user.pk,
            filename=upload.name if upload else "",
            data=upload.read() if upload else data["text"].encode("utf-8"),
            municipality_id=program.municipality_id if program else data["municipality"].pk,
            program_id=program.pk if program else None,
            title=data["title"],
        )
        if upload and upload.size > settings.IMPORT_WORKER_THRESHOLD_BYTES:
            return _parse_in_worker(draft)
        try:
            parse_draft(draft)
        except RoadmapParseError as error:
            form.add_error("file" if upload else "text", error.message)
        else:
            return redirect("import_preview", token=save_draft(draft))
    return render(request, "imports/start.html", {"form": form}, status=400 if form.errors else 200)


def _parse_in_worker(draft: ImportDraft):
    """A large file is parsed by the worker; the preview page waits for it."""
    draft.state = PARSING
    token = save_draft(draft)
    enqueue(parse_draft_task, token)
    return redirect("import_preview", token=token)


@login_required
def import_preview(request, token):
    municipalities = _editable(request.user)
    draft = load_draft(token, request.user, ImportDraft)
    if draft is None:
        raise Http404("Загрузка не найдена или устарела: загрузите документ ещё раз.")
    municipality = municipalities.filter(pk=draft.municipality_id).first()
    if municipality is None:
        raise Http404("Муниципалитет загрузки вам недоступен.")
    if draft.state in (PARSING, FAILED):
        template = "imports/parsing.html#status" if request.htmx else "imports/parsing.html"
        return render(request, template, {"token": token, "draft": draft, "FAILED": FAILED})
    if request.htmx:  # the waiting page polled and the file is parsed: show the whole preview
        return HttpResponseClientRedirect(request.path)
    query = request.POST if request.method == "POST" else request.GET
    first_pass = draft.roadmap or parse_draft(draft)
    column_map = column_map_from(query, first_pass.columns)
    roadmap = parse_draft(draft, column_map) if column_map else first_pass
    errors = []
    period = roadmap_period(roadmap)
    other = other_municipality(roadmap, municipality, municipalities)
    target = _draft_program(request.user, draft)
    as_edition = target is not None and target.status != target.Status.DRAFT
    if request.method == "POST" and request.POST.get("action") == "confirm":
        chosen = set(request.POST.getlist("new_party"))
        if not as_edition:  # a new edition keeps the program's period
            period, errors = _chosen_period(request.POST, period)
        try:
            if errors:
                raise ImportRefused(" ".join(errors))
            if other is not None:
                municipality = _chosen_municipality(request.POST, municipality, other, draft)
            result = import_roadmap(
                roadmap,
                municipality=municipality,
                program=target,
                title=request.POST.get("title", "").strip()[:500] or draft.title,
                new_parties=[n for n in unmatched_executors(roadmap, municipality) if n in chosen],
                period=period,
                filename=draft.filename,
            )
        except (ImportRefused, ValidationError) as error:
            errors = error.messages if isinstance(error, ValidationError) else [str(error)]
        else:
            drop_draft(token, ImportDraft)
            if result.program.status == result.program.Status.DRAFT:
                outcome = "Программа сохранена как черновик."
            else:
                outcome = (
                    "Изменения — неутверждённая редакция программы: утвердите её приказом "
                    "на странице редакций."
                )
            messages.success(
                request, f"Дорожная карта загружена: мероприятий — {result.activities}. {outcome}"
            )
            return redirect("program_detail", pk=result.program.pk)
    return render(
        request,
        "imports/preview.html",
        {
            "token": token,
            "draft": draft,
            "roadmap": roadmap,
            "municipality": municipality,
            "period": period,
            "period_label": period_label(period.start_year, period.end_year, period.school_year),
            "columns": list(enumerate(roadmap.columns)),
            "column_choices": column_choices(first_pass.columns),
            "unmatched": proposed_parties(roadmap, municipality),
            "other_municipality": other,
            "changes": _changes(target, roadmap),
            "target_program": target,
            "as_edition": as_edition,
            "preview_limit": PREVIEW_ACTIVITIES,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def _chosen_period(data, detected: Period) -> tuple[Period, list[str]]:
    """The program period the person confirmed on the preview page (the detected one by default)."""
    try:
        start = int(data.get("start_year", detected.start_year))
        end = int(data.get("end_year", detected.end_year))
    except (TypeError, ValueError):
        return detected, ["Годы периода — это числа, например 2024 и 2026."]
    period = Period(start, end, detected.school_year)
    if not 2000 <= start <= 2100 or not 2000 <= end <= 2100:
        return period, ["Укажите годы периода между 2000 и 2100."]
    return period, period_errors(start, end, detected.school_year)


def _changes(program, roadmap):
    """What the import would change in the program it replaces (None for a new program)."""
    if program is None:
        return None
    return roadmap_changes(current_roadmap_tree(program), roadmap_tree(roadmap))


def _chosen_municipality(data, municipality, other, draft):
    """Where the person chose to import a document naming another municipality."""
    choice = data.get("municipality_choice")
    if choice == "document" and other.match is not None and not draft.program_id:
        return other.match
    if choice == "chosen":
        return municipality
    raise ImportRefused(
        f"В документе указан муниципалитет «{other.name}», а программа загружается в "
        f"«{municipality}». Выберите, куда загрузить программу."
    )


def _draft_program(user, draft):
    return access.program_for(user, draft.program_id, to_edit=True) if draft.program_id else None


EXPORT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def program_export(request, pk, fmt):
    """The roadmap in its official table form, to hand out or to edit in Word or Excel."""
    program = access.program_for(request.user, pk)
    if fmt not in EXPORT_TYPES:
        raise Http404("Такого формата выгрузки нет.")
    from reports.services import builder_for

    content = builder_for("roadmap", fmt)(official_roadmap_data(program))
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"Дорожная карта — {program.title[:80]}.{fmt}"
    )
    return response
