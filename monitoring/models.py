"""School reports on the execution of roadmap activities, their evidence and the coordinators'
decisions; closed program years; notifications and the daily digest log."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.visibility import VisibleToQuerySet
from monitoring.periods import reporting_period_label
from programs.fingerprint import Revised
from programs.models import Activity, Program
from schools.models import School


def person_field(verbose_name, *, blank=False):
    """Who did something; the record stays when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name="+",
        verbose_name=verbose_name,
    )


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "черновик"
    SUBMITTED = "submitted", "на проверке"
    RETURNED = "returned", "возвращён на доработку"
    ACCEPTED = "accepted", "принят"


# A symbol beside each state so that it is never told by colour alone.
REPORT_ICONS = {
    ReportStatus.DRAFT: "✎",
    ReportStatus.SUBMITTED: "◔",
    ReportStatus.RETURNED: "↩",
    ReportStatus.ACCEPTED: "✔",
}
NOT_SUBMITTED_LABEL = "отчёт не сдан"
NOT_SUBMITTED_ICON = "—"

# The school may change its report only before it is sent, or after it was sent back.
EDITABLE_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
# Reports a coordinator has received: a draft is not handed in yet.
HANDED_IN_STATUSES = frozenset(
    {ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED}
)


class SchoolReport(Revised):
    """What one school did for one activity in one reporting period, and where it stands."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="execution_reports", verbose_name="школа"
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="school_reports",
        verbose_name="мероприятие",
    )
    year = models.PositiveSmallIntegerField("год программы")
    period_start = models.DateField("начало отчётного периода")
    period_end = models.DateField("конец отчётного периода")
    text = models.TextField("что сделано", blank=True)
    actual_value = models.DecimalField(
        "фактическое значение", max_digits=12, decimal_places=2, null=True, blank=True
    )
    done_on = models.DateField("дата проведения", null=True, blank=True)
    status = models.CharField(
        "состояние", max_length=20, choices=ReportStatus, default=ReportStatus.DRAFT
    )
    created_by = person_field("создал")
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    submitted_at = models.DateTimeField("отправлен на проверку", null=True, blank=True)
    # Timeliness counts the first hand-in: a report returned and sent again stays on time.
    first_submitted_at = models.DateTimeField(
        "впервые отправлен", null=True, blank=True, editable=False
    )
    reviewed_by = person_field("проверил", blank=True)
    reviewed_at = models.DateTimeField("проверен", null=True, blank=True)
    # Optimistic locking: a decision or edit based on an older version is refused.
    version = models.PositiveIntegerField("версия", default=1)
    history = HistoricalRecords()
    objects = VisibleToQuerySet.as_manager()

    class Meta:
        verbose_name = "отчёт школы"
        verbose_name_plural = "отчёты школ"
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "activity", "year", "period_end"],
                name="unique_school_report_period",
            )
        ]
        # The review queue's tabs: one state, the longest waiting (or the latest changed) first;
        # chosen from EXPLAIN ANALYZE on a generated region (manage.py generate_region).
        indexes = [
            models.Index(fields=["status", "submitted_at", "id"], name="school_report_waiting"),
            models.Index(fields=["status", "-updated_at", "-id"], name="school_report_changed"),
        ]

    def __str__(self):
        number = self.activity.number or self.activity_id
        return f"{self.school}: {number}, {self.reporting_period_label}"

    @property
    def reporting_period_label(self):
        return reporting_period_label(self.period_start, self.period_end)

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def icon(self):
        return REPORT_ICONS.get(self.status, "")


class BaseReview(models.Model):
    """One reviewer's decision on what a school handed in, with the reviewer's comments: a
    coordinator's on a report (ReportReview), an expert's on a school document
    (risks.DocumentReview). Each kind has its own `Decision` choices and names its subject."""

    decision = models.CharField("решение", max_length=20)
    comment = models.TextField("адресные рекомендации", blank=True)
    reviewer = person_field("координатор")
    created_at = models.DateTimeField("когда", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.subject}"


class ReportReview(Revised, BaseReview):
    """One decision of a coordinator on a report: the addressed recommendations live here."""

    class Decision(models.TextChoices):
        RETURNED = "returned", "возвращён на доработку"
        ACCEPTED = "accepted", "принят"

    report = models.ForeignKey(
        SchoolReport, on_delete=models.CASCADE, related_name="reviews", verbose_name="отчёт"
    )
    decision = models.CharField("решение", max_length=20, choices=Decision)
    history = HistoricalRecords()

    class Meta(BaseReview.Meta):
        verbose_name = "решение по отчёту"
        verbose_name_plural = "решения по отчётам"

    @property
    def subject(self):
        return self.report


class EvidenceKind(models.TextChoices):
    ORDER = "order", "приказ"
    MINUTES = "minutes", "протокол"
    CERTIFICATE = "certificate", "справка"
    PHOTO = "photo", "фотоотчёт"
    OTHER = "other", "другое"


class RejectReason(models.TextChoices):
    UNREADABLE = "unreadable", "нечитаемый файл"
    UNRELATED = "unrelated", "не относится к мероприятию"
    UNSIGNED = "unsigned", "нет подписи/печати"
    OTHER = "other", "другое"


def evidence_path(instance, filename):
    """Stored under a generated name: the person's file name is kept only for display."""
    return f"evidence/{timezone.now():%Y/%m}/{filename}"


