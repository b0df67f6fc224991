"""`manage.py import_roadmap`: the JSON contract, dry runs and refusals with a non-zero exit."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from programs.models import Activity, Program

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"
SEED_001 = SEEDS / "001_6243421780018668.docx"


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_roadmap", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_json_dry_run_prints_the_contract_and_writes_nothing(cast):
    out, _ = run(str(SEED_001), "--dry-run", "--json")
    data = json.loads(out)
    assert list(data) == ["title", "municipality", "period", "columns", "tables", "sections"]
    assert data["municipality"] == "Знаменский район" and data["period"] == "2019-2021"
    first = data["sections"][0]["activities"][0]
    assert list(first) == [
        "number",
        "title",
        "deadline",
        "years",
        "result",
        "planned_value",
        "responsible",
        "indicator",
    ]
    assert first["number"] == "1" and first["deadline"] == "2019"
    assert Program.objects.count() == 2  # the cast's own


@pytest.mark.django_db
def test_import_finds_the_municipality_named_in_the_document(cast):
    cast.b.municipality.name = "Знаменский район"
    cast.b.municipality.save()
    run(str(SEED_001))
    program = Program.objects.exclude(pk__in=[cast.a.program.pk, cast.b.program.pk]).get()
    assert program.municipality == cast.b.municipality
    assert program.status == Program.Status.DRAFT
    assert (program.start_year, program.end_year) == (2019, 2021)
    assert program.order_number == "55"
    assert Activity.objects.filter(section__program=program).count() == 36


@pytest.mark.django_db
def test_replacing_a_draft_keeps_the_program(cast):
    draft = cast.a.program
    draft.status = Program.Status.DRAFT
    draft.save()
    run(str(SEEDS / "000_7f9a2473aa5e70ca.xlsx"), "--program", str(draft.pk))
    assert list(draft.sections.values_list("number", flat=True)) == ["1.", "2.", "3.", "4."]
    assert Activity.objects.filter(section__program=draft).count() == 11


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/file.docx"], "Файл не найден"),
        ([str(SEED_001), "--program", "999999"], "Программа с id 999999 не найдена."),
        ([str(SEEDS / "000_7f9a2473aa5e70ca.docx")], "Не удалось определить муниципалитет"),
    ],
)
def test_refusals_exit_non_zero_with_a_russian_message(cast, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert Program.objects.count() == 2


@pytest.mark.django_db
def test_completed_program_is_not_replaced(cast):
    Program.objects.filter(pk=cast.a.program.pk).update(status=Program.Status.COMPLETED)
    with pytest.raises(CommandError, match="завершена: её дорожную карту не меняют"):
        run(str(SEED_001), "--program", str(cast.a.program.pk))
    assert cast.a.program.sections.count() == 1


@pytest.mark.django_db
def test_bad_file_exits_non_zero(cast, tmp_path):
    broken = tmp_path / "карта.docx"
    broken.write_bytes(b"PK\x03\x04 definitely not a word document")
    with pytest.raises(CommandError):
        run(str(broken))
    assert Program.objects.count() == 2


def _png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    return buffer.getvalue()


def run_child(*args):
    """`manage.py import_roadmap` as its own process, on this test's database (as the worker is)."""
    import os
    import subprocess
    import sys

    from tests.worker import test_database_url

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": test_database_url(),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "import_roadmap", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_the_command_process_writes_into_the_database_the_tests_read(cast):
    """The control for the refusals below: a good document run the same way does write."""
    result = run_child(str(SEED_001), "--municipality", str(cast.b.municipality.pk))
    assert result.returncode == 0, result.stderr
    assert Program.objects.count() == 3
    assert Program.objects.filter(municipality=cast.b.municipality, order_number="55").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("картинка.xlsx", _png()),
        ("защищённая.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("пустая.csv", "№;Мероприятие;Срок\n".encode()),
        ("письмо.txt", "Уважаемые коллеги! Просим направить отчёт.".encode()),
        ("огромная.docx", b"PK" + b"\x00" * (50 * 1024 * 1024)),
    ],
)
def test_bad_documents_exit_non_zero_and_write_nothing(cast, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_child(str(path), "--municipality", str(cast.a.municipality.pk))
    assert result.returncode == 1
    assert result.stderr.startswith("CommandError: ") and "Traceback" not in result.stderr
    assert any("а" <= char <= "я" for char in result.stderr.lower())  # the message is Russian
    assert Program.objects.count() == 2


@pytest.mark.django_db
def test_document_of_another_district_is_imported_where_asked_with_a_warning(cast):
    _, err = run(str(SEED_001), "--municipality", str(cast.a.municipality.pk))
    assert (
        "Внимание: в документе указан муниципалитет «Знаменский район», а программа "
        "загружается в «Ремонтненский район»"
    ) in err
    program = Program.objects.exclude(pk__in=[cast.a.program.pk, cast.b.program.pk]).get()
    assert program.municipality == cast.a.municipality


@pytest.mark.django_db(transaction=True)
def test_the_command_refuses_a_table_over_the_portal_limits(cast, tmp_path):
    """The command checks rows and cells as the portal does, before parsing anything."""
    from tests.imports_tests.test_import_limits import _rows_xlsx

    path = tmp_path / "большая.xlsx"
    path.write_bytes(_rows_xlsx(settings.IMPORT_MAX_ROWS + 10))
    result = run_child(str(path), "--municipality", str(cast.a.municipality.pk))
    assert result.returncode == 1
    assert result.stderr.startswith("CommandError: В таблице 10\u00a0011 строк")
    assert "Разделите дорожную карту" in result.stderr and "Traceback" not in result.stderr
    assert Program.objects.count() == 2
