"""Template filters of the PDF reports: their names for the one display module (display.formats)."""

from django import template

from display import formats

register = template.Library()

register.filter("ru_number", formats.format_number)