def generated_name(extension: str) -> str:
    return f"{uuid.uuid4().hex}.{extension}"


class StoredFile(models.Model):
    """An uploaded file, checked by its content (monitoring/uploads.py) and stored under a
    generated name: a report's evidence (EvidenceFile) or a school document's file
    (risks.DocumentFile). The person's file name is kept only for display."""

    original_name = models.CharField("имя файла", max_length=200)
    content_type = models.CharField("тип содержимого", max_length=100)
    size = models.PositiveBigIntegerField("размер, байт")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = person_field("загрузил")
    uploaded_at = models.DateTimeField("загружен", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class EvidenceFile(StoredFile):
    class Review(models.TextChoices):
        PENDING = "pending", "не проверен"
        ACCEPTED = "accepted", "принят"
        REJECTED = "rejected", "отклонён"

    report = models.ForeignKey(
        SchoolReport, on_delete=models.CASCADE, related_name="files", verbose_name="отчёт"
    )
    kind = models.CharField("вид документа", max_length=20, choices=EvidenceKind)
    file = models.FileField("файл", upload_to=evidence_path, max_length=200)
    review = models.CharField("проверка", max_length=20, choices=Review, default=Review.PENDING)
    reject_reason = models.CharField(
        "причина отклонения", max_length=20, choices=RejectReason, blank=True
    )
    review_note = models.TextField("пояснение координатора", blank=True)
    # Информационная открытость: a coordinator may publish an accepted file on the open page.
    is_public = models.BooleanField("на открытой странице", default=False)
    history = HistoricalRecords()

    class Meta(StoredFile.Meta):
        verbose_name = "подтверждающий файл"
        verbose_name_plural = "подтверждающие файлы"


class YearClosure(models.Model):
    """A program year closed by the coordinator: its reports and execution are locked.

    Reopening needs a reason; each close and reopen is a history record with its reason.
    """

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="year_closures", verbose_name="программа"
    )
    year = models.PositiveSmallIntegerField("год программы")
    is_closed = models.BooleanField("год закрыт", default=True)
    reason = models.TextField("основание", blank=True)
    changed_by = person_field("изменил")
    changed_at = models.DateTimeField("изменено", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "закрытие года программы"
        verbose_name_plural = "закрытие лет программ"
        constraints = [
            models.UniqueConstraint(fields=["program", "year"], name="unique_year_closure")
        ]

    def __str__(self):
        state = "закрыт" if self.is_closed else "открыт"
        return f"{self.program}: {self.year} — {state}"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="кому",
    )
    text = models.TextField("текст")
    link = models.CharField("ссылка", max_length=300, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    is_read = models.BooleanField("прочитано", default=False)
    # Set once the letter went out, so that a retried task does not send it twice.
    emailed_at = models.DateTimeField("отправлено письмом", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "is_read"], name="notification_unread")]

    def __str__(self):
        return self.text[:80]


