"""Results of a program: indicators that judge themselves, assessment results of schools, and
the decisions that put schools on the target list."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from programs.models import Activity, Program, Section
from results.judgement import JUDGEMENT_LABELS, NUMERIC_DIRECTIONS, Direction, Judgement
from schools.models import School

NUMBER = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}


class Assessment(models.TextChoices):
    VPR = "vpr", "ВПР"
    OGE = "oge", "ОГЭ"
    EGE = "ege", "ЕГЭ"
    REGIONAL = "regional", "региональная диагностика"


class Indicator(models.Model):
    class Level(models.TextChoices):
        PROGRAM = "program", "программа в целом"
        SCHOOL = "school", "каждая школа целевой группы"

    class DirectionChoice(models.TextChoices):
        HIGHER = Direction.HIGHER, "чем больше, тем лучше"
        LOWER = Direction.LOWER, "чем меньше, тем лучше"
        YES_NO = Direction.YES_NO, "да / нет"
        TEXT = Direction.TEXT, "текст"

    class Source(models.TextChoices):
        VPR = "vpr", "ВПР"
        OGE = "oge", "ОГЭ"
        EGE = "ege", "ЕГЭ"
        REGIONAL = "regional", "региональная диагностика"
        SELF_500 = "self500", "самодиагностика «500+»"
        STATISTICS = "statistics", "ведомственная статистика"
        OTHER = "other", "иное"

    class Method(models.TextChoices):
        TYPED = "", "вводится вручную"
        WEIGHTED = "weighted", "по результатам: взвешенно по числу участников"
        MEAN = "mean", "по результатам: среднее значений школ"

    class Measure(models.TextChoices):
        SHARE_LOW = "share_low", "доля «2» (ниже порога), %"
        SHARE_GOOD = "share_good", "доля «4» и «5», %"
        MEAN_SCORE = "mean_score", "средний балл (отметка)"

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="indicators", verbose_name="программа"
    )
    position = models.PositiveIntegerField("порядок", default=0)
    name = models.CharField("наименование", max_length=500)
    unit = models.CharField("единица измерения", max_length=50, blank=True)
    level = models.CharField("уровень", max_length=10, choices=Level, default=Level.PROGRAM)
    direction = models.CharField(
        "направление", max_length=10, choices=DirectionChoice, default=Direction.HIGHER
    )
    baseline = models.DecimalField("базовое значение", **NUMBER)
    baseline_year = models.PositiveSmallIntegerField("год базового значения", null=True, blank=True)
    source = models.CharField("источник", max_length=20, choices=Source, default=Source.OTHER)
    source_note = models.CharField(
        "уточнение источника",
        max_length=300,
        blank=True,
        help_text="Например: ВПР-2022, русский язык, 5 класс.",
    )
    sections = models.ManyToManyField(
        Section, related_name="indicators", verbose_name="разделы", blank=True
    )
    activities = models.ManyToManyField(
        Activity, related_name="indicators", verbose_name="мероприятия", blank=True
    )
    method = models.CharField(
        "как получается факт", max_length=10, choices=Method, default=Method.TYPED, blank=True
    )
    assessment = models.CharField(
        "оценочная процедура", max_length=10, choices=Assessment, blank=True
    )
    subject = models.CharField(
        "предмет", max_length=100, blank=True, help_text="Пусто — все предметы."
    )
    grade = models.PositiveSmallIntegerField(
        "класс", null=True, blank=True, help_text="Пусто — все классы."
    )
    measure = models.CharField("что считается", max_length=12, choices=Measure, blank=True)
    history = HistoricalRecords(m2m_fields=[sections, activities])

    class Meta:
        verbose_name = "показатель"
        verbose_name_plural = "показатели"
        ordering = ["program", "position", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.method and self.direction not in NUMERIC_DIRECTIONS:
            errors["method"] = "По результатам оценочных процедур считаются только числа."
        if self.level == self.Level.SCHOOL and self.direction not in NUMERIC_DIRECTIONS:
            errors["level"] = "По школам задаются только числовые показатели."
        if self.method and not (self.assessment and self.measure):
            errors["assessment"] = "Укажите оценочную процедуру и что считать."
        if self.baseline is not None and self.direction not in NUMERIC_DIRECTIONS:
            errors["baseline"] = (
                "Базовое значение — число: у показателей «да/нет» и «текст» его нет."
            )
        if (self.baseline is None) != (self.baseline_year is None) and self.is_numeric:
            errors["baseline_year"] = "Укажите и базовое значение, и его год."
        if errors:
            raise ValidationError(errors)

    @property
    def is_numeric(self):
        return self.direction in NUMERIC_DIRECTIONS

    @property
    def is_computed(self):
        return bool(self.method)

    @property
    def is_school_level(self):
        return self.level == self.Level.SCHOOL

    @property
    def source_label(self):
        return ", ".join(part for part in (self.get_source_display(), self.source_note) if part)


PERSON_JUDGEMENTS = [
    (Judgement.REACHED.value, JUDGEMENT_LABELS[Judgement.REACHED]),
    (Judgement.PARTIAL.value, JUDGEMENT_LABELS[Judgement.PARTIAL]),
    (Judgement.NOT_REACHED.value, JUDGEMENT_LABELS[Judgement.NOT_REACHED]),
]


class EnteredValue(models.Model):
    """A target and an actual typed by someone: who and when is kept, and the history."""

    target = models.DecimalField("целевое значение", **NUMBER)
    actual = models.DecimalField("фактическое значение", **NUMBER)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="изменил",
    )
    updated_at = models.DateTimeField("изменено", auto_now=True)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class IndicatorYear(EnteredValue):
    """Target and actual of an indicator for the program as a whole in one year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="years", verbose_name="показатель"
    )
    year = models.PositiveSmallIntegerField("год")
    target_text = models.CharField("целевое значение (текст)", max_length=300, blank=True)
    actual_text = models.CharField("фактическое значение (текст)", max_length=300, blank=True)
    person_judgement = models.CharField(
        "оценка", max_length=12, choices=PERSON_JUDGEMENTS, blank=True
    )
    comment = models.TextField("комментарий", blank=True)

    class Meta(EnteredValue.Meta):
        verbose_name = "значение показателя"
        verbose_name_plural = "значения показателя по годам"
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="unique_indicator_year_value"
            )
        ]

    def __str__(self):
        return f"{self.indicator} — {self.year}"


