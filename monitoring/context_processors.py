from functools import cached_property

from accounts.models import Role
from accounts.roles import active_membership
from monitoring.models import Notification

REVIEWER_ROLES = frozenset({Role.ADMIN, Role.SPECIALIST, Role.COORDINATOR, Role.OBSERVER})


class UnreadNotifications:
    """Counted only when a page shows it, and once per page."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def count(self):
        return Notification.objects.filter(user=self.user, is_read=False).count()


def school_reports_nav(request):
    """Which school-report links the menu shows, and the unread notifications."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    _active, memberships = active_membership(request)
    roles = {membership.role for membership in memberships}
    return {
        "nav_is_school_head": Role.HEAD in roles,
        "nav_is_reviewer": user.is_superuser or bool(roles & REVIEWER_ROLES),
        "unread_notifications": UnreadNotifications(user),
    }
