"""Which schools take part in an activity: those named on it, those whose party is an executor,
and all the program's target schools when the executors say «ОО» or «образовательные
организации». The one place this expansion is decided (справки and demo use it)."""

from schools.models import Party
from schools.parties import match_party, normalise_name, split_executor_text

# Executor names that mean "every school of the program", normalised.
ALL_SCHOOLS = frozenset(
    {
        "оо",
        "все оо",
        "оо района",
        "руководители оо",
        "школы",
        "все школы",
        "образовательные организации",
        "общеобразовательные организации",
        "общеобразовательные учреждения",
        "образовательные учреждения",
        "муниципальные образовательные организации",
        "муниципальные общеобразовательные организации",
    }
)


def names_all_schools(name: str) -> bool:
    """«ОО», «Образовательные организации района», «ОО (по согласованию)» → True."""
    key = normalise_name(name)
    key = key.split("(")[0].strip()
    if key in ALL_SCHOOLS:
        return True
    return any(key.startswith(f"{prefix} ") for prefix in ALL_SCHOOLS if len(prefix) > 5)


def involves_all_schools(executors_text: str, parties=()) -> bool:
    """Whether the executors address every school. A name that is a known party counts only if
    that party is not a department or methodical centre: in some municipalities «ОО» is the
    department (отдел образования), not the schools."""
    not_schools = {Party.Kind.DEPARTMENT, Party.Kind.METHODICAL}
    for party in parties:
        if party.kind not in not_schools and any(names_all_schools(n) for n in party.all_names):
            return True
    for name in split_executor_text(executors_text):
        if match_party(name, parties) is None and names_all_schools(name):
            return True
    return False


def participant_school_ids(activity, target_school_ids) -> set[int]:
    """`activity` carries `school_ids`, `executor_list` (links with `party`) and executors_text,
    as programs.selectors.roadmap_rows prepares it."""
    ids = set(activity.school_ids)
    parties = [link.party for link in activity.executor_list]
    ids |= {party.school_id for party in parties if party.school_id}
    if involves_all_schools(activity.executors_text, parties):
        ids |= set(target_school_ids)
    return ids
