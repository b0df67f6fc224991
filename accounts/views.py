from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import access
from accounts.forms import MembershipForm
from accounts.models import Membership
from accounts.roles import switch_to
from roadmap_portal.params import int_or_none
from schools.models import Municipality


@login_required
@require_POST
def switch_role(request):
    membership_id = int_or_none(request.POST.get("membership"))
    if membership_id is None or not switch_to(request, membership_id):
        messages.error(request, "Такой роли у вас нет.")
    return redirect("home")


def _memberships_in(municipality):
    """The roles held in a municipality: its own staff and the heads of its schools."""
    return Membership.objects.filter(
        Q(municipality=municipality) | Q(school__municipality=municipality)
    )


def _municipality_in_scope(user, pk):
    return access.get_or_404(Municipality.objects.visible_to(user), pk=pk)


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
    memberships = _memberships_in(municipality).select_related("user", "school", "municipality")
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
    membership = get_object_or_404(_memberships_in(municipality), pk=membership_pk)
    membership.delete()
    messages.success(request, f"Роль снята: {membership.user.username} — {membership}.")
    return redirect("municipality_roles", pk=municipality.pk)
