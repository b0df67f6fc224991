"""Login lockout on top of django-axes: by username and IP together (one person's typos lock
only that login from that address), and by IP alone at a higher limit (one address trying one
password on many logins is stopped too).

The IP is the client's as the outermost of TRUSTED_PROXY_COUNT (env AXES_PROXY_COUNT) proxies
saw it: the entry that many places from the right of X-Forwarded-For (each proxy appends the
address it was called from). Entries further left were written by the client and can be
anything. django-ipware was tried and not taken: with a proxy count it returns the left-most
entry, which a client forges ("X-Forwarded-For: 6.6.6.6" would have locked, or escaped, any
address at will).
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def client_ip(request) -> str | None:
    """The client's address behind the configured proxies (AXES_CLIENT_IP_CALLABLE)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    address = request.META.get("REMOTE_ADDR")
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        address = forwarded[-proxies] if len(forwarded) >= proxies else None
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def failures_from_address(request) -> int:
    """Failed logins from the client's address across all usernames, within the cool-off."""
    address = client_ip(request)
    attempts = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=timezone.now() - get_cool_off(request)
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PortalAxesHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """Failures by username + IP; an address over AXES_IP_FAILURE_LIMIT counts as at the
        limit whatever the username (axes decides and records lockouts from this count)."""
        failures = super().get_failures(request, credentials)
        if failures_from_address(request) >= settings.AXES_IP_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures
