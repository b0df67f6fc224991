"""Template filters of the PDF reports: their names for the one display module (display.formats)."""

from django import template

from display import formats
from programs.status import STATUS_ICONS

register = template.Library()

register.filter("ru_number", formats.format_number)
register.filter("ru_signed", formats.format_signed)
register.filter("ru_percent", formats.format_percent)
register.filter("ru_date", formats.format_date_long)
register.filter("ru_date_short", formats.format_date_short)


@register.filter
def status_icon(status: str) -> str:
    """The status symbol beside its label, so that print in grey still tells statuses apart."""
    return STATUS_ICONS.get(status, "")
