"""The form a coordinator opens a reporting round with."""

from django import forms

from monitoring.models import ReportingRound
from monitoring.rounds import round_errors, round_period
from programs.models import Activity
from schools.models import School


class RoundForm(forms.ModelForm):
    class Meta:
        model = ReportingRound
        fields = ["year", "period_kind", "period_number", "due_date", "activities", "schools"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "activities": forms.SelectMultiple(attrs={"size": 10, "data-searchable": "1"}),
            "schools": forms.SelectMultiple(attrs={"size": 8, "data-searchable": "1"}),
        }
        error_messages = {
            "due_date": {
                "required": "Укажите срок сдачи отчётов.",
                "invalid": "Срок — дата в виде ДД.ММ.ГГГГ.",
            },
            "activities": {"required": "Выберите мероприятия, по которым школы отчитываются."},
            "schools": {"required": "Выберите школы, которые должны отчитаться."},
            "period_number": {"invalid": "Номер периода — число."},
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["year"] = forms.TypedChoiceField(
            label="год программы",
            choices=[(py.year, py.label) for py in program.years],
            coerce=int,
            error_messages={"invalid_choice": "Выберите год программы."},
        )
        self.fields["activities"].queryset = Activity.objects.filter(
            section__program=program
        ).order_by("section__position", "position", "id")
        self.fields["schools"].queryset = School.objects.filter(
            municipality=program.municipality
        ).order_by("name")
        for name in ("activities", "schools"):
            self.fields[name].error_messages["invalid_choice"] = (
                "Выберите из списка: мероприятия и школы этой программы."
            )
        if not self.is_bound:
            self.initial.setdefault("schools", list(program.target_schools.all()))

    def clean(self):
        cleaned = super().clean()
        errors = round_errors(
            kind=cleaned.get("period_kind"),
            number=cleaned.get("period_number"),
            year=cleaned.get("year"),
            program_years=self.program.years,
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        if self.errors:
            return cleaned
        start, end = round_period(
            cleaned["period_kind"],
            cleaned["period_number"],
            cleaned["year"],
            school_year=self.program.school_year,
        )
        self.instance.period_start, self.instance.period_end = start, end
        if cleaned.get("due_date") and cleaned["due_date"] < start:
            self.add_error(
                "due_date",
                f"Срок сдачи не может быть раньше начала периода ({start:%d.%m.%Y}).",
            )
        return cleaned
