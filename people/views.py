"""The staff directory of a municipality and the curators of a program's target schools."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from accounts import access
from people.forms import CuratorForm, StaffMemberForm
from people.models import SchoolCurator, StaffMember
from schools.models import Municipality


@login_required
def staff_directory(request, pk):
    municipality = access.get_or_404(Municipality.objects.visible_to(request.user), pk=pk)
    can_edit = access.can_edit_municipality_content(request.user, municipality.pk)
    editing = None
    if edit_pk := request.GET.get("edit") or request.POST.get("edit"):
        editing = access.get_or_404(
            StaffMember.objects.filter(municipality=municipality),
            pk=edit_pk if str(edit_pk).isdigit() else 0,
        )
    form = StaffMemberForm(request.POST or None, instance=editing, municipality=municipality)
    if request.method == "POST":
        access.require(can_edit)
        if form.is_valid():
            member = form.save()
            messages.success(request, f"Сотрудник «{member.full_name}» сохранён в справочнике.")
            return redirect("staff_directory", pk=municipality.pk)
    return render(
        request,
        "people/staff_directory.html",
        {
            "municipality": municipality,
            "staff": StaffMember.objects.filter(municipality=municipality).select_related("user"),
            "form": form,
            "editing": editing,
            "can_edit": can_edit,
        },
        status=400 if form.errors else 200,
    )


@login_required
def program_curators(request, pk):
    program = access.program_for(request.user, pk)
    access.require(access.can_read_reports(request.user, program.municipality))
    can_edit = access.can_edit_program(request.user, program)
    form = CuratorForm(request.POST or None, program=program)
    if request.method == "POST":
        access.require(can_edit)
        if form.is_valid():
            with transaction.atomic():
                form.save()
            messages.success(request, "Кураторы школ сохранены.")
            return redirect("program_curators", pk=program.pk)
    curators = SchoolCurator.objects.filter(program=program).select_related("school", "curator")
    return render(
        request,
        "people/program_curators.html",
        {"program": program, "form": form, "curators": curators, "can_edit": can_edit},
        status=400 if form.errors else 200,
    )