class DigestLog(models.Model):
    """The daily digest sent to one person on one day: a second run that day sends nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digests",
        verbose_name="кому",
    )
    day = models.DateField("день")
    sent_at = models.DateTimeField("отправлено", auto_now_add=True)
    items = models.PositiveIntegerField("пунктов")
    text = models.TextField("текст письма")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ежедневная сводка"
        verbose_name_plural = "ежедневные сводки"
        ordering = ["-day", "user"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="unique_digest_day")]

    def __str__(self):
        return f"{self.user} — {self.day:%d.%m.%Y}"


class RoundPeriod(models.TextChoices):
    YEAR = "year", "год"
    HALF = "half", "полугодие"
    QUARTER = "quarter", "квартал"
    MONTH = "month", "месяц"


class ReportingRound(Revised):
    """A reporting round opened by a coordinator: which schools report on which activities for
    which period, and by what date. Each expected report is a row (ExpectedReport), so that
    completeness and timeliness are counted by the database (monitoring/rounds.py)."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="reporting_rounds", verbose_name="программа"
    )
    year = models.PositiveSmallIntegerField("год программы")
    period_kind = models.CharField("период", max_length=10, choices=RoundPeriod)
    period_number = models.PositiveSmallIntegerField(
        "номер периода", default=1, help_text="Полугодие 1–2, квартал 1–4, месяц 1–12."
    )
    period_start = models.DateField("начало периода")
    period_end = models.DateField("конец периода")
    due_date = models.DateField("срок сдачи отчётов")
    activities = models.ManyToManyField(
        Activity, related_name="reporting_rounds", verbose_name="мероприятия"
    )
    schools = models.ManyToManyField(School, related_name="reporting_rounds", verbose_name="школы")
    opened_by = person_field("открыл")
    opened_at = models.DateTimeField("открыт", auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[activities, schools])

    class Meta:
        verbose_name = "раунд отчётности"
        verbose_name_plural = "раунды отчётности"
        ordering = ["-due_date", "-id"]

    def __str__(self):
        return f"{self.program}: {self.reporting_period_label}, срок {self.due_date:%d.%m.%Y}"

    @property
    def reporting_period_label(self):
        return reporting_period_label(self.period_start, self.period_end)


class ExpectedReport(models.Model):
    """One report a round expects: a school's report on one activity for the round's period."""

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="expected", verbose_name="раунд"
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="expected_reports", verbose_name="школа"
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="expected_reports",
        verbose_name="мероприятие",
    )

    objects = VisibleToQuerySet.as_manager()

    class Meta:
        verbose_name = "ожидаемый отчёт"
        verbose_name_plural = "ожидаемые отчёты"
        ordering = ["round", "school", "activity"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "school", "activity"], name="unique_expected_report"
            )
        ]

    def __str__(self):
        return f"{self.round}: {self.school} — {self.activity}"


