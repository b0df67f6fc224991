"""Executors as roadmaps write them: several parties in one cell, and one party written in
several ways."""

from __future__ import annotations

from django.urls import reverse

from imports.parsing import parse_roadmap, parse_roadmap_text
from imports.services import import_roadmap, proposed_parties
from programs.models import Activity
from schools.models import Party

from .builders import C, Sheet, cell_lines_text, docx_bytes, tab_text, xlsx_bytes

HEADER = ["№", "Мероприятие", "Срок", "Исполнители"]
LONG_NAME = "Муниципальное бюджетное учреждение\nдополнительного образования"


def parties_of(activity) -> list[str]:
    links = activity.executor_links.order_by("position")
    return list(links.values_list("party__name", flat=True))


def executors_of(roadmap) -> list[list[str]]:
    return [activity.executors for activity in roadmap.activities]


def test_parties_on_separate_lines_of_a_word_cell_are_split():
    data = docx_bytes(
        [
            HEADER,
            ["1", "Семинар", "май", C("МБУ ДПО МиРЦ\nОО")],
            ["2", "Совещание", "июнь", C("МБОУ «Знаменская\nСОШ»; Отдел образования, ИМЦ")],
            [
                "3",
                "Курсы",
                "2022",
                C("Муниципальное бюджетное учреждение\nдополнительного образования"),
            ],
        ]
    )
    roadmap = parse_roadmap(data, "a.docx")

    assert executors_of(roadmap) == [
        ["МБУ ДПО МиРЦ", "ОО"],
        ["МБОУ «Знаменская СОШ»", "Отдел образования", "ИМЦ"],
        ["Муниципальное бюджетное учреждение дополнительного образования"],
    ]
    # The text stays as written; only the lines tell the parties apart.
    assert roadmap.activities[0].responsible == "МБУ ДПО МиРЦ ОО"


def test_parties_on_separate_lines_in_excel_and_in_text_copied_cell_per_line():
    sheet = Sheet([HEADER, ["1", "Семинар", "май", "МБУ ДПО МиРЦ\nОО"]])
    assert executors_of(parse_roadmap(xlsx_bytes(sheet), "a.xlsx")) == [["МБУ ДПО МиРЦ", "ОО"]]

    text = cell_lines_text(
        HEADER,
        ["1", "2", "3", "4"],
        ["1.", "Семинар", "май", "МБУ ДПО МиРЦ\nОО"],
        ["2.", "Совещание", "июнь", "ИМЦ"],
    )
    assert executors_of(parse_roadmap_text(text)) == [["МБУ ДПО МиРЦ", "ОО"], ["ИМЦ"]]


def test_a_party_cut_by_a_page_break_in_text_stays_one_party():
    text = tab_text(
        HEADER,
        ["1.", "Разработка программ вовлечения семей в", "2021", "МБОУ «Знаменская"],
        ["", "образование детей", "", "СОШ»"],
    )
    assert executors_of(parse_roadmap_text(text)) == [["МБОУ «Знаменская СОШ»"]]


def test_variants_of_a_name_match_one_party_and_new_names_are_proposed_once(cast):
    municipality = cast.a.municipality
    school_party = Party.objects.create(municipality=municipality, name="МБОУ «Заречная СОШ № 1»")
    text = tab_text(
        HEADER,
        ["1.", "Семинар", "май", 'МБОУ"Заречная СОШ №1"'],
        ["2.", "Совещание", "июнь", "мбоу заречная сош № 1, отдел образования"],
        ["3.", "Курсы", "2022", 'Центр «Точка роста»; центр "точка роста"'],
        ["4.", "Консультации", "2022", "Отдел образования администрации района"],
    )
    roadmap = parse_roadmap_text(text)

    proposals = proposed_parties(roadmap, municipality)
    assert [(p.name, p.checked) for p in proposals] == [
        ("Центр «Точка роста»", True),
        ("Отдел образования администрации района", False),
    ]
    assert proposals[1].resembles == "Отдел образования"

    result = import_roadmap(roadmap, municipality=municipality, new_parties=["Центр «Точка роста»"])
    activities = Activity.objects.filter(section__program=result.program).order_by("position")
    assert [parties_of(a) for a in activities] == [
        [school_party.name],
        [school_party.name, "Отдел образования"],
        ["Центр «Точка роста»"],
        [],
    ]
    names = set(Party.objects.filter(municipality=municipality).values_list("name", flat=True))
    assert names == {"Отдел образования", school_party.name, "Центр «Точка роста»"}


def test_lines_of_one_cell_reach_the_program_as_separate_parties(cast):
    data = docx_bytes([HEADER, ["1", "Семинар", "май", C("Отдел образования\nИМЦ")]])
    roadmap = parse_roadmap(data, "a.docx")
    result = import_roadmap(roadmap, municipality=cast.a.municipality, new_parties=["ИМЦ"])

    activity = Activity.objects.get(section__program=result.program)
    assert activity.executors_text == "Отдел образования; ИМЦ"
    assert parties_of(activity) == [
        "Отдел образования",
        "ИМЦ",
    ]


def test_doubtful_new_party_is_shown_unticked_on_the_preview(cast, client):
    client.force_login(cast.users["specialist_a"])
    text = tab_text(HEADER, ["1.", "Семинар", "май", "Отдел образования района; ЦРО"])
    response = client.post(
        reverse("import_start"), {"municipality": cast.a.municipality.pk, "text": text}
    )
    page = client.get(response.url).content.decode()

    assert 'value="ЦРО" checked' in page
    assert 'value="Отдел образования района">' in page
    assert "похоже на «Отдел образования» из справочника" in page


def test_a_new_name_resembling_another_new_name_is_proposed_unticked(cast):
    text = tab_text(
        HEADER,
        ["1.", "Семинар", "май", "Центр «Точка роста»"],
        ["2.", "Курсы", "июнь", "Центр образования «Точка роста»"],
    )
    proposals = proposed_parties(parse_roadmap_text(text), cast.a.municipality)

    assert [(p.name, p.checked, p.resembles, p.resembles_new) for p in proposals] == [
        ("Центр «Точка роста»", True, "", False),
        ("Центр образования «Точка роста»", False, "Центр «Точка роста»", True),
    ]
