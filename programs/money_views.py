"""Financing of an activity by year and source: the specialist's editor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from accounts import access
from programs.forms import FinancingFormSet


@login_required
def activity_financing(request, pk):
    activity = access.activity_for(request.user, pk, to_edit=True)
    program = activity.section.program
    formset = FinancingFormSet(
        request.POST or None,
        instance=activity,
        form_kwargs={"program_years": program.years},
        prefix="financing",
    )
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        messages.success(request, "Финансирование сохранено.")
        return redirect("activity_detail", pk=activity.pk)
    return render(
        request,
        "programs/activity_financing.html",
        {"activity": activity, "program": program, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )
