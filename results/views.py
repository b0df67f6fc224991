from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh, retarget

from accounts import access
from accounts.audit import history_entries
from results.criteria import meeting_all
from results.drafts import ListDraft, ResultsDraft
from results.forms import (
    DecisionForm,
    IndicatorForm,
    IndicatorYearForm,
    ListDecisionForm,
    ListImportForm,
    ResultsUploadForm,
    SchoolValueForm,
    rule_forms,
)
from results.importing import Defaults, parse_list, parse_results
from results.models import (
    Assessment,
    Indicator,
    IndicatorYear,
    ListEntry,
    SchoolIndicatorValue,
)
from results.selectors import indicator_tables, result_rows_by_year
from results.services import (
    move_indicator,
    record_decision,
    save_indicator,
    save_results,
    save_value,
    school_record,
    school_refs,
    year_record,
)
from roadmap_portal.drafts import drop_draft, load_draft, save_draft
from schools.models import Municipality

PAGE = "results/indicators.html"


def _page_url(program, indicator_pk=None):
    url = reverse("program_indicators", args=[program.pk])
    return f"{url}#indicator-{indicator_pk}" if indicator_pk else url


@login_required
def program_indicators(request, pk):
    program = access.program_for(request.user, pk)
    school_ids = access.indicator_school_ids(request.user, program)
    return render(
        request,
        PAGE,
        {
            "program": program,
            "tables": indicator_tables(program, school_ids=school_ids),
            "can_edit": access.can_edit_program(request.user, program),
        },
    )


def _indicator_form_page(request, form, program, indicator=None):
    context = {"form": form, "program": program, "indicator": indicator}
    if request.htmx:
        return render(request, "results/indicator_form.html#form_card", context)
    status = 400 if form.errors else 200
    return render(request, "results/indicator_form.html", context, status=status)


def _after_save(request, url):
    return HttpResponseClientRefresh() if request.htmx else redirect(url)


@login_required
def indicator_create(request, pk):
    program = access.program_for(request.user, pk, to_edit=True)
    form = IndicatorForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        indicator = save_indicator(form)
        messages.success(request, f"Показатель «{indicator}» добавлен.")
        return _after_save(request, _page_url(program, indicator.pk))
    return _indicator_form_page(request, form, program)


@login_required
def indicator_edit(request, pk):
    indicator = access.indicator_for(request.user, pk, to_edit=True)
    program = indicator.program
    form = IndicatorForm(request.POST or None, instance=indicator, program=program)
    if request.method == "POST" and form.is_valid():
        save_indicator(form)
        messages.success(request, "Показатель сохранён.")
        return _after_save(request, _page_url(program, indicator.pk))
    return _indicator_form_page(request, form, program, indicator)


@login_required
def indicator_delete(request, pk):
    indicator = access.indicator_for(request.user, pk, to_edit=True)
    program = indicator.program
    if request.method == "POST":
        indicator.delete()
        messages.success(request, f"Показатель «{indicator}» удалён.")
        return redirect(_page_url(program))
    return render(
        request,
        "results/indicator_confirm_delete.html",
        {"indicator": indicator, "program": program},
    )


