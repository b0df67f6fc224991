"""Letters whose sending gave up (the mail server away longer than the task's retries) are
ordered again, and each still goes out once."""

from datetime import timedelta

from django.utils import timezone

from monitoring import services
from monitoring.models import Notification


def test_an_unsent_letter_is_sent_later_and_only_once(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator = cast.users["coordinator_a"]
    notification = Notification.objects.create(user=coordinator, text="Отчёт ждёт проверки")
    later = timezone.now() + timedelta(hours=1)
    # Tasks run in-process here: ordered again (and committed) means sent.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_unsent_letters(later) == 1
    assert [letter.to for letter in mailoutbox] == [[coordinator.email]]
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert services.requeue_unsent_letters(later) == 0
    assert len(mailoutbox) == 1


def test_fresh_and_addressless_notifications_are_left_alone(cast, mailoutbox):
    Notification.objects.create(user=cast.users["head_a"], text="Только что")
    nobody = cast.users["observer_a"]
    nobody.email = ""
    nobody.save()
    Notification.objects.create(user=nobody, text="Без адреса")
    assert services.requeue_unsent_letters(timezone.now()) == 0
    assert services.requeue_unsent_letters(timezone.now() + timedelta(hours=1)) == 1
