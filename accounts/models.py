from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from schools.models import Municipality, Region, School


class Role(models.TextChoices):
    ADMIN = "admin", "администратор"
    SPECIALIST = "specialist", "специалист управления образования"
    COORDINATOR = "coordinator", "муниципальный координатор / куратор"
    HEAD = "head", "руководитель ОО"
    OBSERVER = "observer", "региональный наблюдатель"


# Which scope field each role is given in: a role without its scope would see nothing.
SCOPE_FIELD_OF_ROLE = {
    Role.SPECIALIST: "municipality",
    Role.COORDINATOR: "municipality",
    Role.HEAD: "school",
    Role.OBSERVER: "region",
}


class Membership(models.Model):
    """One role of a person in one scope; a person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="пользователь",
    )
    role = models.CharField("роль", max_length=20, choices=Role)
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, verbose_name="регион"
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name="муниципалитет",
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, verbose_name="школа"
    )
    curated_schools = models.ManyToManyField(
        School,
        related_name="curators",
        blank=True,
        verbose_name="закреплённые школы",
        help_text="Только для куратора: если указаны, отчёты других школ ему не видны.",
    )
    created_at = models.DateTimeField("назначена", auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[curated_schools])

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        ordering = ["user__username", "role"]

    def __str__(self):
        scope = self.scope
        return f"{self.get_role_display()}: {scope}" if scope else self.get_role_display()

    @property
    def scope(self):
        field = SCOPE_FIELD_OF_ROLE.get(self.role)
        return getattr(self, field) if field else None

    def clean(self):
        field = SCOPE_FIELD_OF_ROLE.get(self.role)
        labels = {"municipality": "муниципалитет", "school": "школу", "region": "регион"}
        if field and getattr(self, f"{field}_id") is None:
            raise ValidationError({field: f"Для этой роли укажите {labels[field]}."})
        # Scopes other than the role's own are cleared so that they cannot widen access.
        for other in {"municipality", "school", "region"} - {field}:
            setattr(self, other, None)
