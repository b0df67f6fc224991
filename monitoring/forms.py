from django import forms

from display.formats import format_number
from monitoring.models import EvidenceFile, EvidenceKind, RejectReason, SchoolReport
from monitoring.rules import done_on_errors
from monitoring.services import Decision, FileDecision
from monitoring.uploads import ACCEPTED_LABEL, check_upload
from programs.cells import actual_value_errors

UPLOAD_SLOTS = 3


class ReportForm(forms.ModelForm):
    # The version the person saw: a save based on an older one is refused (services._locked).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = SchoolReport
        fields = ["text", "actual_value", "done_on"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            # Text, not a number input: the value is shown the Russian way ("1,5").
            "actual_value": forms.TextInput(attrs={"inputmode": "decimal"}),
            "done_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "text": "Что проведено, с кем, каков результат.",
            "actual_value": "Число, если мероприятие измеряется количеством (заседаний, человек…).",
        }
        error_messages = {
            "actual_value": {
                "invalid": "Фактическое значение должно быть числом, например 3 или 1,5.",
                "max_digits": "Слишком большое число.",
                "max_decimal_places": "Не больше двух знаков после запятой.",
            },
            "done_on": {"invalid": "Укажите дату проведения, например 15.03.2023."},
        }

    def __init__(self, *args, first_day, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.first_day, self.today = first_day, today
        self.fields["actual_value"].localize = True
        self.fields["actual_value"].widget.is_localized = True
        if not self.is_bound:
            self.initial["version"] = self.instance.version
            if self.instance.actual_value is not None:  # «3», not «3,00»
                self.initial["actual_value"] = format_number(self.instance.actual_value)

    def clean_text(self):
        return self.cleaned_data["text"].strip()

    def clean_actual_value(self):
        value = self.cleaned_data["actual_value"]
        if errors := actual_value_errors(value):
            raise forms.ValidationError(errors)
        return value

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        errors = done_on_errors(done_on, today=self.today, first_day=self.first_day)
        if errors:
            raise forms.ValidationError(errors)
        return done_on

    @property
    def report_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def upload_slot_field(slot: int) -> forms.FileField:
    """One of a form's file slots; the first one says what is accepted and how it is checked."""
    return forms.FileField(
        label=f"Файл {slot}",
        required=False,
        help_text=f"{ACCEPTED_LABEL}; проверяется содержимое файла." if slot == 1 else "",
    )


class UploadSlotsForm(forms.Form):
    """A few file slots, every file checked by its content: a report's evidence, a school
    document's files (risks). `uploads` holds the checked files once the form is valid."""

    slots = UPLOAD_SLOTS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for slot in range(1, self.slots + 1):
            self.fields[f"file_{slot}"] = upload_slot_field(slot)
        self.uploads = []

    def ask_to_reattach(self):
        """A page sent back with errors cannot keep the chosen files (a browser empties file
        inputs), so every file that was fine says beside it that it was not saved: nothing
        looks attached that is not."""
        for slot in range(1, self.slots + 1):
            field = f"file_{slot}"
            upload = self.files.get(self.add_prefix(field))
            if upload and field not in self.errors:
                self.add_error(
                    field,
                    f"Файл «{upload.name}» не сохранён, потому что в форме есть ошибки: "
                    "выберите его снова.",
                )


class EvidenceUploadForm(UploadSlotsForm):
    """Each slot a file and its kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for slot in range(1, self.slots + 1):
            self.fields[f"kind_{slot}"] = forms.ChoiceField(
                label="Вид документа",
                choices=[("", "— выберите —"), *EvidenceKind.choices],
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        for slot in range(1, self.slots + 1):
            upload, kind = cleaned.get(f"file_{slot}"), cleaned.get(f"kind_{slot}")
            if not upload:
                continue
            if not kind:
                self.add_error(
                    f"kind_{slot}",
                    "Выберите вид документа: приказ, протокол, справка, фотоотчёт или другое.",
                )
            try:
                checked = check_upload(upload)
            except forms.ValidationError as error:
                self.add_error(f"file_{slot}", error)
            else:
                if kind:
                    self.uploads.append((checked, kind))
        return cleaned


def _button_choice(choices, message):
    """A choice made with the form's buttons: one message whether it is missing or unknown."""
    return forms.ChoiceField(
        choices=choices, error_messages={"required": message, "invalid_choice": message}
    )


def _optional_text(label, help_text, *, max_length, rows):
    """A text the decision may need: whether it must be filled is for the service to say."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ReviewForm(forms.Form):
    decision = _button_choice(
        [
            (Decision.ACCEPT, "Принять отчёт"),
            (Decision.RETURN, "Вернуть на доработку"),
            (Decision.FILES_ONLY, "Сохранить отметки по файлам"),
        ],
        "Выберите решение.",
    )
    comment = _optional_text(
        "Адресные рекомендации школе",
        "Обязательны, если отчёт возвращается на доработку.",
        max_length=5000,
        rows=4,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class EvidenceReviewForm(forms.Form):
    review = forms.ChoiceField(label="Решение по файлу", choices=EvidenceFile.Review.choices)
    reject_reason = forms.ChoiceField(
        label="Причина отклонения",
        choices=[("", "—"), *RejectReason.choices],
        required=False,
    )
    review_note = forms.CharField(label="Пояснение", required=False, max_length=1000)

    def __init__(self, *args, evidence, **kwargs):
        super().__init__(
            *args,
            prefix=f"file-{evidence.pk}",
            initial={
                "review": evidence.review,
                "reject_reason": evidence.reject_reason,
                "review_note": evidence.review_note,
            },
            **kwargs,
        )
        self.evidence = evidence

    def clean(self):
        cleaned = super().clean()
        rejected = cleaned.get("review") == EvidenceFile.Review.REJECTED
        if not rejected:
            cleaned["reject_reason"] = ""
        elif not cleaned.get("reject_reason"):
            self.add_error("reject_reason", "Укажите причину отклонения файла.")
        if cleaned.get("reject_reason") == RejectReason.OTHER and not cleaned.get("review_note"):
            self.add_error("review_note", "Для причины «другое» напишите пояснение.")
        return cleaned

    @property
    def decision(self) -> FileDecision:
        data = self.cleaned_data
        return FileDecision(data["review"], data["reject_reason"], data["review_note"].strip())


class YearClosureForm(forms.Form):
    action = _button_choice(
        [("close", "Закрыть год"), ("reopen", "Открыть год снова")], "Выберите действие."
    )
    reason = _optional_text(
        "Основание",
        "Чтобы открыть закрытый год снова, укажите причину: она останется в истории.",
        max_length=2000,
        rows=2,
    )
