from django.db import models
from simple_history.models import HistoricalRecords

from accounts.visibility import VisibleToQuerySet
from programs.fingerprint import Revised
from schools.parties import aliases_of


class Region(models.Model):
    name = models.CharField("название", max_length=200, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "регион"
        verbose_name_plural = "регионы"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    class Kind(models.TextChoices):
        DISTRICT = "district", "муниципальный район"
        OKRUG = "okrug", "муниципальный округ"
        CITY = "city", "городской округ"
        OTHER = "other", "муниципальное образование"

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name="регион"
    )
    name = models.CharField("название", max_length=200)
    kind = models.CharField("вид", max_length=20, choices=Kind, default=Kind.DISTRICT)
    department_name = models.CharField(
        "орган управления образованием",
        max_length=300,
        blank=True,
        help_text="Например: «Отдел образования администрации Знаменского района».",
    )
    history = HistoricalRecords()
    objects = VisibleToQuerySet.as_manager()

    class Meta:
        verbose_name = "муниципалитет"
        verbose_name_plural = "муниципалитеты"
        ordering = ["region__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_municipality_name")
        ]

    def __str__(self):
        return self.name


class School(Revised):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="schools", verbose_name="муниципалитет"
    )
    name = models.CharField("официальное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=200, blank=True)
    code = models.CharField(
        "код школы",
        max_length=50,
        blank=True,
        help_text=(
            "Региональный код или логин школы в федеральных системах мониторинга (ФИС ОКО): "
            "по нему сопоставляются результаты оценочных процедур и перечни."
        ),
    )
    base_school = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name="базовая школа",
        help_text="Заполняется для филиала.",
    )
    head_name = models.CharField("руководитель (ФИО)", max_length=200, blank=True)
    address = models.CharField("адрес", max_length=500, blank=True)
    phone = models.CharField("телефон", max_length=100, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    website = models.URLField("сайт", blank=True)
    partners = models.ManyToManyField(
        "self",
        through="Partnership",
        through_fields=("school", "partner"),
        symmetrical=False,
        related_name="supported_schools",
        verbose_name="школы-партнёры",
        blank=True,
    )
    history = HistoricalRecords()
    objects = VisibleToQuerySet.as_manager()

    class Meta:
        verbose_name = "школа"
        verbose_name_plural = "школы"
        ordering = ["municipality__name", "name"]
        constraints = [
            # A code identifies one school: files from monitoring systems are matched by it.
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="school_code_unique"
            )
        ]

    def __str__(self):
        return self.short_name or self.name


class SchoolStatus(models.Model):
    """The school's membership of the target groups in one year: lists change every year."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="statuses", verbose_name="школа"
    )
    year = models.PositiveSmallIntegerField("год")
    is_shnor = models.BooleanField("ШНОР", default=False)
    is_shnsu = models.BooleanField("ШНСУ", default=False)
    cohort = models.CharField("когорта", max_length=50, blank=True, help_text="Например: ШНОР-1.")
    source = models.CharField(
        "основание",
        max_length=500,
        blank=True,
        help_text="Например: перечень ФИОКО, приказ министерства, зона риска по ВПР.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "статус школы в году"
        verbose_name_plural = "статусы школ по годам"
        ordering = ["school__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="unique_school_status_year")
        ]

    def __str__(self):
        return f"{self.school} — {self.year}: {self.groups_label}"

    @property
    def groups_label(self):
        groups = [
            label for flag, label in ((self.is_shnor, "ШНОР"), (self.is_shnsu, "ШНСУ")) if flag
        ]
        return ", ".join(groups) or "не входит в группы"


class Partnership(models.Model):
    class Kind(models.TextChoices):
        PARTNER = "partner", "школа-партнёр"
        PRACTICE = "practice", "площадка успешной практики"
        INTERNSHIP = "internship", "стажировочная площадка"

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="partnerships", verbose_name="школа"
    )
    partner = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="partner_of", verbose_name="партнёр"
    )
    kind = models.CharField("вид", max_length=20, choices=Kind, default=Kind.PARTNER)
    since_year = models.PositiveSmallIntegerField("с года", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "партнёрство школ"
        verbose_name_plural = "партнёрства школ"
        constraints = [
            models.UniqueConstraint(fields=["school", "partner"], name="unique_partnership"),
            models.CheckConstraint(
                condition=~models.Q(school=models.F("partner")), name="partner_is_other_school"
            ),
        ]

    def __str__(self):
        return f"{self.school} ← {self.partner} ({self.get_kind_display()})"


class Party(Revised):
    """A department, methodical centre, school or group named as an executor in roadmaps."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "орган управления образованием"
        METHODICAL = "methodical", "методический центр"
        SCHOOL = "school", "образовательная организация"
        OTHER = "other", "другое"

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="parties", verbose_name="муниципалитет"
    )
    name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField(
        "краткое наименование", max_length=200, blank=True, help_text="Например: ИМЦ."
    )
    aliases = models.TextField(
        "другие написания",
        blank=True,
        help_text="По одному в строке: аббревиатуры и варианты, встречающиеся в документах.",
    )
    kind = models.CharField("вид", max_length=20, choices=Kind, default=Kind.OTHER)
    school = models.OneToOneField(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="party",
        verbose_name="школа",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "исполнитель"
        verbose_name_plural = "исполнители"
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_party_name")
        ]

    def __str__(self):
        return self.short_name or self.name

    @property
    def all_names(self):
        return aliases_of(self.name, self.short_name, self.aliases)
