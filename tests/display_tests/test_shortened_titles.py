"""Titles in long lists are shortened as Django's `truncatechars` shortens them; a short one is
shown as it is without being walked through."""

import pytest
from django.template.defaultfilters import truncatechars

from display.formats import shortened


@pytest.mark.parametrize("text", ["", "Программа", "М" * 60, "М" * 61, "Мероприятие " * 20])
def test_shortened_as_truncatechars(text):
    assert shortened(text, 60) == truncatechars(text, 60)
