"""Headers on every response and the request id that log lines carry."""

import re
import uuid

from django.conf import settings

from ops.logs import request_id_var

# An id handed in by the proxy (nginx's $request_id) is kept if it looks like one.
ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if ACCEPTABLE_ID.match(incoming) else uuid.uuid4().hex
        # Kept until the response is finished (ops.logs): Django logs a 4xx/5xx response
        # after the middleware chain has returned, and that line needs the id too.
        request_id_var.set(request.id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response


class PermissionsPolicyMiddleware:
    """The browser features the portal never uses stay off (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
