from django import forms

from display.formats import format_number
from programs.cells import actual_value_errors
from programs.models import Activity, ActivityYear, Program, Section
from roadmap_portal.params import int_or_none
from schools.models import Party, School


class ConflictError(Exception):
    """Someone else saved the same record after this form was opened."""


class ActivityYearForm(forms.ModelForm):
    # The time of the last save the person saw: a different one means someone saved in between.
    seen_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ActivityYear
        fields = ["status", "actual_value", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "actual_value": {
                "invalid": "Фактическое значение должно быть числом, например 3 или 1,5.",
                "max_digits": "Слишком большое число.",
                "max_decimal_places": "Не больше двух знаков после запятой.",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actual_value"].localize = True
        self.fields["actual_value"].widget.is_localized = True
        if not self.is_bound:
            self.initial["seen_updated_at"] = self.instance.updated_at.isoformat()
            if self.instance.actual_value is not None:  # «3», not «3,00»
                self.initial["actual_value"] = format_number(self.instance.actual_value)

    def clean_actual_value(self):
        value = self.cleaned_data["actual_value"]
        if errors := actual_value_errors(value):
            raise forms.ValidationError(errors)
        return value


class ActivityForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Activity
        fields = [
            "section",
            "number",
            "title",
            "deadline",
            "result_name",
            "planned_value",
            "indicator_text",
            "executors_text",
            "executors",
            "schools",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "result_name": forms.Textarea(attrs={"rows": 2}),
            "planned_value": forms.Textarea(attrs={"rows": 2}),
            "indicator_text": forms.Textarea(attrs={"rows": 2}),
            "executors_text": forms.Textarea(attrs={"rows": 2}),
            "executors": forms.SelectMultiple(attrs={"size": 8, "data-searchable": "1"}),
            "schools": forms.SelectMultiple(attrs={"size": 8, "data-searchable": "1"}),
        }
        error_messages = {"title": {"required": "Укажите наименование мероприятия."}}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(program=program)
        self.fields["section"].error_messages["invalid_choice"] = "Выберите раздел этой программы."
        self.fields["executors"].queryset = Party.objects.filter(municipality=program.municipality)
        self.fields["schools"].queryset = School.objects.filter(municipality=program.municipality)
        self.fields[
            "executors"
        ].help_text = "Первым сохраняется ответственный: порядок — как в списке."
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        if self.instance.pk is None:  # later, a year's plan is changed in its own cell
            for number, program_year in enumerate(program.years):
                self.fields[self.plan_field(program_year.year)] = forms.CharField(
                    label=f"План на {program_year.label}",
                    required=False,
                    max_length=ActivityYear._meta.get_field("planned_text").max_length,
                    help_text="" if number else "Как в документе: «+», число или текст.",
                )

    @staticmethod
    def plan_field(year: int) -> str:
        return f"plan_{year}"

    def plans(self) -> dict[int, str]:
        """The plan of each program year typed into a new activity's form."""
        prefix = self.plan_field(0)[:-1]
        return {
            int(name.removeprefix(prefix)): value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix) and value and value.strip()
        }


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["number", "title"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("number") or "").strip() and not (cleaned.get("title") or "").strip():
            raise forms.ValidationError("Укажите номер или наименование раздела.")
        return cleaned


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            "municipality",
            "title",
            "roadmap_title",
            "status",
            "start_year",
            "end_year",
            "school_year",
            "order_number",
            "order_date",
            "order_signer",
            "responsible_name",
            "responsible_position",
            "target_schools",
            "is_public",
        ]
        widgets = {
            "order_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "target_schools": forms.SelectMultiple(attrs={"size": 8, "data-searchable": "1"}),
        }
        error_messages = {
            "title": {"required": "Укажите наименование программы."},
            "start_year": {"required": "Укажите год начала.", "invalid": "Год — это число."},
            "end_year": {"required": "Укажите год окончания.", "invalid": "Год — это число."},
        }

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].error_messages["invalid_choice"] = (
            "Выберите муниципалитет, программы которого вы ведёте."
        )
        municipality_id = self.data.get("municipality") or self.initial.get("municipality")
        if self.instance.pk:
            municipality_id = self.instance.municipality_id
            self.fields["municipality"].disabled = True
        self.fields["target_schools"].queryset = School.objects.filter(
            municipality_id=int_or_none(municipality_id)
        )
        for name in ("start_year", "end_year"):
            self.fields[name].min_value = 2000
            self.fields[name].max_value = 2100