class SchedulePeriod(models.Model):
    """One reporting period of a schedule, as monitoring.periods reads it from the schedule's
    inputs: the deadline text, the year, the year cell, the kind of program year and whether
    the activity plans by year cells or was carried in. A cache keyed by everything the periods
    depend on, filled on demand (monitoring/schedule_periods.py), so that the queue of reports
    not handed in and the municipality dashboard's progress are queries and not loops over a
    region's slots or cells. A key that is not due has one row without a period. Emptied by a
    migration whenever programs/deadlines.py reads a deadline differently; that migration
    rebuilds the stored reports owed too (monitoring/owed.py)."""

    deadline = models.CharField("срок (как в документе)", max_length=300, blank=True)
    year = models.PositiveSmallIntegerField("год программы")
    planned_text = models.CharField("план (как в документе)", max_length=300, blank=True)
    school_year = models.BooleanField("по учебным годам")
    carried_in = models.BooleanField("перенесено из другого года")
    has_cells = models.BooleanField("план по годам")
    period_start = models.DateField("начало отчётного периода", null=True)
    period_end = models.DateField("конец отчётного периода", null=True)
    due = models.DateField("срок отчёта", null=True)
    periods_in_year = models.PositiveSmallIntegerField("периодов в году", default=0)
    # The same on every row of a key: the date after which the year cell is overdue on the
    # roadmap (programs.deadlines.is_overdue), which a weekly rhythm's periods do not give.
    final_due = models.DateField("последний срок в году", null=True)

    class Meta:
        verbose_name = "отчётный период по сроку"
        verbose_name_plural = "отчётные периоды по срокам"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "deadline",
                    "year",
                    "planned_text",
                    "school_year",
                    "carried_in",
                    "has_cells",
                    "period_end",
                ],
                name="unique_schedule_period",
            )
        ]

    def __str__(self):
        return f"{self.deadline or '—'}, {self.year}: {self.period_end or 'не запланировано'}"


def _derived_link(model):
    """A reference from a row of derived data: no database constraint and no cascade, so that a
    delete is not slowed by collecting derived rows; the services that keep the rows remove
    them (monitoring/owed.py). Indexed only as part of the table's own indexes."""
    return models.ForeignKey(
        model, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )


class OwedReport(models.Model):
    """A report owed and not handed in, in an open year of a program whose schools report: the
    slots of the «Не сданы» tab stored, so that the tab reads one page of an index instead of
    joining a region's schedules (issue 17). Whether the due date has passed is asked when
    reading. Kept by monitoring/owed.py on every write that changes what is owed, and rebuilt
    nightly (manage.py rebuild_owed_reports)."""

    program = _derived_link(Program)
    school = _derived_link(School)
    activity = _derived_link(Activity)
    activity_year = _derived_link("programs.ActivityYear")
    year = models.PositiveSmallIntegerField("год программы")
    period_start = models.DateField("начало отчётного периода")
    period_end = models.DateField("конец отчётного периода")
    due = models.DateField("срок отчёта")
    periods_in_year = models.PositiveSmallIntegerField("периодов в году")
    # The school's name as shown: the tab sorts by it.
    school_label = models.CharField("школа (как показана)", max_length=500)

    class Meta:
        verbose_name = "несданный отчёт"
        verbose_name_plural = "несданные отчёты"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "activity", "year", "period_end"], name="unique_owed_report"
            )
        ]
        # The order of the tab is indexed by migration 0006 (a collation per database engine).
        indexes = [
            models.Index(fields=["program", "due"], name="owed_report_program_due"),
            models.Index(fields=["activity", "year"], name="owed_report_activity"),
        ]

    def __str__(self):
        return f"{self.school_label}: {self.activity_id}, {self.year}, {self.period_end}"


class OwedCount(models.Model):
    """How many reports owed (OwedReport) a program has per year, period and due date: the
    «Не сданы» tab of a whole program or region sums these few rows instead of counting a
    region's stored reports owed. Kept with them, program by program (monitoring/owed.py)."""

    program = _derived_link(Program)
    year = models.PositiveSmallIntegerField("год программы")
    period_end = models.DateField("конец отчётного периода")
    due = models.DateField("срок отчёта")
    count = models.PositiveIntegerField("несданных отчётов")

    class Meta:
        verbose_name = "число несданных отчётов"
        verbose_name_plural = "числа несданных отчётов"
        constraints = [
            models.UniqueConstraint(
                fields=["program", "year", "period_end", "due"], name="unique_owed_count"
            )
        ]

    def __str__(self):
        return f"{self.program_id}, {self.year}, {self.period_end}: {self.count}"
