"""The history reads as people write: names instead of ids, local time «ДД.ММ.ГГГГ ЧЧ:ММ», field
labels, Russian numbers; versions and other bookkeeping are not shown."""

import re
from datetime import UTC, datetime
from decimal import Decimal

from django.urls import reverse

from tests.accounts_tests.test_access_matrix import school_report_of_a


def test_report_history_shows_names_local_time_and_russian_numbers(cast, client, settings):
    settings.TIME_ZONE = "Europe/Moscow"
    coordinator = cast.users["coordinator_a"]
    coordinator.first_name, coordinator.last_name = "Анна", "Петрова"
    coordinator.save()
    report = school_report_of_a(cast, status="submitted")
    report.actual_value = Decimal("84")
    report.save()
    report.status = "accepted"
    report.actual_value = Decimal("84.5")
    report.reviewed_by = coordinator
    report.reviewed_at = datetime(2026, 11, 30, 21, 5, 7, 123456, tzinfo=UTC)
    report.version += 1
    report._history_user = coordinator
    report.save()

    cast.client_for(client, "coordinator_a")
    page = client.get(reverse("school_report_detail", kwargs={"pk": report.pk})).content.decode()
    history = page[page.index('class="history"') :]
    assert "<b>Проверил</b>: — → Анна Петрова" in history
    assert "<b>Фактическое значение</b>: 84 → 84,5" in history
    assert "<b>Проверен</b>: — → 01.12.2026 00:05" in history  # Moscow time, no seconds
    assert "Версия" not in history and "Изменён" not in history
    assert re.search(
        r'data-label="Когда">\d\d\.\d\d\.\d{4} \d\d:\d\d</td>\s*<td data-label="Кто">Анна Петрова',
        history,
    )
