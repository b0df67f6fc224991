"""Two experts deciding on the same school document at once (PostgreSQL row lock): the second
waits, then finds a newer version and saves nothing."""

import threading

import pytest
from django.db import connection, transaction

from risks import services
from risks.models import DocumentReview, SchoolDocument


@pytest.mark.django_db(transaction=True)
def test_a_decision_waits_for_the_lock_then_sees_the_newer_version(cast):
    if connection.vendor != "postgresql":
        pytest.skip("select_for_update блокирует строки только в PostgreSQL")
    document = SchoolDocument.objects.create(
        school=cast.a.school, kind="concept", first_year=2023, last_year=2025, status="on_review"
    )
    outcome = {}
    locked = threading.Event()

    def second_decision():
        locked.wait()
        try:
            services.review_document(
                user=cast.users["coordinator_a"],
                document_id=document.pk,
                version=document.version,
                decision=services.Decision.APPROVE,
            )
        except services.DocumentConflict as error:
            outcome["conflict"] = str(error)
        finally:
            connection.close()

    thread = threading.Thread(target=second_decision)
    thread.start()
    with transaction.atomic():
        mine = SchoolDocument.objects.select_for_update().get(pk=document.pk)
        locked.set()
        thread.join(timeout=1)
        assert thread.is_alive(), "the second decision must wait for the row lock"
        mine.status, mine.version = "needs_work", mine.version + 1
        mine.save()
    thread.join(timeout=30)
    assert "Документ уже изменил другой пользователь" in outcome["conflict"]
    document.refresh_from_db()
    assert document.status == "needs_work"
    assert not DocumentReview.objects.exists()
