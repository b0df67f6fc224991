"""Demo risk profiles «500+» and school documents for the demo municipalities.

Profiles of the Ремонтненский target schools for 2022 and 2023 (several factors fall in 2023),
documents of the demo head's school in every state of the review loop, roadmap activities tagged
with the factors they answer, and gaps left on purpose (a medium factor without a programme or an
activity; a programme still on rework). Running it again adds nothing; it needs
programs.demo.load_demo()'s schools and users.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from monitoring.demo import DEMO_PDF
from monitoring.models import Notification
from monitoring.uploads import check_upload
from programs.models import Activity
from risks import services
from risks.factors import ensure_standard_factors
from risks.levels import RiskLevel
from risks.models import DocumentKind, ProfileSource, RiskFactor, RiskProfile
from schools.models import School

H, M, L, N = RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW, RiskLevel.NOT_RELEVANT

# school code → year → levels of factors 1..10
DEMO_PROFILES = {
    "DEMO-610001": {  # МБОУ Кормовская СОШ, the demo head's school
        2022: [L, H, H, M, L, H, M, L, N, N],
        2023: [L, M, M, L, L, M, M, L, N, N],
    },
    "DEMO-610002": {  # МБОУ Денисовская СОШ
        2022: [M, H, M, L, M, M, L, L, L, N],
        2023: [L, H, M, L, L, L, L, L, L, N],
    },
    "DEMO-610003": {  # МБОУ Подгорненская СОШ
        2022: [H, M, L, L, L, M, M, M, L, N],
        2023: [M, M, L, L, L, L, M, L, L, N],
    },
    "DEMO-680001": {  # МБОУ «Знаменская СОШ», the other municipality
        2021: [M, H, L, L, L, M, L, L, L, N],
    },
}

# roadmap activity number (Ремонтненский район) → the factors it answers
DEMO_TAGS = {
    "4.1.": [2],  # эффективный контракт: дефицит кадров
    "2.4.": [3],  # муниципальная конференция: компетентность педагогов
    "2.1.": [3, 5],  # «Педагогический поезд»: no school takes part, so it covers nothing
}


@dataclass(frozen=True)
class DemoDocument:
    kind: str
    factor_number: int | None
    years: tuple[int, int]
    title: str
    order: tuple[str, date] | None
    steps: tuple[str, ...]  # "submit", "approve", "return"
    comment: str = ""


DEMO_DOCUMENTS = [
    DemoDocument(
        DocumentKind.CONCEPT,
        None,
        (2022, 2024),
        "Концепция развития МБОУ Кормовской СОШ «Школа равных возможностей»",
        ("45", date(2022, 3, 1)),
        ("submit", "approve"),
    ),
    DemoDocument(
        DocumentKind.MIDTERM,
        None,
        (2022, 2024),
        "Среднесрочная программа развития на 2022–2024 годы",
        ("46", date(2022, 3, 1)),
        ("submit",),
    ),
    DemoDocument(
        DocumentKind.ANTIRISK,
        2,
        (2022, 2024),
        "Программа «Кадры для школы»",
        ("47", date(2022, 3, 1)),
        ("submit", "approve"),
    ),
    DemoDocument(
        DocumentKind.ANTIRISK,
        3,
        (2022, 2024),
        "Программа «Методическая компетентность учителя»",
        ("48", date(2022, 3, 1)),
        ("submit", "return"),
        "Задачи программы не связаны с результатами самодиагностики: добавьте целевые "
        "показатели по доле педагогов, прошедших диагностику компетенций, и сроки.",
    ),
    DemoDocument(
        DocumentKind.ANTIRISK,
        7,
        (2023, 2024),
        "Программа повышения учебной мотивации (проект)",
        None,
        (),
    ),
]


def _users():
    users = get_user_model().objects.filter(username__in=["head", "coordinator", "specialist"])
    return {user.username: user for user in users}


def _pdf(name):
    return check_upload(SimpleUploadedFile(name, DEMO_PDF, "application/pdf"))


@transaction.atomic
def load_risks_demo() -> int:
    """Add the demo profiles, tags and documents unless they are there; returns profiles added.

    Notifications of the demo review stay in the portal: set-up sends no letters.
    """
    users = _users()
    if set(users) != {"head", "coordinator", "specialist"}:
        return 0
    started = timezone.now()
    ensure_standard_factors()
    factors = {factor.number: factor for factor in RiskFactor.objects.all()}
    schools = {school.code: school for school in School.objects.filter(code__in=DEMO_PROFILES)}
    added = 0
    for code, years in DEMO_PROFILES.items():
        school = schools.get(code)
        for year, levels in years.items():
            if school is None or RiskProfile.objects.filter(school=school, year=year).exists():
                continue
            services.save_profile(
                user=users["specialist"],
                school=school,
                year=year,
                source=ProfileSource.SELF_DIAGNOSIS if year % 2 else ProfileSource.SURVEY,
                levels={factors[number].pk: level for number, level in enumerate(levels, 1)},
            )
            added += 1
    school = schools.get("DEMO-610001")
    for number, factor_numbers in DEMO_TAGS.items():
        for activity in Activity.objects.filter(
            section__program__municipality=school.municipality if school else None, number=number
        ):
            for factor_number in factor_numbers:
                factors[factor_number].activities.add(activity)
    if school is not None and not school.risk_documents.exists():
        for demo in DEMO_DOCUMENTS:
            _add_document(demo, school, factors, users)
    Notification.objects.filter(created_at__gte=started, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    return added


def _add_document(demo, school, factors, users):
    order_number, order_date = demo.order or ("", None)
    document = services.create_document(
        user=users["head"],
        school=school,
        fields={
            "kind": demo.kind,
            "factor": factors[demo.factor_number] if demo.factor_number else None,
            "title": demo.title,
            "first_year": demo.years[0],
            "last_year": demo.years[1],
            "order_number": order_number,
            "order_date": order_date,
        },
        uploads=[_pdf(f"{demo.title[:60]}.pdf")],
        submit="submit" in demo.steps,
    )
    for step in demo.steps[1:]:
        decision = services.Decision.APPROVE if step == "approve" else services.Decision.RETURN
        document = services.review_document(
            user=users["coordinator"],
            document_id=document.pk,
            version=document.version,
            decision=decision,
            comment=demo.comment,
        )
