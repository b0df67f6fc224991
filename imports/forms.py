from django import forms

from imports.limits import check_import_text, check_import_upload
from imports.parsing import DEFAULT_MAX_BYTES, FIELDS, SECTION_FIELD, YEAR_PREFIX
from programs.models import Program

# Statuses whose roadmap an import may turn into a new edition (a finished program is history).
EDITION_STATUSES = (Program.Status.APPROVED,)


def _program_choice(program) -> str:
    if program.status == Program.Status.DRAFT:
        return f"{program} — черновик: заменить дорожную карту"
    return f"{program} — {program.get_status_display()}: новая редакция"


FIELD_LABELS = {
    "number": "№",
    "title": "Наименование мероприятия",
    "deadline": "Срок",
    "result": "Результат",
    "planned_value": "Плановое значение",
    "responsible": "Исполнители",
    "indicator": "Показатель",
    SECTION_FIELD: "Раздел (задача)",
}


class UploadForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label="Муниципалитет новой программы", queryset=None, required=False, empty_label="—"
    )
    program = forms.ModelChoiceField(
        label="…или загрузить в существующую программу",
        help_text="У черновика дорожная карта заменяется; у утверждённой программы документ "
        "становится новой редакцией, которую утверждают приказом.",
        queryset=None,
        required=False,
        empty_label="— создать новую программу —",
    )
    title = forms.CharField(label="Наименование программы", max_length=500, required=False)
    file = forms.FileField(
        label="Файл (.docx, .xlsx, .pdf, .csv, .txt)",
        required=False,
        help_text=f"До {DEFAULT_MAX_BYTES // (1024 * 1024)} МБ.",
    )
    text = forms.CharField(
        label="…или вставьте таблицу, скопированную из Word или Excel",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        only = list(municipalities[:2])
        if len(only) == 1:  # a specialist's own municipality, not «—»
            self.fields["municipality"].initial = only[0].pk
        self.fields["program"].queryset = Program.objects.filter(
            municipality__in=municipalities,
            status__in=[Program.Status.DRAFT, *EDITION_STATUSES],
        ).order_by("status", "title")
        self.fields["program"].label_from_instance = _program_choice

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if not upload and not text:
            raise forms.ValidationError("Загрузите файл или вставьте таблицу.")
        if upload and text:
            raise forms.ValidationError("Выберите что-то одно: файл или вставленную таблицу.")
        if upload and upload.size > DEFAULT_MAX_BYTES:
            limit = DEFAULT_MAX_BYTES // (1024 * 1024)
            self.add_error("file", f"Файл больше {limit} МБ: разделите документ или сожмите его.")
        elif upload:
            self._check_size(lambda: check_import_upload(upload), "file")
        elif text:
            self._check_size(lambda: check_import_text(text), "text")
        if not cleaned.get("program") and not cleaned.get("municipality"):
            self.add_error(
                "municipality", "Выберите муниципалитет новой программы или существующую программу."
            )
        return cleaned

    def _check_size(self, check, field):
        try:
            check()
        except forms.ValidationError as error:
            self.add_error(field, error)


def column_choices(columns):
    """Choices for re-mapping one column: every field, every year seen, or "skip"."""
    years = sorted({c for c in columns if c and c.startswith(YEAR_PREFIX)})
    choices = [("", "— не загружать —")]
    choices += [(name, label) for name, label in FIELD_LABELS.items()]
    choices += [(year, f"Год {year.removeprefix(YEAR_PREFIX)}") for year in years]
    return choices


def column_map_from(data, columns) -> dict[int, str | None] | None:
    """The column mapping a person chose on the preview page; None when they changed nothing."""
    allowed = {value for value, _label in column_choices(columns)} | set(FIELDS)
    chosen = {}
    for index, current in enumerate(columns):
        key = f"column_{index}"
        if key not in data:
            continue
        value = data[key] or None
        if value is not None and value not in allowed:
            continue
        if value != current:
            chosen[index] = value
    return chosen or None
