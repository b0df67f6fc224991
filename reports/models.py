from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.visibility import VisibleToQuerySet
from programs.models import Program
from schools.models import Municipality, Region, School


class ReportText(models.Model):
    """What the coordinator writes for a program's справка before generating it."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="report_texts", verbose_name="программа"
    )
    year = models.PositiveSmallIntegerField("отчётный год")
    conclusions = models.TextField("выводы и адресные рекомендации", blank=True)
    purpose = models.TextField(
        "цель справки", blank=True, help_text="Пусто — цель по умолчанию: анализ исполнения за год."
    )
    # The coordinator's paragraph for each roadmap section, by the section's title as the
    # справка prints it; a section missing here gets the paragraph drafted from the data.
    section_texts = models.JSONField("тексты по разделам", default=dict, blank=True)
    signer_position = models.CharField("должность подписывающего", max_length=300, blank=True)
    signer_name = models.CharField("подписывающий (ФИО)", max_length=200, blank=True)
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
        verbose_name = "текст справки"
        verbose_name_plural = "тексты справок"
        constraints = [
            models.UniqueConstraint(fields=["program", "year"], name="unique_report_text_year")
        ]

    def __str__(self):
        return f"{self.program} — {self.year}"


class DepartmentRequisites(models.Model):
    """How the department's documents are headed: its name as on the letterhead and the
    addressee its справки go to (ГОСТ Р 7.0.97). Set by the municipality's staff."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="requisites",
        verbose_name="муниципалитет",
    )
    letterhead = models.TextField(
        "наименование на бланке",
        blank=True,
        help_text="Как на бланке; пусто — наименование органа управления образованием.",
    )
    addressee = models.TextField(
        "адресат справок",
        blank=True,
        help_text="Строками, например: «Министерство образования Ростовской области».",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "реквизиты документов"
        verbose_name_plural = "реквизиты документов"

    def __str__(self):
        return f"Реквизиты: {self.municipality}"


class GeneratedReport(models.Model):
    """One requested file and its fate: the report archive."""

    class Kind(models.TextChoices):
        SPRAVKA = "spravka", "аналитическая справка"
        ROADMAP = "roadmap", "дорожная карта (официальная форма)"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        XLSX = "xlsx", "XLSX"

    class Scope(models.TextChoices):
        PROGRAM = "program", "программа"
        MUNICIPALITY = "municipality", "все программы муниципалитета"
        SCHOOL = "school", "школа"
        REGION = "region", "муниципалитеты региона"

    class Status(models.TextChoices):
        QUEUED = "queued", "в очереди"
        RUNNING = "running", "формируется"
        DONE = "done", "готов"
        FAILED = "failed", "ошибка"

    scope = models.CharField("охват", max_length=15, choices=Scope, default=Scope.PROGRAM)
    # Every report belongs to a municipality, or (scope «region») to a region: access to the
    # archive is decided by it.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="generated_reports",
        verbose_name="муниципалитет",
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="generated_reports",
        verbose_name="регион",
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="generated_reports",
        verbose_name="программа",
    )
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="generated_reports",
        verbose_name="школа",
    )
    year = models.PositiveSmallIntegerField("отчётный год", null=True, blank=True)
    kind = models.CharField("вид", max_length=10, choices=Kind)
    format = models.CharField("формат", max_length=5, choices=Format)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="requested_reports",
        verbose_name="заказал",
    )
    requested_at = models.DateTimeField("заказан", auto_now_add=True)
    started_at = models.DateTimeField("начат", null=True, blank=True)
    finished_at = models.DateTimeField("готов", null=True, blank=True)
    status = models.CharField("состояние", max_length=10, choices=Status, default=Status.QUEUED)
    stage = models.CharField("этап", max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField("готовность, %", default=0)
    # The last sign of life: when the order was queued, or the build's latest heartbeat. The
    # sweeper (services.sweep_reports) judges stuck orders and dead builds by it.
    heartbeat_at = models.DateTimeField("последний признак жизни", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("попыток", default=0)
    conclusions = models.TextField("выводы (на момент формирования)", blank=True)
    # A справка built without conclusions is a «ПРОЕКТ»: the archive never shows it as final.
    is_draft = models.BooleanField("проект", default=False)
    file = models.FileField("файл", upload_to="reports/%Y/%m/", blank=True)
    size = models.PositiveBigIntegerField("размер, байт", null=True, blank=True)
    checksum = models.CharField("SHA-256", max_length=64, blank=True)
    error = models.TextField("ошибка", blank=True)

    objects = VisibleToQuerySet.as_manager()

    class Meta:
        verbose_name = "сформированный отчёт"
        verbose_name_plural = "архив отчётов"
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        year = f" за {self.year}" if self.year else ""
        return f"{self.get_kind_display()}{year} ({self.get_format_display()}): {self.subject}"

    @property
    def subject(self):
        """What the report is about, as a person would name it."""
        if self.scope == self.Scope.SCHOOL:
            return self.school
        if self.scope == self.Scope.MUNICIPALITY:
            return f"все программы — {self.municipality}"
        if self.scope == self.Scope.REGION:
            return f"муниципалитеты региона — {self.region}"
        return self.program

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def can_be_retried(self):
        """A failed build, or an order still waiting in the queue (the broker may have lost
        it): «Повторить» hands it to the worker again."""
        return self.status in (self.Status.FAILED, self.Status.QUEUED)

    @property
    def download_name(self):
        year = f"-{self.year}" if self.year else ""
        subject_id = {
            self.Scope.PROGRAM: self.program_id,
            self.Scope.MUNICIPALITY: self.municipality_id,
            self.Scope.SCHOOL: self.school_id,
            self.Scope.REGION: self.region_id,
        }[self.scope]
        return f"{self.kind}-{self.scope}-{subject_id}{year}.{self.format}"
