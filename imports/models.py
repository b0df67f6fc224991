from django.db import models

from programs.models import Program


class SourceForm(models.Model):
    """How the program's roadmap looked in the document it was imported from, so that exports
    can give it back in that form: header levels, numbering row, column order, table captions,
    several tables, and how the section headings nest (the program's sections are flat)."""

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, related_name="source_form", verbose_name="программа"
    )
    filename = models.CharField("файл", max_length=255, blank=True)
    kind = models.CharField("формат", max_length=10, blank=True)  # docx, xlsx, pdf, csv, text
    title = models.TextField("заголовок дорожной карты", blank=True)
    # One dict per table: {"caption", "header": [[{"text", "span"}]], "numbering", "columns"}.
    tables = models.JSONField("таблицы", default=list)
    # The level of each section, in the order of the program's sections (1 = top heading).
    section_levels = models.JSONField("вложенность разделов", default=list)
    # The table of each section (an index in ``tables``), in the order of the program's sections.
    section_tables = models.JSONField("таблицы разделов", default=list)
    # Lines as written: the block at the top right («Приложение № 1 к приказу …»,
    # «УТВЕРЖДЕНА приказом …») and the signature under the roadmap; [] when it had none.
    approval = models.JSONField("гриф утверждения", default=list)
    signature = models.JSONField("подпись", default=list)
    imported_at = models.DateTimeField("загружено", auto_now=True)

    class Meta:
        verbose_name = "вид исходного документа"
        verbose_name_plural = "виды исходных документов"

    def __str__(self):
        return f"{self.program}: {self.filename or self.kind}"
