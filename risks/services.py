"""Writes of risk profiles and school documents: each write is one transaction.

The document review loop follows the school reports (monitoring.services): the head writes and
sends for review, the coordinator approves or returns with recommendations; each decision is a
DocumentReview row, each change a history record; a write based on an older version is refused.
A refused write leaves nothing behind, no row and no file on disk.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from monitoring.models import generated_name
from monitoring.recipients import coordinators_of, heads_of
from monitoring.services import notify
from monitoring.uploads import files_removed_on_failure
from risks.models import (
    DocumentFile,
    DocumentKind,
    DocumentReview,
    DocumentStatus,
    FactorLevel,
    RiskFactor,
    RiskProfile,
    SchoolDocument,
)


class DocumentConflict(Exception):
    """Someone else changed the document after this page was opened: nothing was saved."""


class Decision:
    APPROVE = "approve"
    RETURN = "return"


# --- Risk profiles ----------------------------------------------------------------------------


def save_profile(*, user, school, year: int, source: str, levels: dict[int, str]) -> RiskProfile:
    """Set a school's profile of a year: factor id → level ("" removes the factor's level)."""
    known = set(RiskFactor.objects.of_year(year).values_list("pk", flat=True))
    unknown = set(levels) - known
    if unknown:
        names = ", ".join(f"«{factor}»" for factor in RiskFactor.objects.filter(pk__in=unknown))
        raise ValidationError(
            f"В {year:d} году нет таких факторов риска: {names or 'неизвестный фактор'}."
        )
    with transaction.atomic():
        profile, _created = RiskProfile.objects.select_for_update().get_or_create(
            school=school, year=year, defaults={"source": source, "updated_by": user}
        )
        profile.source, profile.updated_by = source, user
        profile.save()  # the profile's history says who changed it, even if only levels moved
        current = {row.factor_id: row for row in profile.levels.all()}
        for factor_id, level in levels.items():
            row = current.get(factor_id)
            if not level:
                if row is not None:
                    row.delete()
            elif row is None:
                FactorLevel.objects.create(profile=profile, factor_id=factor_id, level=level)
            elif row.level != level:
                row.level = level
                row.save()
    return profile


def import_profiles(*, user, year: int, source: str, rows) -> int:
    """All rows (school, levels) or none: one transaction; returns how many profiles were set."""
    with transaction.atomic():
        for school, levels in rows:
            save_profile(user=user, school=school, year=year, source=source, levels=levels)
    return len(rows)


# --- School documents ---------------------------------------------------------------------------


def _store_files(document, uploads, user, stored: list[str]):
    for checked in uploads:
        stored_file = DocumentFile(
            document=document,
            original_name=checked.original_name,
            content_type=checked.format.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=user,
        )
        stored_file.file.save(generated_name(checked.format.extension), checked.upload, save=False)
        stored.append(stored_file.file.name)
        stored_file.save()


def _document_link(document) -> str:
    return reverse("risk_document_detail", args=[document.pk])


def _submission_errors(document, file_count: int) -> list[str]:
    errors = []
    if not file_count:
        errors.append("Приложите файл документа: без него отправить на экспертизу нельзя.")
    if not (document.order_number and document.order_date):
        errors.append(
            "Укажите номер и дату приказа школы, которым утверждён документ: эксперт проверяет "
            "утверждённый документ."
        )
    return errors


def _submit(document, file_count: int):
    errors = _submission_errors(document, file_count)
    if errors:
        raise ValidationError(errors)
    document.status = DocumentStatus.ON_REVIEW
    document.submitted_at = timezone.now()
    notify(
        coordinators_of(document.school.municipality_id, document.school_id),
        f"Школа «{document.school}» отправила на экспертизу: {document.label}.",
        _document_link(document),
    )


def _refuse_bad_fields(document):
    if document.first_year > document.last_year:
        raise ValidationError("Год начала действия документа не может быть позже года окончания.")
    if (document.kind == DocumentKind.ANTIRISK) != (document.factor_id is not None):
        raise ValidationError(
            "Фактор риска указывается для антирисковой программы, и только для неё."
        )


def _save_unique(document):
    """Saved, or DocumentConflict: one document of a kind (a programme per factor) a period."""
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        raise DocumentConflict(
            "Такой документ школы на этот период уже есть: откройте его в списке документов."
        ) from None


def create_document(*, user, school, fields: dict, uploads, submit: bool) -> SchoolDocument:
    with files_removed_on_failure() as stored, transaction.atomic():
        document = SchoolDocument(school=school, created_by=user, **fields)
        _refuse_bad_fields(document)
        _save_unique(document)
        _store_files(document, uploads, user, stored)
        if submit:
            _submit(document, len(uploads))
            document.save()
    return document


def _locked(document_id: int, seen_version) -> SchoolDocument:
    document = (
        SchoolDocument.objects.select_for_update(of=("self",))
        .select_related("school", "factor")
        .get(pk=document_id)
    )
    if document.version != seen_version:
        raise DocumentConflict(
            "Документ уже изменил другой пользователь: сейчас он "
            f"«{document.get_status_display()}». Ваши изменения не сохранены — откройте "
            "документ заново и проверьте его."
        )
    return document


def _refuse_locked_for_school(document):
    if not document.is_editable_by_school:
        raise ValidationError(
            f"Документ «{document.get_status_display()}»: изменить его можно, только если эксперт "
            "вернёт его на доработку."
        )


def update_document(
    *, user, document_id: int, version, fields: dict, uploads, submit: bool
) -> SchoolDocument:
    """The school's changes (and new files) to a document not yet sent, or sent back."""
    with files_removed_on_failure() as stored, transaction.atomic():
        document = _locked(document_id, version)
        _refuse_locked_for_school(document)
        for name, value in fields.items():
            setattr(document, name, value)
        _refuse_bad_fields(document)
        document.version += 1
        _store_files(document, uploads, user, stored)
        if submit:
            _submit(document, document.files.count())
        _save_unique(document)
    return document


