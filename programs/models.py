from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.visibility import VisibleToQuerySet
from programs.cells import planned_number
from programs.editions import order_phrase
from programs.fingerprint import Revised
from programs.periods import period_errors, period_label, program_years
from programs.status import STATUS_ICONS, ExecutionStatus
from schools.models import Municipality, Party, School


class Program(Revised):
    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        APPROVED = "approved", "утверждена"
        COMPLETED = "completed", "завершена"
        ARCHIVED = "archived", "в архиве"

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name="муниципалитет",
    )
    title = models.CharField("наименование", max_length=500)
    roadmap_title = models.CharField(
        "заголовок дорожной карты",
        max_length=500,
        blank=True,
        help_text="Как в документе, например: «Дорожная карта» реализации проекта.",
    )
    order_number = models.CharField("номер приказа", max_length=50, blank=True)
    order_date = models.DateField("дата приказа", null=True, blank=True)
    order_signer = models.CharField("приказ подписал", max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField("год начала")
    end_year = models.PositiveSmallIntegerField("год окончания")
    school_year = models.BooleanField(
        "по учебным годам", default=False, help_text="Период считается с сентября по август."
    )
    status = models.CharField("статус", max_length=20, choices=Status, default=Status.DRAFT)
    responsible_name = models.CharField("ответственное лицо", max_length=200, blank=True)
    responsible_position = models.CharField("должность ответственного", max_length=300, blank=True)
    target_schools = models.ManyToManyField(
        School, related_name="programs", verbose_name="школы целевой группы", blank=True
    )
    is_public = models.BooleanField(
        "публиковать ход реализации",
        default=True,
        help_text="Открытая страница без персональных данных (информационная открытость).",
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)
    history = HistoricalRecords(m2m_fields=[target_schools])
    objects = VisibleToQuerySet.as_manager()

    class Meta:
        verbose_name = "программа"
        verbose_name_plural = "программы"
        ordering = ["-start_year", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = period_errors(self.start_year, self.end_year, self.school_year)
        if errors:
            raise ValidationError({"end_year": errors})

    @property
    def years(self):
        return program_years(self.start_year, self.end_year, self.school_year)

    @property
    def period_label(self):
        return period_label(self.start_year, self.end_year, self.school_year)

    @property
    def order_label(self):
        if not (self.order_number or self.order_date):
            return ""
        parts = ["Приказ"]
        if self.order_number:
            parts.append(f"№ {self.order_number}")
        if self.order_date:
            parts.append(f"от {self.order_date:%d.%m.%Y}")
        return " ".join(parts)


class Section(Revised):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="sections", verbose_name="программа"
    )
    position = models.PositiveIntegerField("порядок", default=0)
    number = models.CharField("номер", max_length=20, blank=True, help_text="Как в документе.")
    title = models.TextField("наименование", blank=True)
    # Optimistic locking, as for activities: a rename based on an older version is refused.
    version = models.PositiveIntegerField("версия", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "раздел дорожной карты"
        verbose_name_plural = "разделы дорожной карты"
        ordering = ["program", "position", "id"]

    def __str__(self):
        return " ".join(part for part in (self.number, self.title) if part) or "Без раздела"


class Activity(Revised):
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="activities", verbose_name="раздел"
    )
    position = models.PositiveIntegerField("порядок", default=0)
    number = models.CharField("номер", max_length=20, blank=True, help_text="Как в документе.")
    title = models.TextField("наименование мероприятия")
    deadline = models.CharField("срок", max_length=300, blank=True, help_text="Как в документе.")
    result_name = models.TextField("результат", blank=True)
    planned_value = models.TextField("плановое значение", blank=True, help_text="Как в документе.")
    indicator_text = models.TextField("ожидаемый результат / показатель", blank=True)
    executors_text = models.TextField(
        "исполнители (как в документе)", blank=True, help_text="Текст ячейки без изменений."
    )
    executors = models.ManyToManyField(
        Party,
        through="ActivityExecutor",
        related_name="activities",
        verbose_name="исполнители",
        blank=True,
    )
    schools = models.ManyToManyField(
        School, related_name="activities", verbose_name="школы-участники", blank=True
    )
    responsible = models.ForeignKey(
        "people.StaffMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name="ответственное лицо",
        help_text="Сотрудник из справочника муниципалитета, помимо организаций-исполнителей.",
    )
    # Optimistic locking: a save carrying an older version is refused instead of overwriting.
    version = models.PositiveIntegerField("версия", default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[schools])
    objects = VisibleToQuerySet.as_manager()

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["section__program", "section__position", "position", "id"]

    def __str__(self):
        return " ".join(part for part in (self.number, self.title) if part)


class ActivityExecutor(Revised):
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="executor_links",
        verbose_name="мероприятие",
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="executor_links", verbose_name="исполнитель"
    )
    position = models.PositiveSmallIntegerField(
        "порядок", default=0, help_text="Первым указывается ответственный исполнитель."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "исполнитель мероприятия"
        verbose_name_plural = "исполнители мероприятия"
        ordering = ["activity", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "party"], name="unique_activity_party")
        ]

    def __str__(self):
        return str(self.party)

    @property
    def is_lead(self):
        return self.position == 0


