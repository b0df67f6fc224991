"""Spreadsheet import and export of schools and parties in the admin (django-import-export)."""

from import_export import fields, resources

from roadmap_portal.spreadsheets import NamedForeignKeyWidget
from schools.models import Municipality, Party, School


def municipality_field():
    return fields.Field(
        attribute="municipality",
        column_name="Муниципалитет",
        widget=NamedForeignKeyWidget(Municipality, field="name"),
    )


class SchoolResource(resources.ModelResource):
    municipality = municipality_field()
    name = fields.Field(attribute="name", column_name="Наименование")
    short_name = fields.Field(attribute="short_name", column_name="Краткое наименование")
    code = fields.Field(attribute="code", column_name="Код школы")
    base_school = fields.Field(
        attribute="base_school",
        column_name="Базовая школа",
        widget=NamedForeignKeyWidget(School, field="name"),
    )
    head_name = fields.Field(attribute="head_name", column_name="Руководитель")
    address = fields.Field(attribute="address", column_name="Адрес")
    phone = fields.Field(attribute="phone", column_name="Телефон")
    email = fields.Field(attribute="email", column_name="Электронная почта")

    class Meta:
        model = School
        import_id_fields = ["municipality", "name"]
        fields = [
            "municipality",
            "name",
            "short_name",
            "code",
            "base_school",
            "head_name",
            "address",
            "phone",
            "email",
        ]
        skip_unchanged = True


class PartyResource(resources.ModelResource):
    municipality = municipality_field()
    name = fields.Field(attribute="name", column_name="Наименование")
    short_name = fields.Field(attribute="short_name", column_name="Краткое наименование")
    aliases = fields.Field(attribute="aliases", column_name="Другие написания")
    kind = fields.Field(attribute="kind", column_name="Вид")

    class Meta:
        model = Party
        import_id_fields = ["municipality", "name"]
        fields = ["municipality", "name", "short_name", "aliases", "kind"]
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        # People write the kind as it reads ("методический центр"); the database keeps its code.
        labels = {str(label): value for value, label in Party.Kind.choices}
        kind = (row.get("Вид") or "").strip()
        row["Вид"] = labels.get(kind, kind or Party.Kind.OTHER)
