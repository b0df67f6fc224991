"""Template filters for how things are shown (`{% load display %}`): thin names over
display.formats, so pages, PDFs and exports write years, numbers, dates and people alike."""

from django import template
from django.template.defaultfilters import stringfilter

from display import formats
from programs.status import STATUS_ICONS, STATUS_LABELS

register = template.Library()

register.filter("year", formats.format_year)
register.filter("number", formats.format_number)
register.filter("signed", formats.format_signed)
register.filter("percent", formats.format_percent)
# Not «date»: that is Django's own filter, which pages still use for their own formats.
register.filter("date_long", formats.format_date_long)
register.filter("date_short", formats.format_date_short)
register.filter("datetime", formats.format_datetime)
register.filter("person", formats.format_person)
register.filter("executors", formats.activity_executors)
register.filter("shortened", stringfilter(formats.shortened), is_safe=True)


@register.filter
def status_icon(status: str) -> str:
    """The status symbol beside its label, so that print in grey still tells statuses apart."""
    return STATUS_ICONS.get(status, "")


@register.simple_tag
def status_legend() -> list[tuple[str, str]]:
    """(symbol, label) of every execution status, for the legend beside a roadmap."""
    return [(icon, STATUS_LABELS[status]) for status, icon in STATUS_ICONS.items()]