class ActivityYear(Revised):
    """Plan and execution of an activity in one program year."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="years", verbose_name="мероприятие"
    )
    year = models.PositiveSmallIntegerField("год")
    planned_text = models.CharField(
        "план (как в документе)", max_length=300, blank=True, help_text="Например: 3, +, август."
    )
    planned_number = models.DecimalField(
        "плановое количество",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    status = models.CharField(
        "исполнение", max_length=20, choices=ExecutionStatus, default=ExecutionStatus.NOT_STARTED
    )
    actual_value = models.DecimalField(
        "фактическое значение", max_digits=12, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField("комментарий", blank=True)
    # Carry-over: the source cell names the later year and the reason; the target cell names
    # the year it came from, which makes it due there (programs/carryover.py).
    carry_reason = models.TextField("причина переноса", blank=True)
    carried_to_year = models.PositiveSmallIntegerField("перенесено на год", null=True, blank=True)
    carried_from_year = models.PositiveSmallIntegerField(
        "перенесено из года", null=True, blank=True, editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="изменил",
    )
    updated_at = models.DateTimeField("изменено", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "год исполнения"
        verbose_name_plural = "план и исполнение по годам"
        ordering = ["activity", "year"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "year"], name="unique_activity_year")
        ]

    def __str__(self):
        return f"{self.activity.number or self.activity_id} — {self.year}"

    def save(self, *args, **kwargs):
        self.planned_number = planned_number(self.planned_text)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "planned_number", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def status_icon(self):
        return STATUS_ICONS.get(self.status, "")


class Edition(Revised):
    """An approved edition (редакция) of a program's roadmap: the order and the plan it approved.

    Changes made after the last approval are the draft edition: the current roadmap compared
    with the latest approved snapshot (programs/editions.py), approved with a new order.
    """

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="editions", verbose_name="программа"
    )
    number = models.PositiveSmallIntegerField("номер редакции")
    order_organ = models.CharField("кем утверждена", max_length=300)
    order_number = models.CharField("номер приказа", max_length=50)
    order_date = models.DateField("дата приказа")
    order_signer = models.CharField("приказ подписал", max_length=200, blank=True)
    note = models.TextField("что изменено (кратко)", blank=True)
    snapshot = models.JSONField("дорожная карта в этой редакции", editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )
    approved_at = models.DateTimeField("внесена", auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = "редакция дорожной карты"
        verbose_name_plural = "редакции дорожной карты"
        ordering = ["program", "number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="unique_edition_number")
        ]

    def __str__(self):
        return f"Редакция {self.number}: {self.order_label}"

    @property
    def order_label(self):
        return order_phrase(self.order_date, self.order_number)


class FinancingSource(models.TextChoices):
    MUNICIPAL = "municipal", "муниципальный бюджет"
    REGIONAL = "regional", "региональный бюджет"
    FEDERAL = "federal", "федеральный бюджет"
    EXTRABUDGETARY = "extrabudgetary", "внебюджетные средства"
    NONE = "none", "без финансирования"


class Financing(Revised):
    """Money for an activity in one year from one source, planned and spent, in rubles."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="financing", verbose_name="мероприятие"
    )
    year = models.PositiveSmallIntegerField("год")
    source = models.CharField("источник финансирования", max_length=20, choices=FinancingSource)
    planned = models.DecimalField("запланировано, руб.", max_digits=14, decimal_places=2, default=0)
    actual = models.DecimalField(
        "израсходовано, руб.", max_digits=14, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "финансирование мероприятия"
        verbose_name_plural = "финансирование мероприятий"
        ordering = ["activity", "year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "year", "source"], name="unique_activity_financing"
            ),
            models.CheckConstraint(
                condition=models.Q(planned__gte=0)
                & (models.Q(actual__isnull=True) | models.Q(actual__gte=0)),
                name="financing_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.activity} — {self.year}, {self.get_source_display()}"
