"""django-import-export pieces shared by the admin resources of several apps."""

from import_export.widgets import ForeignKeyWidget


class NamedForeignKeyWidget(ForeignKeyWidget):
    """A foreign key looked up by name, with a row error a person can act on, in Russian."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            label = self.model._meta.verbose_name
            raise ValueError(
                f"Не найден объект «{label}»: «{value}». Проверьте написание."
            ) from None
        except self.model.MultipleObjectsReturned:
            label = self.model._meta.verbose_name_plural
            raise ValueError(f"Несколько объектов «{label}» с именем «{value}».") from None
