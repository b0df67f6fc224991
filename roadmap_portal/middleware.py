"""Request-wide input hygiene."""

from django.http import QueryDict


def _has_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())


def _without_nul(data: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for key, values in data.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


def strip_nul_characters(get_response):
    """NUL characters never mean anything in the portal's text, and PostgreSQL refuses them in
    a query or a row (an error, a 500): they are dropped from the query string and form fields
    before any view, filter or form sees them."""

    def middleware(request):
        if "%00" in request.META.get("QUERY_STRING", "") and _has_nul(request.GET):
            request.GET = _without_nul(request.GET)
        if request.method == "POST" and _has_nul(request.POST):
            request.POST = _without_nul(request.POST)
        return get_response(request)

    return middleware
