from django import forms

from reports.models import GeneratedReport, ReportText


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label="Что сформировать", choices=GeneratedReport.Kind.choices)
    format = forms.ChoiceField(label="Формат", choices=GeneratedReport.Format.choices)
    year = forms.TypedChoiceField(label="Отчётный год", coerce=int, required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(py.year, py.label) for py in program.years]
        self.fields["year"].error_messages["invalid_choice"] = (
            "Отчётный год должен быть одним из лет программы."
        )


class ReportTextForm(forms.ModelForm):
    class Meta:
        model = ReportText
        fields = ["conclusions", "signer_position", "signer_name"]
        widgets = {"conclusions": forms.Textarea(attrs={"rows": 8})}


class ScopeReportForm(forms.Form):
    """A справка across a municipality's programs, or of one school's part in them."""

    format = forms.ChoiceField(label="Формат", choices=GeneratedReport.Format.choices)
    year = forms.TypedChoiceField(label="Отчётный год", coerce=int)
    conclusions = forms.CharField(
        label="Выводы и адресные рекомендации",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in sorted(years)]
        self.fields["year"].error_messages["invalid_choice"] = (
            "Отчётный год должен быть одним из лет программ."
        )