@login_required
@require_POST
def indicator_move(request, pk):
    indicator = access.indicator_for(request.user, pk, to_edit=True)
    move_indicator(indicator, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(_page_url(indicator.program, indicator.pk))


def _block(request, indicator, program):
    """The indicator's whole block again: its judgements change with any of its values."""
    school_ids = access.indicator_school_ids(request.user, program)
    table = next(
        t for t in indicator_tables(program, school_ids=school_ids) if t.indicator == indicator
    )
    response = render(
        request, f"{PAGE}#indicator_block", {"table": table, "program": program, "can_edit": True}
    )
    return retarget(response, f"#indicator-{indicator.pk}")


def _edit_value(request, indicator, record, form_class, cell_id, title):
    program = indicator.program
    form = form_class(request.POST or None, instance=record, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        save_value(form, request.user)
        if request.htmx:
            return _block(request, indicator, program)
        messages.success(request, "Значение сохранено.")
        return redirect(_page_url(program, indicator.pk))
    context = {
        "form": form,
        "program": program,
        "indicator": indicator,
        "cell_id": cell_id,
        "as_row": cell_id.startswith("iy-"),
        "title": title,
    }
    if request.htmx:
        return render(request, f"{PAGE}#value_form", context)
    status = 400 if form.errors else 200
    return render(request, "results/value_form.html", context, status=status)


def _program_year(program, year):
    found = next((py for py in program.years if py.year == year), None)
    if found is None:
        raise Http404("В программе нет такого года.")
    return found


@login_required
def indicator_year_edit(request, pk, year):
    indicator = access.indicator_for(request.user, pk, to_edit=True)
    program_year = _program_year(indicator.program, year)
    return _edit_value(
        request,
        indicator,
        year_record(indicator, year),
        IndicatorYearForm,
        f"iy-{indicator.pk}-{year}",
        f"{indicator}: {program_year.label}",
    )


@login_required
def school_value_edit(request, pk, school_pk, year):
    indicator = access.indicator_for(request.user, pk, to_edit=True)
    program = indicator.program
    program_year = _program_year(program, year)
    school = access.get_or_404(program.target_schools.all(), pk=school_pk)
    if not indicator.is_school_level:
        raise Http404("Показатель задан для программы в целом, не по школам.")
    return _edit_value(
        request,
        indicator,
        school_record(indicator, school.pk, year),
        SchoolValueForm,
        f"sv-{indicator.pk}-{school.pk}-{year}",
        f"{indicator}: {school}, {program_year.label}",
    )


# --- Assessment results import: upload → preview → confirm -----------------------------------


def _parsed(request, draft):
    refs = school_refs(access.importable_schools(request.user))
    return parse_results(draft.data, refs, draft.defaults, filename=draft.filename)


@login_required
def results_import(request):
    access.require(access.can_import_results(request.user))
    form = ResultsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        draft = ResultsDraft(
            user_id=request.user.pk,
            filename=upload.name,
            data=upload.read(),
            defaults=Defaults(
                year=form.cleaned_data["year"],
                assessment=form.cleaned_data["assessment"] or None,
                grade=form.cleaned_data["grade"],
            ),
        )
        return redirect("results_import_preview", token=save_draft(draft))
    status = 400 if form.errors else 200
    return render(request, "results/import_start.html", {"form": form}, status=status)


PREVIEW_ROWS = 50
ASSESSMENTS = dict(Assessment.choices)


@login_required
def results_import_preview(request, token):
    access.require(access.can_import_results(request.user))
    draft = load_draft(token, request.user, ResultsDraft)
    if draft is None:
        raise Http404("Загрузка не найдена или устарела: загрузите файл снова.")
    parsed = _parsed(request, draft)
    if request.method == "POST" and parsed.ok:
        if parsed.name_matches and not request.POST.get("accept_name_matches"):
            messages.error(request, "Подтвердите школы, найденные по названию, или исправьте файл.")
        else:
            added, replaced = save_results(parsed.lines, request.user)
            drop_draft(token, ResultsDraft)
            messages.success(request, f"Результаты загружены: новых {added}, заменено {replaced}.")
            return redirect("results_import")
    schools = dict(
        access.importable_schools(request.user)
        .filter(pk__in={line.school_id for line in parsed.lines[:PREVIEW_ROWS]})
        .values_list("pk", "name")
    )
    return render(
        request,
        "results/import_preview.html",
        {
            "draft": draft,
            "parsed": parsed,
            "preview": [
                (line, schools.get(line.school_id), ASSESSMENTS.get(line.assessment))
                for line in parsed.lines[:PREVIEW_ROWS]
            ],
            "token": token,
        },
        status=400 if request.method == "POST" and not parsed.ok else 200,
    )


# --- The target list: candidates by criteria → a decision ------------------------------------


@login_required
def list_candidates(request, pk):
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    can_edit = access.can_edit_municipality_content(request.user, municipality.pk)
    if request.method == "POST":
        access.require(can_edit)
    forms_ = rule_forms(request.GET)
    used = [form for form in forms_ if form.is_bound]
    searching = bool(used) and all(form.is_valid() for form in used)
    rules, found = [], []
    if searching:
        searches = []
        for form in used:
            rule, data = form.rule(), form.cleaned_data
            rows = result_rows_by_year(
                municipality.schools.all(),
                assessment=data["assessment"],
                measure=data["measure"],
                years=rule.years,
                subject=data["subject"],
                grade=data["grade"],
            )
            rules.append(rule)
            searches.append((rule, rows))
        found = meeting_all(searches)
    schools = municipality.schools.in_bulk([match.school_id for match in found])
    decision_form = DecisionForm(request.POST or None, prefix="decision")
    chosen = set()
    if request.method == "POST":
        chosen = {m.school_id for m in found if str(m.school_id) in request.POST.getlist("school")}
        if not chosen:
            messages.error(request, "Отметьте хотя бы одну школу для решения.")
        elif decision_form.is_valid():
            decision = decision_form.save(commit=False)
            decision.municipality = municipality
            decision.created_by = request.user
            data = decision_form.cleaned_data
            entries = [
                ListEntry(
                    school=schools[match.school_id],
                    is_shnor=data["is_shnor"],
                    is_shnsu=data["is_shnsu"],
                    cohort=data["cohort"],
                    reason=match.reason(rules),
                )
                for match in found
                if match.school_id in chosen
            ]
            record_decision(decision, entries)
            messages.success(request, f"Решение записано: {decision}; школ: {len(entries)}.")
            return redirect("list_decisions", pk=municipality.pk)
    return render(
        request,
        "results/candidates.html",
        {
            "municipality": municipality,
            "rule_forms": forms_,
            "rules": rules,
            "found": [
                (schools[match.school_id], list(zip(rules, match.found, strict=True)))
                for match in found
            ],
            "decision_form": decision_form,
            "chosen": chosen,
            "can_edit": can_edit,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def list_decisions(request, pk):
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    decisions = municipality.list_decisions.prefetch_related(
        Prefetch("entries", queryset=ListEntry.objects.select_related("school"))
    )
    return render(
        request,
        "results/decisions.html",
        {"municipality": municipality, "decisions": decisions},
    )


@login_required
def indicator_history(request, pk):
    """Who entered what and when: the indicator, its years and its schools' values."""
    indicator = access.indicator_for(request.user, pk)
    school_ids = access.indicator_school_ids(request.user, indicator.program)
    school_values = SchoolIndicatorValue.history.filter(indicator_id=indicator.pk)
    if school_ids is not None:
        school_values = school_values.filter(school_id__in=school_ids)
    entries = history_entries(
        Indicator.history.filter(id=indicator.pk),
        IndicatorYear.history.filter(indicator_id=indicator.pk),
        school_values,
    )
    return render(
        request,
        "results/indicator_history.html",
        {"indicator": indicator, "program": indicator.program, "entries": entries},
    )


def _list_draft(request, municipality, token):
    draft = load_draft(token, request.user, ListDraft)
    if draft is None or draft.municipality_id != municipality.pk:
        raise Http404("Загрузка перечня не найдена или устарела: загрузите файл снова.")
    return draft


@login_required
def list_import(request, pk):
    """A target list from a spreadsheet: upload, then check the rows before they are recorded."""
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    access.require(access.can_edit_municipality_content(request.user, municipality.pk))
    form = ListImportForm(request.POST or None, request.FILES or None)
    parsed = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        parsed = parse_list(data, school_refs(municipality.schools.all()), filename=upload.name)
        if not parsed.errors:
            draft = ListDraft(
                request.user.pk, municipality.pk, upload.name, data, form.decision_data()
            )
            return redirect("list_import_preview", pk=municipality.pk, token=save_draft(draft))
    bad = request.method == "POST" and (form.errors or (parsed and parsed.errors))
    return render(
        request,
        "results/list_import.html",
        {"municipality": municipality, "form": form, "parsed": parsed},
        status=400 if bad else 200,
    )


@login_required
def list_import_preview(request, pk, token):
    """The list as read, and its decision: recorded as one whole on confirmation, or nothing."""
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    access.require(access.can_edit_municipality_content(request.user, municipality.pk))
    draft = _list_draft(request, municipality, token)
    schools = municipality.schools.all()
    parsed = parse_list(draft.data, school_refs(schools), filename=draft.filename)
    decision_form = ListDecisionForm(draft.decision)
    decision_ok = decision_form.is_valid()
    if request.method == "POST" and decision_ok and not parsed.errors:
        if parsed.name_matches and not request.POST.get("accept_name_matches"):
            messages.error(
                request,
                f"Школ, найденных по названию: {len(parsed.name_matches)}. Проверьте их и "
                "отметьте, что они верны, или исправьте файл.",
            )
        else:
            decision = decision_form.save(commit=False)
            decision.municipality = municipality
            decision.created_by = request.user
            reason = f"перечень из файла «{draft.filename}»"
            entries = [
                ListEntry(
                    school_id=line.school_id,
                    action=ListEntry.Action.EXIT if line.leaves else ListEntry.Action.ENTER,
                    is_shnor=line.is_shnor and not line.leaves,
                    is_shnsu=line.is_shnsu and not line.leaves,
                    cohort="" if line.leaves else line.cohort,
                    reason=line.reason or reason,
                )
                for line in parsed.lines
            ]
            record_decision(decision, entries)
            drop_draft(token, ListDraft)
            messages.success(request, f"Перечень записан: {decision}; школ: {len(entries)}.")
            return redirect("list_decisions", pk=municipality.pk)
    names = dict(
        schools.filter(pk__in={line.school_id for line in parsed.lines}).values_list("pk", "name")
    )
    return render(
        request,
        "results/list_import_preview.html",
        {
            "municipality": municipality,
            "draft": draft,
            "parsed": parsed,
            "decision_form": decision_form,
            "decision": decision_form.instance if decision_ok else None,
            "lines": [(line, names.get(line.school_id)) for line in parsed.lines],
        },
        status=400 if request.method == "POST" else 200,
    )