class SchoolIndicatorValue(EnteredValue):
    """Target and actual of a school-level indicator for one school in one year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="school_values", verbose_name="показатель"
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="indicator_values", verbose_name="школа"
    )
    year = models.PositiveSmallIntegerField("год")

    class Meta(EnteredValue.Meta):
        verbose_name = "значение показателя школы"
        verbose_name_plural = "значения показателей школ"
        ordering = ["indicator", "school__name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "school", "year"], name="unique_school_indicator_year"
            )
        ]

    def __str__(self):
        return f"{self.indicator} — {self.school} — {self.year}"


class AssessmentResult(models.Model):
    """One school's result in one assessment, subject and grade of a year."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="assessment_results", verbose_name="школа"
    )
    year = models.PositiveSmallIntegerField("год")
    assessment = models.CharField("оценочная процедура", max_length=10, choices=Assessment)
    subject = models.CharField("предмет", max_length=100)
    grade = models.PositiveSmallIntegerField("класс")
    participants = models.PositiveIntegerField("участников")
    share_low = models.DecimalField(
        "доля «2» / ниже порога, %", max_digits=5, decimal_places=2, null=True, blank=True
    )
    share_good = models.DecimalField(
        "доля «4» и «5», %", max_digits=5, decimal_places=2, null=True, blank=True
    )
    mean_score = models.DecimalField(
        "средний балл (отметка)", max_digits=6, decimal_places=2, null=True, blank=True
    )
    imported_at = models.DateTimeField("загружено", default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="загрузил",
    )

    class Meta:
        verbose_name = "результат оценочной процедуры"
        verbose_name_plural = "результаты оценочных процедур"
        ordering = ["school__name", "year", "assessment", "subject", "grade"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "assessment", "subject", "grade"],
                name="unique_assessment_result",
            )
        ]

    def __str__(self):
        return f"{self.school}: {self.get_assessment_display()} {self.year}, {self.subject}"


class ListDecision(models.Model):
    """A decision that sets the target list: the order and the list it follows."""

    class Kind(models.TextChoices):
        FIOKO = "fioko", "перечень ФИОКО"
        REGIONAL = "regional", "региональный мониторинг"
        MUNICIPAL = "municipal", "муниципальный анализ"

    municipality = models.ForeignKey(
        "schools.Municipality",
        on_delete=models.PROTECT,
        related_name="list_decisions",
        verbose_name="муниципалитет",
    )
    kind = models.CharField("перечень", max_length=10, choices=Kind)
    order_number = models.CharField("номер приказа", max_length=50)
    order_date = models.DateField("дата приказа")
    year = models.PositiveSmallIntegerField("год перечня")
    note = models.TextField("примечание", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "решение о перечне"
        verbose_name_plural = "решения о перечне"
        ordering = ["-year", "-order_date", "-id"]

    def __str__(self):
        order = f"Приказ № {self.order_number} от {self.order_date:%d.%m.%Y}"
        return f"{order} ({self.get_kind_display()})"


class ListEntry(models.Model):
    """A school entering or leaving the target list by a decision, with the reason."""

    class Action(models.TextChoices):
        ENTER = "enter", "включена в перечень"
        EXIT = "exit", "вышла из перечня"

    decision = models.ForeignKey(
        ListDecision, on_delete=models.CASCADE, related_name="entries", verbose_name="решение"
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="list_entries", verbose_name="школа"
    )
    action = models.CharField("что решено", max_length=10, choices=Action, default=Action.ENTER)
    is_shnor = models.BooleanField("ШНОР", default=False)
    is_shnsu = models.BooleanField("ШНСУ", default=False)
    cohort = models.CharField("когорта", max_length=50, blank=True)
    reason = models.TextField("основание")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "школа в решении о перечне"
        verbose_name_plural = "школы в решениях о перечне"
        ordering = ["decision", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "school"], name="unique_list_entry")
        ]

    def __str__(self):
        return f"{self.school}: {self.get_action_display()} ({self.decision})"

    @property
    def groups_label(self):
        groups = [
            label for flag, label in ((self.is_shnor, "ШНОР"), (self.is_shnsu, "ШНСУ")) if flag
        ]
        return ", ".join(groups)
