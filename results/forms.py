from django import forms

from programs.models import Activity
from results.judgement import NUMERIC_DIRECTIONS
from results.models import Assessment, Indicator, IndicatorYear, SchoolIndicatorValue


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
