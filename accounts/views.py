from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import access
from accounts.forms import MembershipForm
from accounts.models import Membership
from accounts.roles import switch_to


@login_required
@require_POST
def switch_role(request):
    try:
        membership_id = int(request.POST.get("membership", ""))
    except ValueError:
        membership_id = None
    if membership_id is None or not switch_to(request, membership_id):
        messages.error(request, "Такой роли у вас нет.")
    return redirect("home")


def _municipality_in_scope(user, pk):
    return access.get_or_404(access.visible_municipalities(user), pk=pk)


@login_required
def municipality_roles(request, pk):
    municipality = _municipality_in_scope(request.user, pk)
    can_manage = access.can_manage_roles(request.user, municipality.pk)
    form = None
    if request.method == "POST":
        access.require(can_manage)
        form = MembershipForm(request.POST, municipality=municipality)
        if form.is_valid():
            membership = form.save()
            messages.success(request, f"Роль назначена: {membership.user.username} — {membership}.")
            return redirect("municipality_roles", pk=municipality.pk)
    elif can_manage:
        form = MembershipForm(municipality=municipality)
    memberships = (
        Membership.objects.filter(municipality=municipality)
        | Membership.objects.filter(school__municipality=municipality)
    ).select_related("user", "school", "municipality")
    return render(
        request,
        "accounts/municipality_roles.html",
        {
            "municipality": municipality,
            "memberships": memberships.order_by("user__username", "role"),
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def remove_role(request, pk, membership_pk):
    municipality = _municipality_in_scope(request.user, pk)
    access.require(access.can_manage_roles(request.user, municipality.pk))
    in_municipality = Membership.objects.filter(
        municipality=municipality
    ) | Membership.objects.filter(school__municipality=municipality)
    membership = get_object_or_404(in_municipality, pk=membership_pk)
    membership.delete()
    messages.success(request, f"Роль снята: {membership.user.username} — {membership}.")
    return redirect("municipality_roles", pk=municipality.pk)
