"""A program the size of a large real roadmap, for page-size tests and bench/program_page.py:
sections, activities with document-length titles, varied deadlines, executors from the
municipality's directory, participating schools and three years of plans and marks."""

from programs.models import Activity, ActivityExecutor, ActivityYear, Program, Section
from programs.status import ExecutionStatus
from schools.models import Party, School

DEADLINES = (
    "апрель",
    "ежегодно, до 20 декабря",
    "2021-2023",
    "по заявке",
    "ежеквартально",
    "сентябрь-октябрь",
    "не реже 1 раза в полугодие",
    "до 01.06.2022",
)
STATUSES = (ExecutionStatus.DONE, ExecutionStatus.IN_PROGRESS, ExecutionStatus.NOT_STARTED)


def build_big_program(municipality, *, activities=1000, sections=10, schools=12, parties=6):
    program = Program.objects.create(
        municipality=municipality,
        title="Программа поддержки школ с низкими образовательными результатами",
        start_year=2021,
        end_year=2023,
        status=Program.Status.APPROVED,
    )
    school_list = School.objects.bulk_create(
        School(municipality=municipality, name=f"МБОУ «Средняя школа № {number + 1}»")
        for number in range(schools)
    )
    party_list = Party.objects.bulk_create(
        Party(
            municipality=municipality,
            name=f"Исполнитель {number + 1} программы {program.pk}",  # unique in municipality
            short_name=f"И{number}",
        )
        for number in range(parties)
    )
    section_list = Section.objects.bulk_create(
        Section(program=program, position=i, number=f"{i + 1}.", title=f"Задача {i + 1}")
        for i in range(sections)
    )
    Activity.objects.bulk_create(
        Activity(
            section=section_list[i % sections],
            position=i,
            number=f"{i % sections + 1}.{i // sections + 1}.",
            title=f"Проведение методического семинара для педагогов школ по теме {i}: "
            "формирующее оценивание и работа с обучающимися с трудностями в обучении",
            deadline=DEADLINES[i % len(DEADLINES)],
            result_name="Протокол заседания, список участников",
            planned_value="не менее 25 педагогов" if i % 3 == 0 else "",
            executors_text="Отдел образования, ИМЦ, руководители ОО",
        )
        for i in range(activities)
    )
    rows = list(Activity.objects.filter(section__program=program).order_by("position"))
    ActivityYear.objects.bulk_create(
        ActivityYear(
            activity=activity,
            year=year,
            planned_text=("1 семинар", "2 семинара", "ежеквартально", "")[(activity.pk + year) % 4],
            status=STATUSES[(activity.pk + year) % len(STATUSES)],
        )
        for activity in rows
        for year in (2021, 2022, 2023)
    )
    ActivityExecutor.objects.bulk_create(
        ActivityExecutor(
            activity=activity, party=party_list[(activity.pk + k) % parties], position=k
        )
        for activity in rows
        for k in range(2)
    )
    Activity.schools.through.objects.bulk_create(
        Activity.schools.through(activity=activity, school=school_list[(activity.pk + k) % schools])
        for activity in rows
        if activity.pk % 2
        for k in range(3)
    )
    return program
