"""Every refused report or upload says why in Russian and leaves nothing behind: no report row,
no file row, no file in MEDIA_ROOT."""

import pytest
from django.test import override_settings
from django.urls import reverse

from monitoring import services
from monitoring.models import EvidenceFile, SchoolReport
from monitoring.targets import report_target
from tests.monitoring_tests import files
from tests.monitoring_tests.conftest import report_data, review_data, stored_files


def assert_nothing_stored(media_root):
    assert not SchoolReport.objects.exists()
    assert not EvidenceFile.objects.exists()
    assert stored_files(media_root) == []


def refused(client, url, data, expected_message, status=400):
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == status
    assert expected_message in page, page[-4000:]
    return page


# (file, the words of the Russian message)
BAD_FILES = {
    "elf renamed to pdf": (
        files.elf,
        "по содержимому это исполняемая программа, а не документ PDF",
    ),
    "windows exe renamed to pdf": (
        files.windows_exe,
        "по содержимому это исполняемая программа Windows, а не документ PDF",
    ),
    "html renamed to docx": (
        files.html,
        "по содержимому это файл неизвестного или текстового формата, а не документ Word",
    ),
    "zip bomb named xlsx": (files.zip_bomb, "возможна «zip-бомба»"),
    "docx named xlsx": (lambda: files.docx("Таблица.xlsx"), "это документ Word (DOCX), а не"),
    "unknown extension": (
        lambda: files.pdf("Скрипт.exe"),
        "такие файлы не принимаются. Допустимы PDF, DOCX, XLSX, ODT, JPG и PNG",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_and_nothing_is_stored(world, client, media_root, case):
    make, message = BAD_FILES[case]
    client.force_login(world.head)
    data = report_data(text="Проведено", files=[(files.pdf(), "order"), (make(), "other")])
    refused(client, world.start_url(), data, message)
    assert_nothing_stored(media_root)


@override_settings(EVIDENCE_MAX_UNCOMPRESSED_BYTES=10 * 1024 * 1024)
def test_a_bomb_within_the_ratio_but_over_the_unpacked_limit_is_refused(world, client, media_root):
    client.force_login(world.head)
    data = report_data(text="Проведено", files=[(files.zip_bomb(), "other")])
    refused(client, world.start_url(), data, "распаковывается в 30,0 МБ")
    assert_nothing_stored(media_root)


def test_an_oversized_file_is_refused(world, client, media_root, settings):
    settings.EVIDENCE_MAX_BYTES = 1000
    client.force_login(world.head)
    data = report_data(text="Проведено", files=[(files.pdf(size=2000), "order")])
    refused(client, world.start_url(), data, "весит 2,0 КБ, а допускается не больше 1000 байт")
    assert_nothing_stored(media_root)


def with_order(**fields):
    return report_data(text="Проведено", files=[(files.pdf(), "order")], **fields)


# (the POST, the words of the Russian message)
BAD_REPORTS = {
    "file without a kind": (
        lambda: report_data(text="Проведено", files=[(files.pdf(), "")]),
        "Выберите вид документа",
    ),
    "empty, sent": (lambda: report_data(action="submit"), "Отчёт пуст"),
    "empty, kept as a draft": (lambda: report_data(action="draft"), "Отчёт пуст"),
    "sent without a description": (
        lambda: report_data(value="3", files=[(files.pdf(), "order")]),
        "опишите, что сделано",
    ),
    "value not a number": (
        lambda: with_order(value="три"),
        "Фактическое значение должно быть числом",
    ),
    "negative value": (lambda: with_order(value="-2"), "не может быть отрицательным"),
    "date ahead": (
        lambda: with_order(done_on="2099-01-01"),
        "не может быть позже сегодняшнего дня",
    ),
    "date before the year": (
        lambda: with_order(done_on="2019-05-01"),
        "раньше начала года программы",
    ),
    "impossible date": (lambda: with_order(done_on="31.02.2021"), "Укажите дату проведения"),
}


@pytest.mark.parametrize("case", BAD_REPORTS)
def test_bad_reports_are_refused_and_nothing_is_stored(world, client, media_root, case):
    make_data, message = BAD_REPORTS[case]
    client.force_login(world.head)
    refused(client, world.start_url(), make_data(), message)
    assert_nothing_stored(media_root)


def test_a_report_for_an_activity_not_involving_the_school_is_refused(world, client, media_root):
    client.force_login(world.head)
    data = with_order()
    url = world.start_url(activity=world.documents)
    refused(client, url, data, "не участвует в мероприятии")
    assert_nothing_stored(media_root)


def test_a_report_for_a_year_the_activity_is_not_planned_is_refused(world, client, media_root):
    client.force_login(world.head)
    data = with_order()
    url = world.start_url(activity=world.conference, year=2021)  # 2.4 starts in 2022
    refused(client, url, data, "не запланировано")
    refused(client, world.start_url(year=2030), data, "В программе нет 2030 года")
    refused(client, world.start_url(period="2021-03-31"), data, "нет такого отчётного периода")
    assert_nothing_stored(media_root)


def test_a_report_for_a_closed_year_is_refused(world, client, media_root):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("year_closure", args=[world.program.pk, 2021]), {"action": "close"}
    )
    assert response.status_code == 302
    client.force_login(world.head)
    refused(client, world.start_url(), with_order(), "2021 год программы закрыт координатором")
    assert_nothing_stored(media_root)


def test_files_saved_before_a_failure_are_removed(world, client, media_root, monkeypatch):
    """A failure after the files reached the disk (here: the notification) leaves none."""

    def broken(*args, **kwargs):
        raise RuntimeError("сбой уведомления")

    monkeypatch.setattr(services, "notify", broken)
    client.raise_request_exception = False
    client.force_login(world.head)
    data = report_data(text="Проведено", files=[(files.pdf(), "order"), (files.png(), "photo")])
    assert client.post(world.start_url(), data).status_code == 500
    assert_nothing_stored(media_root)


def test_a_second_report_for_the_same_period_is_refused(world, client, media_root):
    client.force_login(world.head)
    client.post(world.start_url(), report_data(text="Первый", action="draft"))
    report = SchoolReport.objects.get()
    target = report_target(world.contracts, world.school, 2021, None, report.created_at.date())
    with pytest.raises(services.ReportConflict, match="уже создан"):
        services.create_report(
            user=world.head,
            target=target,
            fields={"text": "Второй", "actual_value": None, "done_on": None},
            uploads=[],
            submit=False,
        )
    assert SchoolReport.objects.count() == 1


def test_a_coordinator_must_say_why_a_report_is_returned(world, client, media_root):
    client.force_login(world.head)
    client.post(world.start_url(), report_data(text="Проведено", files=[(files.pdf(), "order")]))
    report = SchoolReport.objects.get()
    evidence = report.files.get()
    client.force_login(world.coordinator)
    url = reverse("school_report_review", args=[report.pk])
    refused(client, url, review_data(report, "return"), "напишите рекомендации школе")
    refused(
        client,
        url,
        review_data(report, "files", files={evidence.pk: ("rejected", "", "")}),
        "Укажите причину отклонения файла",
    )
    refused(
        client,
        url,
        review_data(report, "files", files={evidence.pk: ("rejected", "other", "")}),
        "Для причины «другое» напишите пояснение",
    )
    refused(
        client,
        url,
        review_data(report, "accept", files={evidence.pk: ("rejected", "unreadable", "")}),
        "Отчёт с отклонёнными файлами нельзя принять",
    )
    report.refresh_from_db()
    evidence.refresh_from_db()
    assert report.status == "submitted" and evidence.review == "pending"
    assert not report.reviews.exists()
