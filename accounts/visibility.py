"""`.visible_to(user)` on the querysets access scopes (NetBox's `restrict()` idea): the rows of
this queryset the person may see. The rule itself lives only in accounts/access.py; this is the
door to it, so that a view reading `Program.objects.filter(...)` without `.visible_to(...)`
stands out in review."""

from django.db import models


class VisibleToQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts import access  # access imports the models built on this queryset

        return access.restrict(self, user)