def delete_document_file(*, stored_file: DocumentFile, version):
    with transaction.atomic():
        document = _locked(stored_file.document_id, version)
        _refuse_locked_for_school(document)
        name = stored_file.file.name
        stored_file.delete()
        document.version += 1
        document.save(update_fields=["version", "updated_at"])
        transaction.on_commit(partial(default_storage.delete, name))


def review_document(
    *, user, document_id: int, version, decision: str, comment: str = ""
) -> SchoolDocument:
    """The expert's decision: approve, or return with recommendations (which are then needed)."""
    comment = comment.strip()
    with transaction.atomic():
        document = _locked(document_id, version)
        if document.status != DocumentStatus.ON_REVIEW:
            raise ValidationError(
                f"Документ не ждёт экспертизы: сейчас он «{document.get_status_display()}»."
            )
        if decision == Decision.RETURN and not comment:
            raise ValidationError(
                "Напишите рекомендации: школа должна знать, что исправить в документе."
            )
        if decision not in (Decision.APPROVE, Decision.RETURN):
            raise ValidationError("Выберите решение: утвердить или вернуть на доработку.")
        document.status = (
            DocumentStatus.APPROVED if decision == Decision.APPROVE else DocumentStatus.NEEDS_WORK
        )
        document.reviewed_by = user
        document.reviewed_at = timezone.now()
        document.version += 1
        document.save()
        DocumentReview.objects.create(
            document=document, decision=document.status, comment=comment, reviewer=user
        )
        if document.status == DocumentStatus.APPROVED:
            text = f"Документ прошёл экспертизу и утверждён: {document.label}."
        else:
            text = f"Документ возвращён на доработку: {document.label}. Рекомендации: {comment}"
        notify(heads_of(document.school_id), text, _document_link(document))
    return document
