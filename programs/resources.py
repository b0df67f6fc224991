"""Spreadsheet import and export of roadmap activities in the admin (django-import-export)."""

from import_export import fields, resources

from programs.models import Activity, Section
from roadmap_portal.spreadsheets import NamedForeignKeyWidget


class ActivityResource(resources.ModelResource):
    section = fields.Field(
        attribute="section",
        column_name="Раздел (id)",
        widget=NamedForeignKeyWidget(Section),
    )
    position = fields.Field(attribute="position", column_name="Порядок")
    number = fields.Field(attribute="number", column_name="Номер")
    title = fields.Field(attribute="title", column_name="Наименование мероприятия")
    deadline = fields.Field(attribute="deadline", column_name="Срок")
    result_name = fields.Field(attribute="result_name", column_name="Результат")
    planned_value = fields.Field(attribute="planned_value", column_name="Плановое значение")
    indicator_text = fields.Field(attribute="indicator_text", column_name="Показатель")
    executors_text = fields.Field(attribute="executors_text", column_name="Исполнители")

    class Meta:
        model = Activity
        fields = [
            "id",
            "section",
            "position",
            "number",
            "title",
            "deadline",
            "result_name",
            "planned_value",
            "indicator_text",
            "executors_text",
        ]
        skip_unchanged = True
