from django.db import models


class PendingTask(models.Model):
    """A task ordered by a committed write (a letter to send, a report to build), kept until
    the broker has taken it: a broker that is down loses nothing, the sweeper hands it over
    later."""

    class State(models.TextChoices):
        PENDING = "pending", "ждёт передачи в очередь"
        SENT = "sent", "передано в очередь"

    task = models.CharField("задача", max_length=200)
    args = models.JSONField("параметры", default=list)
    state = models.CharField(
        "состояние", max_length=10, choices=State, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField("попыток передачи", default=0)
    last_error = models.TextField("последняя ошибка", blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    next_attempt_at = models.DateTimeField("следующая попытка")
    sent_at = models.DateTimeField("передано", null=True, blank=True)

    class Meta:
        verbose_name = "поручение"
        verbose_name_plural = "очередь поручений"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.task}{tuple(self.args)} — {self.get_state_display()}"
