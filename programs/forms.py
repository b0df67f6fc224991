from django import forms

from display.formats import format_number
from people.models import StaffMember
from programs.carryover import carry_over_errors
from programs.cells import actual_value_errors
from programs.models import Activity, ActivityYear, Edition, Financing, Program, Section
from programs.money import financing_errors
from programs.status import ExecutionStatus
from roadmap_portal.params import int_or_none
from schools.models import Party, School


class ConflictError(Exception):
    """Someone else saved the same record after this form was opened."""


class ActivityYearForm(forms.ModelForm):
    # The time of the last save the person saw: a different one means someone saved in between.
    seen_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ActivityYear
        fields = ["status", "actual_value", "comment", "carried_to_year", "carry_reason"]
        widgets = {
            "comment": forms.Textarea(attrs={"rows": 2}),
            "carry_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "carried_to_year": "Только для исполнения «перенесено».",
            "carry_reason": "Только для исполнения «перенесено».",
        }
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
        self.program_years = self.instance.activity.section.program.years
        later = [py for py in self.program_years if py.year > self.instance.year]
        self.fields["carried_to_year"] = forms.TypedChoiceField(
            label="перенести на год",
            choices=[("", "—"), *((py.year, py.label) for py in later)],
            coerce=int,
            empty_value=None,
            required=False,
            help_text=self.fields["carried_to_year"].help_text,
        )
        self.fields["carried_to_year"].error_messages["invalid_choice"] = (
            "Год переноса должен быть позже текущего и в пределах программы."
        )

    def clean(self):
        cleaned = super().clean()
        errors = carry_over_errors(
            status=cleaned.get("status"),
            reason=cleaned.get("carry_reason", ""),
            target_year=cleaned.get("carried_to_year"),
            source_year=self.instance.year,
            program_years=self.program_years,
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        if cleaned.get("status") != ExecutionStatus.POSTPONED:
            # Undoing a carry-over clears it here; the history keeps the old reason.
            cleaned["carried_to_year"], cleaned["carry_reason"] = None, ""
        return cleaned

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
            "responsible",
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
        self.fields["responsible"].queryset = StaffMember.objects.filter(
            municipality=program.municipality
        )
        self.fields["responsible"].error_messages["invalid_choice"] = (
            "Выберите сотрудника из справочника этого муниципалитета."
        )
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
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Section
        fields = ["number", "title"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

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


class EditionForm(forms.ModelForm):
    """The order approving the draft edition: a number, and a date that has come."""

    class Meta:
        model = Edition
        fields = ["order_organ", "order_number", "order_date", "order_signer", "note"]
        widgets = {
            "order_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "order_organ": {
                "required": "Укажите, кем утверждена редакция (орган, издавший приказ)."
            },
            "order_number": {"required": "Укажите номер приказа."},
            "order_date": {
                "required": "Укажите дату приказа.",
                "invalid": "Дата приказа — в виде ДД.ММ.ГГГГ.",
            },
        }

    def __init__(self, *args, program, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.program, self.today = program, today
        if not self.is_bound:
            self.initial.setdefault("order_organ", program.municipality.department_name)

    def clean_order_number(self):
        number = self.cleaned_data["order_number"].strip().removeprefix("№").strip()
        if not number:
            raise forms.ValidationError("Укажите номер приказа.")
        return number

    def clean_order_date(self):
        order_date = self.cleaned_data["order_date"]
        if order_date > self.today:
            raise forms.ValidationError(
                f"Дата приказа {order_date:%d.%m.%Y} ещё не наступила: редакцию утверждают "
                "изданным приказом."
            )
        latest = self.program.editions.order_by("-number").first()
        if latest and order_date < latest.order_date:
            raise forms.ValidationError(
                f"Приказ не может быть раньше приказа действующей редакции "
                f"({latest.order_date:%d.%m.%Y})."
            )
        return order_date


class FinancingForm(forms.ModelForm):
    class Meta:
        model = Financing
        fields = ["year", "source", "planned", "actual"]
        error_messages = {
            "source": {"required": "Выберите источник финансирования."},
            "planned": {
                "invalid": "Сумма — число, например 15000 или 1 500,50.",
                "max_digits": "Слишком большая сумма.",
                "max_decimal_places": "Не больше двух знаков после запятой (копейки).",
            },
            "actual": {
                "invalid": "Сумма — число, например 15000 или 1 500,50.",
                "max_digits": "Слишком большая сумма.",
                "max_decimal_places": "Не больше двух знаков после запятой (копейки).",
            },
        }

    def __init__(self, *args, program_years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.TypedChoiceField(
            label="год",
            choices=[(py.year, py.label) for py in program_years],
            coerce=int,
            error_messages={"invalid_choice": "Выберите год программы."},
        )
        for name in ("planned", "actual"):
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
            self.fields[name].widget.is_localized = True

    def clean(self):
        cleaned = super().clean()
        errors = financing_errors(
            cleaned.get("source"), cleaned.get("planned"), cleaned.get("actual")
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned


class BaseFinancingFormSet(forms.BaseInlineFormSet):
    def clean(self):
        # Before Django's own uniqueness check, whose message names no field a person knows.
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            key = (form.cleaned_data.get("year"), form.cleaned_data.get("source"))
            if key in seen:
                raise forms.ValidationError(
                    "Один источник указан дважды за один год: объедините суммы в одной строке."
                )
            seen.add(key)
        super().clean()


FinancingFormSet = forms.inlineformset_factory(
    Activity,
    Financing,
    form=FinancingForm,
    formset=BaseFinancingFormSet,
    extra=2,
    can_delete=True,
)
