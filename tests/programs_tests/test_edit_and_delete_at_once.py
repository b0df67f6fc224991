"""Editing and deleting the same activity at the same moment: one waits for the other, no
deadlock, no 500 (PostgreSQL: SQLite has no row locks)."""

import threading

import pytest
from django.db import connection, transaction

from programs.editing import delete_activity
from programs.models import Activity


@pytest.mark.django_db(transaction=True)
def test_delete_waits_for_an_edit_in_progress_instead_of_deadlocking(cast):
    if connection.vendor != "postgresql":
        pytest.skip("select_for_update блокирует строки только в PostgreSQL")
    activity = cast.a.activity
    outcome = {}
    editing = threading.Event()

    def delete_meanwhile():
        editing.wait()
        try:
            delete_activity(Activity.objects.get(pk=activity.pk))
            outcome["deleted"] = True
        except Exception as error:  # a deadlock would surface here
            outcome["error"] = repr(error)
        finally:
            connection.close()

    thread = threading.Thread(target=delete_meanwhile)
    thread.start()
    # An edit as save_activity does it: the activity row first, then its school links.
    with transaction.atomic():
        mine = Activity.objects.select_for_update().get(pk=activity.pk)
        editing.set()
        thread.join(timeout=1)
        assert thread.is_alive(), "the deletion must wait for the edit"
        mine.schools.set([cast.a.other_school])
        mine.title = "Изменено"
        mine.save()
    thread.join(timeout=30)
    assert outcome == {"deleted": True}
    assert not Activity.objects.filter(pk=activity.pk).exists()
