from django import forms

from reports.models import DepartmentRequisites, GeneratedReport, ReportText


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
    """The coordinator's texts of a справка: purpose, a paragraph per section (prefilled with
    the paragraph drafted from the data), conclusions and the signer.

    A section paragraph left as drafted is not stored: the справка keeps drafting it from the
    data as they change; an edited one is printed as written.
    """

    class Meta:
        model = ReportText
        fields = ["purpose", "conclusions", "signer_position", "signer_name"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "conclusions": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, drafts: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.drafts = drafts
        saved = self.instance.section_texts or {}
        self.section_fields = {}
        for index, (section, draft) in enumerate(drafts.items(), 1):
            name = f"section_{index}"
            self.fields[name] = forms.CharField(
                label=f"Раздел «{section}»: что сделано, результат, что не сделано и почему",
                widget=forms.Textarea(attrs={"rows": 6}),
                required=False,
                initial=saved.get(section) or draft,
            )
            self.section_fields[name] = section
        # Sections first, as the справка prints them; conclusions and the signer after.
        self.order_fields(["purpose", *self.section_fields])

    def save(self, commit=True):
        texts = dict(self.instance.section_texts or {})
        for name, section in self.section_fields.items():
            text = self.cleaned_data[name].strip()
            if text and text != self.drafts[section].strip():
                texts[section] = text
            else:
                texts.pop(section, None)
        self.instance.section_texts = texts
        return super().save(commit)


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


class DepartmentRequisitesForm(forms.ModelForm):
    class Meta:
        model = DepartmentRequisites
        fields = ["letterhead", "addressee"]
        widgets = {
            "letterhead": forms.Textarea(attrs={"rows": 3}),
            "addressee": forms.Textarea(attrs={"rows": 4}),
        }
