from django import forms

from programs.models import Activity
from results.criteria import AT_LEAST, AT_MOST, Rule
from results.judgement import NUMERIC_DIRECTIONS
from results.models import (
    Assessment,
    Indicator,
    IndicatorYear,
    ListDecision,
    SchoolIndicatorValue,
)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "level",
            "direction",
            "baseline",
            "baseline_year",
            "source",
            "source_note",
            "sections",
            "activities",
            "method",
            "assessment",
            "subject",
            "grade",
            "measure",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "sections": forms.CheckboxSelectMultiple,
            "activities": forms.SelectMultiple(attrs={"size": 6}),
        }
        localized_fields = ["baseline"]

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.program = program
        self.fields["sections"].queryset = program.sections.order_by("position", "id")
        self.fields["activities"].queryset = (
            Activity.objects.filter(section__program=program)
            .select_related("section")
            .order_by("section__position", "position", "id")
        )
        self.fields["baseline_year"].widget.attrs["placeholder"] = str(program.start_year - 1)


class IndicatorYearForm(forms.ModelForm):
    """A year of an indicator: numbers for numeric ones, text and a person's judgement otherwise."""

    class Meta:
        model = IndicatorYear
        fields = ["target", "actual", "target_text", "actual_text", "person_judgement", "comment"]
        localized_fields = ["target", "actual"]
        labels = {"target_text": "План", "actual_text": "Факт"}
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.direction in NUMERIC_DIRECTIONS:
            for name in ("target_text", "actual_text", "person_judgement"):
                del self.fields[name]
            if indicator.is_computed or indicator.is_school_level:
                # Computed from results, or judged school by school: typed at program level no more.
                del self.fields["actual"]
        else:
            del self.fields["target"], self.fields["actual"]
            self.fields["person_judgement"].label = "Оценка (ставит специалист)"

    def clean(self):
        data = super().clean()
        if data.get("person_judgement") and not (data.get("comment") or "").strip():
            self.add_error(
                "comment",
                "Укажите, на чём основана оценка: для показателя без чисел это обязательно.",
            )
        return data


class SchoolValueForm(forms.ModelForm):
    class Meta:
        model = SchoolIndicatorValue
        fields = ["target", "actual"]
        localized_fields = ["target", "actual"]
        help_texts = {"target": "Пусто — целевое значение программы на этот год."}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        if indicator.is_computed:
            del self.fields["actual"]


RESULTS_MAX_BYTES = 20 * 1024 * 1024


class ResultsUploadForm(forms.Form):
    file = forms.FileField(
        label="Файл с результатами (.xlsx или .csv)",
        help_text=(
            "Одна строка на школу × предмет × класс или одна строка на школу со столбцами по "
            f"предметам. До {RESULTS_MAX_BYTES // (1024 * 1024)} МБ."
        ),
    )
    year = forms.IntegerField(
        label="Год",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Если в файле нет столбца «Год».",
    )
    assessment = forms.ChoiceField(
        label="Процедура",
        required=False,
        choices=[("", "— из файла —"), *Assessment.choices],
        help_text="Если в файле нет столбца «Процедура».",
    )
    grade = forms.IntegerField(
        label="Класс",
        required=False,
        min_value=1,
        max_value=11,
        help_text="Если в файле нет столбца «Класс».",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > RESULTS_MAX_BYTES:
            raise forms.ValidationError(
                f"Файл больше {RESULTS_MAX_BYTES // (1024 * 1024)} МБ: разделите его на части."
            )
        return upload


class CandidateRuleForm(forms.Form):
    """A rule over stored results: «доля «2» по ВПР ≥ 30 % не менее чем в 2 из 3 последних лет»."""

    assessment = forms.ChoiceField(label="Процедура", choices=Assessment.choices, initial="vpr")
    measure = forms.ChoiceField(
        label="Что сравнивать", choices=Indicator.Measure.choices, initial="share_low"
    )
    comparison = forms.ChoiceField(
        label="Условие",
        choices=[(AT_LEAST, "не ниже порога"), (AT_MOST, "не выше порога")],
        initial=AT_LEAST,
    )
    threshold = forms.DecimalField(label="Порог", min_value=0, max_digits=6, decimal_places=2)
    last_year = forms.IntegerField(label="Последний год", min_value=2000, max_value=2100)
    years_back = forms.IntegerField(label="Сколько лет смотреть", min_value=1, max_value=10)
    min_years = forms.IntegerField(label="В скольких из них", min_value=1, max_value=10)
    subject = forms.CharField(label="Предмет", required=False, help_text="Пусто — все предметы.")
    grade = forms.IntegerField(
        label="Класс", required=False, min_value=1, max_value=11, help_text="Пусто — все классы."
    )

    optional = False  # an extra rule: shown as «и ещё условие»

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("threshold",):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True

    def clean(self):
        data = super().clean()
        if (data.get("min_years") or 0) > (data.get("years_back") or 10):
            self.add_error("min_years", "Не может быть больше, чем лет смотреть.")
        return data

    def rule(self) -> Rule:
        data = self.cleaned_data
        last = data["last_year"]
        return Rule(
            measure_label=dict(Indicator.Measure.choices)[data["measure"]],
            assessment_label=dict(Assessment.choices)[data["assessment"]],
            comparison=data["comparison"],
            threshold=data["threshold"],
            years=list(range(last - data["years_back"] + 1, last + 1)),
            min_years=data["min_years"],
        )


EXTRA_RULES = ("and1", "and2")  # prefixes of the optional rules joined to the first by «и»
_RULE_NUMBERS = ("threshold", "last_year", "years_back", "min_years")


def rule_forms(data) -> list[CandidateRuleForm]:
    """The first rule, and the optional ones the person filled in: a search meets them all.

    An optional rule with none of its numbers typed is left out; one half typed gets its errors.
    """
    forms_ = [CandidateRuleForm(data or None)]
    for prefix in EXTRA_RULES:
        used = bool(data) and any(
            str(data.get(f"{prefix}-{name}", "")).strip() for name in _RULE_NUMBERS
        )
        form = CandidateRuleForm(
            data if used else None, prefix=prefix, use_required_attribute=False
        )
        form.optional = True
        forms_.append(form)
    return forms_


class ListDecisionForm(forms.ModelForm):
    """The order a list comes with: it is what makes the list binding."""

    class Meta:
        model = ListDecision
        fields = ["kind", "order_number", "order_date", "year", "note"]
        widgets = {
            "order_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class DecisionForm(ListDecisionForm):
    is_shnor = forms.BooleanField(label="ШНОР", required=False, initial=True)
    is_shnsu = forms.BooleanField(label="ШНСУ", required=False)
    cohort = forms.CharField(label="Когорта", required=False, max_length=50)

    def clean(self):
        data = super().clean()
        if not (data.get("is_shnor") or data.get("is_shnsu")):
            self.add_error("is_shnor", "Отметьте группу: ШНОР, ШНСУ или обе.")
        return data


class ListImportForm(ListDecisionForm):
    """A list file and its decision; the rows are shown for checking before anything is saved."""

    file = forms.FileField(
        label="Перечень (.xlsx или .csv)",
        help_text="Столбцы: «Код ОО» (или «Наименование ОО»), «Группа» (ШНОР, ШНСУ или «вышла "
        "из перечня»), «Когорта», «Основание».",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > RESULTS_MAX_BYTES:
            raise forms.ValidationError("Файл слишком большой для перечня школ.")
        return upload

    def decision_data(self) -> dict[str, str]:
        """The decision as typed, kept with the draft until the person confirms the list."""
        return {name: self.data.get(name, "") for name in ListDecisionForm.Meta.fields}
