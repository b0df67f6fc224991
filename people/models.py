"""The staff directory of a municipality: the people named as responsible for activities and as
curators of target schools."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from programs.fingerprint import Revised
from schools.models import Municipality, School


def initials_name(full_name: str) -> str:
    """«Иванова Елена Петровна» → «Е. П. Иванова», as official documents sign (ГОСТ Р 7.0.97)."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name.strip()
    surname, *given = parts
    return " ".join([*(f"{name[0]}." for name in given), surname])


class StaffMember(Revised):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="staff", verbose_name="муниципалитет"
    )
    full_name = models.CharField("ФИО", max_length=200)
    position = models.CharField("должность", max_length=300, blank=True)
    organisation = models.CharField(
        "организация", max_length=300, blank=True, help_text="Например: ИМЦ, отдел образования."
    )
    phone = models.CharField("телефон", max_length=100, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_entries",
        verbose_name="вход в портал",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "сотрудник"
        verbose_name_plural = "сотрудники"
        ordering = ["municipality", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "full_name", "position"], name="unique_staff_member"
            )
        ]

    def __str__(self):
        return f"{self.initials}, {self.position}" if self.position else self.initials

    @property
    def initials(self) -> str:
        return initials_name(self.full_name)

    @property
    def executor_line(self) -> str:
        """«Исполнитель: Е. П. Иванова, тел. 8 (86379) 3-12-45»."""
        phone = f", тел. {self.phone}" if self.phone else ""
        return f"Исполнитель: {self.initials}{phone}"


class SchoolCurator(models.Model):
    """The curator of one target school in one program."""

    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="school_curators",
        verbose_name="программа",
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="program_curators", verbose_name="школа"
    )
    curator = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="curated", verbose_name="куратор"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "куратор школы"
        verbose_name_plural = "кураторы школ"
        constraints = [
            models.UniqueConstraint(fields=["program", "school"], name="unique_school_curator")
        ]

    def __str__(self):
        return f"{self.school}: {self.curator}"
