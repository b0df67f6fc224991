"""Whether a target school's risks are answered: the rule as one pure function.

For a school in a year every factor of high or medium level needs both
- an approved anti-risk programme of the school for that factor, valid in that year, and
- at least one municipal activity tagged with the factor that involves the school that year.
A target school without a risk profile for the year is itself a gap: nothing can be checked.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from risks.levels import LEVELS_NEEDING_ANSWER

NO_PROGRAMME = "нет утверждённой антирисковой программы"
NO_ACTIVITY = "нет муниципального мероприятия с участием школы"
NO_PROFILE = "профиль рисков на этот год не заполнен"


@dataclass(frozen=True)
class FactorCoverage:
    factor_id: int
    level: str
    has_programme: bool
    has_activity: bool

    @property
    def missing(self) -> list[str]:
        return [
            what
            for what, present in (
                (NO_PROGRAMME, self.has_programme),
                (NO_ACTIVITY, self.has_activity),
            )
            if not present
        ]

    @property
    def is_gap(self) -> bool:
        return bool(self.missing)


@dataclass(frozen=True)
class SchoolCoverage:
    has_profile: bool
    factors: tuple[FactorCoverage, ...]

    @property
    def gaps(self) -> list[FactorCoverage]:
        return [factor for factor in self.factors if factor.is_gap]

    @property
    def is_covered(self) -> bool:
        return self.has_profile and not self.gaps


def school_coverage(
    levels: Mapping[int, str] | None,
    approved_programme_factors: set[int],
    addressed_factors: set[int],
) -> SchoolCoverage:
    """The coverage of one school in one year.

    levels: factor id → level of the school's profile that year (None: no profile);
    approved_programme_factors: factors with an approved anti-risk programme valid that year;
    addressed_factors: factors of the municipal activities involving the school that year.
    """
    if levels is None:
        return SchoolCoverage(has_profile=False, factors=())
    return SchoolCoverage(
        has_profile=True,
        factors=tuple(
            FactorCoverage(
                factor_id=factor_id,
                level=level,
                has_programme=factor_id in approved_programme_factors,
                has_activity=factor_id in addressed_factors,
            )
            for factor_id, level in levels.items()
            if level in LEVELS_NEEDING_ANSWER
        ),
    )
