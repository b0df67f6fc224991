"""The review loop of a school document, end to end through the pages: the head writes and
sends it, the coordinator returns it with recommendations, the head reworks it, the coordinator
approves it; each step notifies the other side and is kept in the history; coverage follows."""

import pytest
from django.urls import reverse

from monitoring.models import Notification
from risks.coverage import NO_ACTIVITY, NO_PROGRAMME
from risks.models import DocumentFile, RiskFactor, SchoolDocument
from risks.selectors import risk_matrix
from schools.models import School
from tests.monitoring_tests.conftest import stored_files
from tests.monitoring_tests.files import docx, pdf, windows_exe

RECOMMENDATION = "Добавьте целевые показатели и сроки по каждой задаче."


def document_data(factor, *, action="submit", order=True, **extra):
    data = {
        "kind": "antirisk",
        "factor": factor.pk,
        "title": "Программа повышения учебной мотивации",
        "first_year": "2023",
        "last_year": "2024",
        "order_number": "51" if order else "",
        "order_date": "2023-02-01" if order else "",
        "action": action,
    }
    data.update(extra)
    return data


def gaps_of(school, year=2023):
    """factor number → what is missing, for the school's factors with a gap."""
    matrix = risk_matrix(School.objects.filter(pk=school.pk), year)
    return {cell.factor.number: cell.gap for cell in matrix.rows[0].cells if cell.gap}


def test_returned_reworked_and_approved(world, client):
    motivation = RiskFactor.objects.get(number=7)
    assert gaps_of(world.school)[7] == [NO_PROGRAMME, NO_ACTIVITY]
    SchoolDocument.objects.filter(school=world.school, factor=motivation).delete()

    client.force_login(world.head)
    url = reverse("risk_document_create", args=[world.school.pk])
    response = client.post(url, {**document_data(motivation), "file_1": pdf("Программа.pdf")})
    document = SchoolDocument.objects.get(school=world.school, factor=motivation)
    assert response.status_code == 302
    assert document.status == "on_review"
    assert Notification.objects.filter(
        user=world.coordinator, link=reverse("risk_document_detail", args=[document.pk])
    ).exists()

    client.force_login(world.coordinator)
    review_url = reverse("risk_document_review", args=[document.pk])
    response = client.post(review_url, {"decision": "return", "version": document.version})
    assert response.status_code == 400
    assert "Напишите рекомендации" in response.content.decode()
    response = client.post(
        review_url,
        {"decision": "return", "comment": RECOMMENDATION, "version": document.version},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "needs_work"
    assert Notification.objects.filter(user=world.head, text__contains=RECOMMENDATION).exists()

    client.force_login(world.head)
    page = client.get(reverse("my_activities")).content.decode()
    assert "Доработать по рекомендациям эксперта" in page
    edit_url = reverse("risk_document_edit", args=[document.pk])
    assert RECOMMENDATION in client.get(edit_url).content.decode()
    response = client.post(
        edit_url,
        {
            **document_data(motivation, version=document.version),
            "file_1": docx("Программа (доработана).docx"),
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "on_review"
    assert document.files.count() == 2

    client.force_login(world.coordinator)
    response = client.post(review_url, {"decision": "approve", "version": document.version})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "approved"
    assert [review.decision for review in document.reviews.all()] == ["approved", "needs_work"]
    assert gaps_of(world.school)[7] == [NO_ACTIVITY]  # the programme is there now
    history = client.get(reverse("risk_document_detail", args=[document.pk])).content.decode()
    assert "на экспертизе → утверждён" in history
    assert RECOMMENDATION in history


def test_a_decision_on_an_older_version_is_refused(world, client):
    document = SchoolDocument.objects.get(school=world.school, kind="midterm")
    assert document.status == "on_review"
    seen = document.version
    client.force_login(world.coordinator)
    url = reverse("risk_document_review", args=[document.pk])
    assert client.post(url, {"decision": "approve", "version": seen}).status_code == 302
    response = client.post(url, {"decision": "return", "comment": "Ещё раз", "version": seen})
    assert response.status_code == 409
    document.refresh_from_db()
    assert document.status == "approved"
    assert document.reviews.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"order": False}, "Укажите номер и дату приказа школы"),
        ({"no_file": True}, "Приложите файл документа"),
        ({"first_year": "2025"}, "Год окончания не может быть раньше года начала"),
        ({"factor": ""}, "Антирисковая программа пишется на один фактор"),
        ({"first_year": "двадцать"}, "Год — четыре цифры"),
    ],
)
def test_bad_documents_are_refused_and_leave_nothing(world, client, media_root, change, message):
    motivation = RiskFactor.objects.get(number=7)
    SchoolDocument.objects.filter(school=world.school, factor=motivation).delete()
    before_files = len(stored_files(media_root))
    change = dict(change)
    data = document_data(motivation, order=change.pop("order", True))
    if not change.pop("no_file", False):
        data["file_1"] = pdf("Программа.pdf")
    data.update(change)
    client.force_login(world.head)
    response = client.post(reverse("risk_document_create", args=[world.school.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SchoolDocument.objects.filter(school=world.school, factor=motivation).exists()
    assert len(stored_files(media_root)) == before_files


def test_a_renamed_program_is_not_taken_as_a_document(world, client, media_root):
    motivation = RiskFactor.objects.get(number=7)
    SchoolDocument.objects.filter(school=world.school, factor=motivation).delete()
    client.force_login(world.head)
    response = client.post(
        reverse("risk_document_create", args=[world.school.pk]),
        {**document_data(motivation), "file_1": windows_exe("Программа.pdf")},
    )
    assert response.status_code == 400
    assert "исполняемая программа Windows" in response.content.decode()
    assert not DocumentFile.objects.filter(document__factor=motivation).exists()


def test_a_document_on_review_is_not_changed_by_the_school(world, client):
    document = SchoolDocument.objects.get(school=world.school, kind="midterm")
    client.force_login(world.head)
    response = client.post(
        reverse("risk_document_edit", args=[document.pk]),
        {
            "kind": "midterm",
            "title": "Другое название",
            "first_year": "2022",
            "last_year": "2024",
            "version": document.version,
            "action": "draft",
        },
    )
    assert response.status_code == 400
    assert "изменить его можно, только если эксперт" in response.content.decode()
    document.refresh_from_db()
    assert document.title != "Другое название"


def test_a_refused_document_asks_for_its_good_file_again(world, client, media_root):
    motivation = RiskFactor.objects.get(number=7)
    SchoolDocument.objects.filter(school=world.school, factor=motivation).delete()
    client.force_login(world.head)
    response = client.post(
        reverse("risk_document_create", args=[world.school.pk]),
        {**document_data(motivation, order=False), "file_1": pdf("Программа.pdf")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Укажите номер и дату приказа школы" in page
    assert "Файл «Программа.pdf» не сохранён, потому что в форме есть ошибки" in page
    assert not DocumentFile.objects.filter(document__factor=motivation).exists()
