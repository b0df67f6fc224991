"""When one file of a submit fails its check, the files that were fine are not silently dropped
while their «Вид документа» stays selected: each says it was not saved and must be chosen again."""

from monitoring.models import EvidenceFile, SchoolReport
from tests.monitoring_tests import files
from tests.monitoring_tests.conftest import report_data, stored_files


def _errors_beside(page, slot):
    """The text between a file slot's label and the next slot's."""
    start = page.index(f'for="id_file_{slot}"')
    end = page.find(f'for="id_file_{slot + 1}"', start)
    return page[start : end if end != -1 else None]


def test_a_bad_file_keeps_the_good_ones_from_looking_attached(world, client, media_root):
    client.force_login(world.head)
    bad = files.SimpleUploadedFile("Протокол.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    data = report_data(
        text="Проведено совещание",
        files=[(files.pdf("Приказ № 12.pdf"), "order"), (bad, "protocol")],
    )
    response = client.post(world.start_url(), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert not SchoolReport.objects.exists() and not EvidenceFile.objects.exists()
    assert stored_files(media_root) == []
    good_slot = _errors_beside(page, 1)
    assert "Файл «Приказ № 12.pdf» не сохранён" in good_slot
    assert "выберите его снова" in good_slot
    assert "не сохранён" not in _errors_beside(page, 2)  # the bad one has its own reason


def test_a_report_error_also_asks_for_the_files_again(world, client, media_root):
    client.force_login(world.head)
    data = report_data(value="три", files=[(files.png("Фото.png"), "photo")])
    page = client.post(world.start_url(), data).content.decode()
    assert "Фактическое значение должно быть числом" in page
    assert "Файл «Фото.png» не сохранён" in _errors_beside(page, 1)


def test_a_valid_submit_keeps_every_file(world, client, media_root):
    client.force_login(world.head)
    data = report_data(
        text="Проведено",
        files=[(files.pdf("Приказ.pdf"), "order"), (files.png("Фото.png"), "photo")],
    )
    assert client.post(world.start_url(), data).status_code == 302
    assert sorted(EvidenceFile.objects.values_list("original_name", flat=True)) == [
        "Приказ.pdf",
        "Фото.png",
    ]
