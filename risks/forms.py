from django import forms

from monitoring.forms import UploadSlotsForm
from monitoring.uploads import check_upload
from risks.levels import RiskLevel, level_label
from risks.models import DocumentKind, ProfileSource, RiskFactor, SchoolDocument
from risks.services import Decision

YEAR_BOUNDS = (2000, 2100)
NOT_ASSESSED = ("", "— не оценён —")


def _year_field(label, **kwargs):
    return forms.IntegerField(
        label=label,
        min_value=YEAR_BOUNDS[0],
        max_value=YEAR_BOUNDS[1],
        error_messages={
            "invalid": "Год — четыре цифры, например 2023.",
            "min_value": f"Год не раньше {YEAR_BOUNDS[0]}.",
            "max_value": f"Год не позже {YEAR_BOUNDS[1]}.",
            "required": "Укажите год.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
        **kwargs,
    )


class ProfileForm(forms.Form):
    """The levels of every factor of the year, and where they come from."""

    source = forms.ChoiceField(
        label="Источник",
        choices=[("", "— выберите —"), *ProfileSource.choices],
        error_messages={
            "required": "Укажите источник: анкетирование, самодиагностика или муниципальный анализ."
        },
    )

    def __init__(self, *args, factors, profile=None, **kwargs):
        levels = getattr(profile, "level_of", {}) if profile else {}
        initial = {f"factor_{factor.pk}": levels.get(factor.pk, "") for factor in factors}
        if profile:
            initial["source"] = profile.source
        super().__init__(*args, initial=initial, **kwargs)
        self.factors = factors
        choices = [NOT_ASSESSED, *((level.value, level_label(level)) for level in RiskLevel)]
        for factor in factors:
            self.fields[f"factor_{factor.pk}"] = forms.ChoiceField(
                label=str(factor), choices=choices, required=False
            )

    @property
    def factor_fields(self):
        return [(factor, self[f"factor_{factor.pk}"]) for factor in self.factors]

    @property
    def levels(self) -> dict[int, str]:
        return {factor.pk: self.cleaned_data[f"factor_{factor.pk}"] for factor in self.factors}


class DocumentForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    first_year = _year_field("Действует с года")
    last_year = _year_field("Действует по год")

    class Meta:
        model = SchoolDocument
        fields = [
            "kind",
            "factor",
            "title",
            "first_year",
            "last_year",
            "order_number",
            "order_date",
        ]
        widgets = {"order_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "kind": {"required": "Выберите вид документа."},
            "order_date": {"invalid": "Дата приказа — например 01.09.2023."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["factor"].queryset = RiskFactor.objects.all()
        self.fields["factor"].empty_label = "— только для антирисковой программы —"
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        kind, factor = cleaned.get("kind"), cleaned.get("factor")
        if kind == DocumentKind.ANTIRISK and factor is None:
            self.add_error("factor", "Антирисковая программа пишется на один фактор: выберите его.")
        if kind and kind != DocumentKind.ANTIRISK and factor is not None:
            self.add_error("factor", "Фактор риска указывается только у антирисковой программы.")
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and first > last:
            self.add_error("last_year", "Год окончания не может быть раньше года начала.")
        if (
            factor is not None
            and first
            and not RiskFactor.objects.of_year(first).filter(pk=factor.pk).exists()
        ):
            self.add_error("factor", f"Этот фактор не входит в перечень {first:d} года.")
        return cleaned

    @property
    def document_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DocumentUploadForm(UploadSlotsForm):
    slots = 2

    def clean(self):
        cleaned = super().clean()
        for slot in range(1, self.slots + 1):
            upload = cleaned.get(f"file_{slot}")
            if not upload:
                continue
            try:
                self.uploads.append(check_upload(upload))
            except forms.ValidationError as error:
                self.add_error(f"file_{slot}", error)
        return cleaned


class DocumentReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(Decision.APPROVE, "Утвердить"), (Decision.RETURN, "Вернуть на доработку")],
        error_messages={"required": "Выберите решение.", "invalid_choice": "Выберите решение."},
    )
    comment = forms.CharField(
        label="Заключение эксперта и рекомендации школе",
        help_text="Обязательны, если документ возвращается на доработку.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProfileImportForm(forms.Form):
    file = forms.FileField(
        label="Файл XLSX",
        help_text="Первая строка — заголовки: «Код школы» и по столбцу на фактор (номер или "
        "название фактора); в ячейках уровень словом или числом.",
        error_messages={"required": "Выберите файл .xlsx с профилями рисков."},
    )
    year = _year_field("Год профиля")
    source = forms.ChoiceField(
        label="Источник",
        choices=[("", "— выберите —"), *ProfileSource.choices],
        error_messages={"required": "Укажите источник профилей."},
    )


class ActivityFactorsForm(forms.Form):
    factors = forms.ModelMultipleChoiceField(
        label="Факторы риска, на которые отвечает мероприятие",
        queryset=RiskFactor.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Такого фактора риска нет в перечне."},
    )
