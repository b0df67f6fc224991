"""Risk profiles of target schools in the «500+» approach and the school documents answering
them: risk factors (a reference list by year), a school's level of each factor per year, the
school's concept, medium-term programme, anti-risk programmes and roadmap with their review."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from monitoring.models import BaseReview, StoredFile, person_field
from programs.models import Activity
from risks.levels import LEVEL_SYMBOLS, RiskLevel
from schools.models import School


class RiskFactorQuerySet(models.QuerySet):
    def of_year(self, year: int):
        """The factors in use in a year: the list is revised from time to time."""
        return self.filter(
            Q(first_year__isnull=True) | Q(first_year__lte=year),
            Q(last_year__isnull=True) | Q(last_year__gte=year),
        )


class RiskFactor(models.Model):
    number = models.PositiveSmallIntegerField(
        "номер", help_text="Номер фактора в перечне «500+»; по нему узнаётся столбец загрузки."
    )
    name = models.CharField("наименование", max_length=300)
    short_name = models.CharField(
        "краткое наименование", max_length=100, blank=True, help_text="Для заголовков матрицы."
    )
    first_year = models.PositiveSmallIntegerField(
        "действует с года", null=True, blank=True, help_text="Пусто — с начала перечня."
    )
    last_year = models.PositiveSmallIntegerField(
        "действует по год", null=True, blank=True, help_text="Пусто — действует и сейчас."
    )
    activities = models.ManyToManyField(
        Activity,
        related_name="risk_factors",
        verbose_name="мероприятия, отвечающие на фактор",
        blank=True,
    )
    history = HistoricalRecords(m2m_fields=[activities])

    objects = RiskFactorQuerySet.as_manager()

    class Meta:
        verbose_name = "фактор риска"
        verbose_name_plural = "факторы риска («500+»)"
        ordering = ["number", "first_year", "id"]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def label(self):
        return self.short_name or self.name


class ProfileSource(models.TextChoices):
    SURVEY = "survey", "анкетирование"
    SELF_DIAGNOSIS = "self_diagnosis", "самодиагностика"
    MUNICIPAL = "municipal", "муниципальный анализ"


class RiskProfile(models.Model):
    """A school's risk profile in one year."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="risk_profiles", verbose_name="школа"
    )
    year = models.PositiveSmallIntegerField("год")
    source = models.CharField("источник", max_length=20, choices=ProfileSource)
    updated_by = person_field("изменил", blank=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "профиль рисков школы"
        verbose_name_plural = "профили рисков школ"
        ordering = ["school__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="unique_risk_profile_year")
        ]

    def __str__(self):
        return f"{self.school} — {self.year}"


class FactorLevel(models.Model):
    profile = models.ForeignKey(
        RiskProfile, on_delete=models.CASCADE, related_name="levels", verbose_name="профиль"
    )
    factor = models.ForeignKey(
        RiskFactor, on_delete=models.PROTECT, related_name="levels", verbose_name="фактор риска"
    )
    level = models.CharField("уровень", max_length=20, choices=RiskLevel)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "уровень фактора риска"
        verbose_name_plural = "уровни факторов риска"
        ordering = ["profile", "factor__number"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "factor"], name="unique_profile_factor")
        ]

    def __str__(self):
        return f"{self.factor.label}: {self.get_level_display()}"

    @property
    def symbol(self):
        return LEVEL_SYMBOLS.get(self.level, "")


class DocumentKind(models.TextChoices):
    CONCEPT = "concept", "концепция развития"
    MIDTERM = "midterm", "среднесрочная программа развития"
    ANTIRISK = "antirisk", "антирисковая программа"
    ROADMAP = "roadmap", "дорожная карта школы"


class DocumentStatus(models.TextChoices):
    NOT_DEVELOPED = "not_developed", "не разработан"
    ON_REVIEW = "on_review", "на экспертизе"
    NEEDS_WORK = "needs_work", "на доработке"
    APPROVED = "approved", "утверждён"


DOCUMENT_ICONS = {
    DocumentStatus.NOT_DEVELOPED: "✎",
    DocumentStatus.ON_REVIEW: "◔",
    DocumentStatus.NEEDS_WORK: "↩",
    DocumentStatus.APPROVED: "✔",
}
# The school changes its document before it is sent for review, or after it was sent back.
SCHOOL_EDITABLE_STATUSES = frozenset({DocumentStatus.NOT_DEVELOPED, DocumentStatus.NEEDS_WORK})


