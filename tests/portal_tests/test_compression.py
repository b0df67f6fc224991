"""Pages travel gzipped, and a 1,000-activity roadmap stays small on the wire."""

import gzip

from django.urls import reverse

from tests.programs_tests.big_program import build_big_program

WIRE_LIMIT = 400 * 1024


def test_large_roadmap_page_is_gzipped_and_small_on_the_wire(cast, client):
    program = build_big_program(cast.a.municipality)
    client.force_login(cast.users["specialist_a"])  # the editor: the most markup per row
    response = client.get(
        reverse("program_detail", args=[program.pk]), headers={"accept-encoding": "gzip"}
    )
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    page = gzip.decompress(response.content).decode()
    assert page.count('<tr id="activity-') == 1000
    assert "Проведение методического семинара для педагогов школ по теме 999" in page
    print(f"roadmap page: {len(page)} bytes of HTML, {len(response.content)} gzipped")
    assert len(response.content) <= WIRE_LIMIT


def test_page_without_gzip_in_accept_encoding_is_sent_plain(cast, client):
    client.force_login(cast.users["observer_a"])
    response = client.get(reverse("program_detail", args=[cast.a.program.pk]))
    assert not response.has_header("Content-Encoding")
    assert cast.a.program.title in response.content.decode()
