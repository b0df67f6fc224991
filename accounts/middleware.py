from django.core.exceptions import PermissionDenied
from django.urls import resolve

from accounts.access import scope_of

# Self-service that even a read-only person needs: signing in and out, own password, own role.
SELF_SERVICE_URLS = {
    "login",
    "logout",
    "password_change",
    "password_reset",
    "password_reset_confirm",
    "switch_role",
}
# Ordering a file of what one may read changes no portal data: the regional справка is the
# observer's own report (its view lets only the region's observers and administrators order).
READ_ONLY_ORDERS = {"region_generated_reports"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class ReadOnlyRolesMiddleware:
    """Refuse every change from people whose roles only read (observers, users without a role).

    A second line of defence: each view checks its own rights too, but a view that forgets
    cannot let an observer write.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in SAFE_METHODS
            and request.user.is_authenticated
            and not scope_of(request.user).can_change_anything
            and resolve(request.path_info).url_name not in SELF_SERVICE_URLS | READ_ONLY_ORDERS
        ):
            raise PermissionDenied("Ваша роль позволяет только просматривать данные.")
        return self.get_response(request)