class SchoolDocument(models.Model):
    """A conceptual document of a school for a period of years, and where its review stands."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="risk_documents", verbose_name="школа"
    )
    kind = models.CharField("вид документа", max_length=20, choices=DocumentKind)
    factor = models.ForeignKey(
        RiskFactor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="фактор риска",
        help_text="Только для антирисковой программы: одна программа на фактор.",
    )
    first_year = models.PositiveSmallIntegerField("действует с года")
    last_year = models.PositiveSmallIntegerField("действует по год")
    title = models.CharField("наименование", max_length=500, blank=True)
    status = models.CharField(
        "состояние", max_length=20, choices=DocumentStatus, default=DocumentStatus.NOT_DEVELOPED
    )
    order_number = models.CharField("номер приказа школы", max_length=50, blank=True)
    order_date = models.DateField("дата приказа школы", null=True, blank=True)
    created_by = person_field("создал")
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    submitted_at = models.DateTimeField("отправлен на экспертизу", null=True, blank=True)
    reviewed_by = person_field("эксперт", blank=True)
    reviewed_at = models.DateTimeField("проверен", null=True, blank=True)
    # Optimistic locking: a decision or edit based on an older version is refused.
    version = models.PositiveIntegerField("версия", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "документ школы"
        verbose_name_plural = "документы школ («500+»)"
        ordering = ["school__name", "kind", "factor__number", "-first_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "kind", "first_year"],
                condition=Q(factor__isnull=True),
                name="unique_school_document",
            ),
            models.UniqueConstraint(
                fields=["school", "factor", "first_year"],
                condition=Q(factor__isnull=False),
                name="unique_antirisk_programme",
            ),
            models.CheckConstraint(
                condition=Q(kind="antirisk", factor__isnull=False)
                | (~Q(kind="antirisk") & Q(factor__isnull=True)),
                name="factor_only_for_antirisk",
            ),
            models.CheckConstraint(
                condition=Q(first_year__lte=models.F("last_year")), name="document_years_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.label} — {self.school}"

    @property
    def label(self):
        """«Антирисковая программа: дефицит педагогических кадров, 2022–2024»."""
        what = self.get_kind_display()
        if self.factor_id:
            what = f"{what}: {self.factor.label}"
        return f"{what}, {self.years_label}"

    @property
    def years_label(self):
        if self.first_year == self.last_year:
            return f"{self.first_year:d}"
        return f"{self.first_year:d}–{self.last_year:d}"

    @property
    def order_label(self):
        parts = []
        if self.order_number:
            parts.append(f"№ {self.order_number}")
        if self.order_date:
            parts.append(f"от {self.order_date:%d.%m.%Y}")
        return f"Приказ {' '.join(parts)}" if parts else ""

    @property
    def icon(self):
        return DOCUMENT_ICONS.get(self.status, "")

    @property
    def is_editable_by_school(self):
        return self.status in SCHOOL_EDITABLE_STATUSES

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


def document_file_path(instance, filename):
    """Stored under a generated name: the person's file name is kept only for display."""
    return f"risk-documents/{timezone.now():%Y/%m}/{filename}"


class DocumentFile(StoredFile):
    document = models.ForeignKey(
        SchoolDocument, on_delete=models.CASCADE, related_name="files", verbose_name="документ"
    )
    file = models.FileField("файл", upload_to=document_file_path, max_length=200)
    history = HistoricalRecords()

    class Meta(StoredFile.Meta):
        verbose_name = "файл документа школы"
        verbose_name_plural = "файлы документов школ"


class DocumentReview(BaseReview):
    """One decision of an expert (coordinator) on a document, with the expert's comments."""

    class Decision(models.TextChoices):
        RETURNED = "needs_work", "возвращён на доработку"
        APPROVED = "approved", "утверждён"

    document = models.ForeignKey(
        SchoolDocument, on_delete=models.CASCADE, related_name="reviews", verbose_name="документ"
    )
    decision = models.CharField("решение", max_length=20, choices=Decision)
    comment = models.TextField("заключение эксперта, рекомендации", blank=True)
    reviewer = person_field("эксперт")
    history = HistoricalRecords()

    class Meta(BaseReview.Meta):
        verbose_name = "экспертиза документа школы"
        verbose_name_plural = "экспертиза документов школ"

    @property
    def subject(self):
        return self.document
