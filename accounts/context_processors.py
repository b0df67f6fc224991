from accounts.roles import active_membership


def active_role(request):
    """The role the user works in now, and the others they can switch to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    active, memberships = active_membership(request)
    return {"active_membership": active, "memberships": memberships}
