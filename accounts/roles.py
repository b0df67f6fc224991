"""The role a person works in right now, chosen with the role switcher."""

from accounts.models import Membership

SESSION_KEY = "active_membership_id"


def memberships_of(user):
    """The user's roles, the first assigned first: it is the default working role. Read once
    per request: cached on the user object, which the scope (accounts/access.py) is built from
    too."""
    cached = getattr(user, "_portal_memberships", None)
    if cached is None:
        memberships = Membership.objects.filter(user=user).order_by("pk")
        cached = user._portal_memberships = list(
            memberships.select_related("municipality", "school", "region")
        )
    return cached


def active_membership(request):
    """(the active membership or None, all memberships); cached for the request."""
    cached = getattr(request, "_active_membership", None)
    if cached is not None:
        return cached
    memberships = memberships_of(request.user)
    chosen_id = request.session.get(SESSION_KEY)
    active = next((m for m in memberships if m.pk == chosen_id), None)
    if active is None and memberships:
        active = memberships[0]
    request._active_membership = (active, memberships)
    return request._active_membership


def switch_to(request, membership_id) -> bool:
    if not Membership.objects.filter(pk=membership_id, user=request.user).exists():
        return False
    request.session[SESSION_KEY] = membership_id
    request.__dict__.pop("_active_membership", None)
    return True
