"""Who hears about a report: its reviewers, the coordinators of a school, its heads."""

from accounts.models import Membership, Role


def reviewers_of(report) -> list:
    """The coordinators of the program's municipality who curate the report's school."""
    return coordinators_of(report.activity.section.program.municipality_id, report.school_id)


def coordinators_of(municipality_id: int, school_id: int) -> list:
    """The coordinators of a municipality who curate the school (all schools, or it among some)."""
    memberships = Membership.objects.filter(
        role=Role.COORDINATOR, municipality_id=municipality_id
    ).prefetch_related("curated_schools")
    users = {}
    for membership in memberships.select_related("user"):
        curated = {school.pk for school in membership.curated_schools.all()}
        if not curated or school_id in curated:
            users[membership.user_id] = membership.user
    return list(users.values())


def heads_of(school_id: int) -> list:
    memberships = Membership.objects.filter(role=Role.HEAD, school_id=school_id)
    return list({m.user_id: m.user for m in memberships.select_related("user")}.values())
