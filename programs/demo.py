"""Demo data: two municipalities in two regions, their schools and parties, the demo logins and
the roadmap of seed 000 exactly as written. Running it again changes nothing."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Membership, Role
from monitoring.owed import owed_refreshed_at_end
from programs.models import Activity, Program
from programs.participants import involves_all_schools
from programs.periods import Period
from programs.plan_life_demo import load_plan_life_demo
from results.demo import load_results_demo
from risks.demo import load_risks_demo
from schools.models import Municipality, Party, Region, School, SchoolStatus

DEMO_PASSWORD = "demo"
SEEDS = settings.BASE_DIR / "fixtures" / "seeds"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str


DEMO_LOGINS = [
    DemoLogin("admin", "администратор портала"),
    DemoLogin("specialist", "специалист отдела образования, Ремонтненский район"),
    DemoLogin("coordinator", "муниципальный координатор, Ремонтненский район"),
    DemoLogin("head", "директор МБОУ Кормовская СОШ, Ремонтненский район"),
    DemoLogin("observer", "региональный наблюдатель, Ростовская область"),
    DemoLogin("head2", "директор МБОУ «Знаменская СОШ», Знаменский район"),
]

REMONTNOE_SCHOOLS = [
    # (official name, short name, invented school code, statuses by year: (ШНОР, ШНСУ, cohort))
    (
        "МБОУ Кормовская средняя общеобразовательная школа",
        "МБОУ Кормовская СОШ",
        "DEMO-610001",
        (True, True, "ШНОР-1"),
    ),
    (
        "МБОУ Денисовская средняя общеобразовательная школа",
        "МБОУ Денисовская СОШ",
        "DEMO-610002",
        (True, False, "ШНОР-1"),
    ),
    (
        "МБОУ Подгорненская средняя общеобразовательная школа",
        "МБОУ Подгорненская СОШ",
        "DEMO-610003",
        (False, True, ""),
    ),
    (
        "МБОУ Калининская средняя общеобразовательная школа",
        "МБОУ Калининская СОШ",
        "DEMO-610004",
        (True, False, "ШНОР-2"),
    ),
    ("МБОУ Ремонтненская гимназия № 1", "Ремонтненская гимназия № 1", "DEMO-610005", None),
]

REMONTNOE_PARTIES = [
    # (full name, short name, aliases, kind)
    (
        "Ремонтненский отдел образования",
        "РОО",
        "Отдел образования\nРемонтненский РОО",
        Party.Kind.DEPARTMENT,
    ),
    ("Информационно-методический центр", "ИМЦ", "", Party.Kind.METHODICAL),
    ("Центр развития образования", "ЦРО", "", Party.Kind.METHODICAL),
    ("Образовательные организации", "ОО", "Школы", Party.Kind.OTHER),
]


def _user(username, first_name, last_name, *, superuser=False):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.org",
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _membership(user, role, **scope):
    Membership.objects.get_or_create(user=user, role=role, **scope)


def _schools(municipality, rows, years):
    schools = []
    for name, short_name, code, status in rows:
        school, _ = School.objects.get_or_create(
            municipality=municipality, name=name, defaults={"short_name": short_name, "code": code}
        )
        schools.append(school)
        for year in years if status else ():
            is_shnor, is_shnsu, cohort = status
            SchoolStatus.objects.get_or_create(
                school=school,
                year=year,
                defaults={
                    "is_shnor": is_shnor,
                    "is_shnsu": is_shnsu,
                    "cohort": cohort,
                    "source": "Перечень ФИОКО; приказ министерства образования",
                },
            )
    return schools


def _seed_program(municipality, seed, title, period, **fields):
    """A demo program whose roadmap is a seed document, brought in through the importer."""
    from imports.parsing import parse_roadmap
    from imports.services import import_roadmap, unmatched_executors

    program = Program.objects.filter(municipality=municipality, title=title).first()
    if program is not None:
        return program
    path = SEEDS / f"{seed}.docx"
    roadmap = parse_roadmap(path.read_bytes(), path.name)
    program = import_roadmap(
        roadmap,
        municipality=municipality,
        title=title,
        period=period,
        new_parties=unmatched_executors(roadmap, municipality),
    ).program
    for name, value in fields.items():
        setattr(program, name, value)
    program.status = Program.Status.APPROVED
    program.save()
    return program


def _involve_schools(program, schools):
    """Target schools take part in the activities addressed to schools ("ОО" among executors)."""
    program.target_schools.set(schools)
    for activity in Activity.objects.filter(section__program=program).prefetch_related("executors"):
        if involves_all_schools(activity.executors_text, list(activity.executors.all())):
            activity.schools.set(schools)


@transaction.atomic
@owed_refreshed_at_end()  # the reports owed recomputed once, not after each row
def load_demo():
    rostov, _ = Region.objects.get_or_create(name="Ростовская область")
    tambov, _ = Region.objects.get_or_create(name="Тамбовская область")
    remontnoe, _ = Municipality.objects.get_or_create(
        region=rostov,
        name="Ремонтненский район",
        defaults={"department_name": "Ремонтненский отдел образования"},
    )
    znamenka, _ = Municipality.objects.get_or_create(
        region=tambov,
        name="Знаменский район",
        defaults={
            "department_name": "Отдел образования и защиты прав несовершеннолетних "
            "администрации Знаменского района"
        },
    )
    for name, short_name, aliases, kind in REMONTNOE_PARTIES:
        Party.objects.get_or_create(
            municipality=remontnoe,
            name=name,
            defaults={"short_name": short_name, "aliases": aliases, "kind": kind},
        )
    years = range(2021, 2024)
    remontnoe_schools = _schools(remontnoe, REMONTNOE_SCHOOLS, years)
    znamenka_schools = _schools(
        znamenka,
        [
            (
                "МБОУ «Знаменская средняя общеобразовательная школа»",
                "МБОУ «Знаменская СОШ»",
                "DEMO-680001",
                (False, True, "ШНСУ"),
            )
        ],
        range(2019, 2022),
    )
    School.objects.get_or_create(
        municipality=znamenka,
        name="Филиал МБОУ «Знаменская СОШ» в с. Покрово-Пригородное",
        defaults={"short_name": "Покрово-Пригородный филиал", "base_school": znamenka_schools[0]},
    )
    program = _seed_program(
        remontnoe,
        "000_7f9a2473aa5e70ca",
        "Муниципальная программа поддержки ШНОР и ШНСУ Ремонтненского района",
        Period(2021, 2023),
        order_number="112",
        order_date=date(2021, 2, 15),
        order_signer="заведующий Ремонтненским отделом образования",
        responsible_name="Иванова Е. П.",
        responsible_position="главный специалист отдела образования",
    )
    if not program.target_schools.exists():
        _involve_schools(program, [s for s in remontnoe_schools if s.statuses.exists()])
    znamenka_program = _seed_program(
        znamenka,
        "001_6243421780018668",
        "Дорожная карта по поддержке школ Знаменского района, работающих в сложных социальных "
        "условиях, на 2019-2021 годы",
        Period(2019, 2021),
        order_signer="П. В. Пьянов, начальник отдела образования",
    )
    if not znamenka_program.target_schools.exists():
        znamenka_program.target_schools.set(znamenka_schools)
    lipetsk, _ = Region.objects.get_or_create(name="Липецкая область")
    khlevnoe, _ = Municipality.objects.get_or_create(
        region=lipetsk,
        name="Хлевенский район",
        defaults={"department_name": "Отдел образования администрации Хлевенского района"},
    )
    _seed_program(
        khlevnoe,
        "003_2a58b5d9a61d506f",
        "Проект «Повышение качества образования в Хлевенском муниципальном районе на 2018 г.»",
        Period(2018, 2018),
    )

    _user("admin", "Администратор", "Портала", superuser=True)
    _membership(_user("specialist", "Елена", "Иванова"), Role.SPECIALIST, municipality=remontnoe)
    _membership(_user("coordinator", "Ольга", "Петренко"), Role.COORDINATOR, municipality=remontnoe)
    _membership(_user("head", "Сергей", "Кузнецов"), Role.HEAD, school=remontnoe_schools[0])
    _membership(_user("observer", "Марина", "Соколова"), Role.OBSERVER, region=rostov)
    _membership(_user("head2", "Андрей", "Павлов"), Role.HEAD, school=znamenka_schools[0])
    load_results_demo(program)
    load_risks_demo()
    load_plan_life_demo(program)  # editions, carry-over, reporting round, people, money (issue 12)
    return program
