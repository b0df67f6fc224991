"""The main menu marks where the person is: `aria-current="page"` (and its look in CSS)."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_current(context, *prefixes):
    """` aria-current="page"` when the page's path is one of `prefixes` ("/" only for itself)."""
    request = context.get("request")
    path = request.path if request else ""
    here = any(path == "/" if prefix == "/" else path.startswith(prefix) for prefix in prefixes)
    return mark_safe(' aria-current="page"') if here else ""
