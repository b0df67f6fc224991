"""Candidates for the target list: schools whose stored results meet a rule (or several rules at
once), with the numbers that put them there. Pure: rows in, candidates out; nothing changes a
status by itself."""

from dataclasses import dataclass
from decimal import Decimal

from results.computed import ResultRow, school_values

AT_LEAST = "at_least"
AT_MOST = "at_most"


@dataclass(frozen=True)
class Rule:
    measure_label: str  # "доля «2» (ниже порога), %"
    assessment_label: str  # "ВПР"
    comparison: str  # AT_LEAST / AT_MOST
    threshold: Decimal
    years: list[int]  # the years looked at, e.g. the last three
    min_years: int  # in how many of them the rule must hold

    def describe(self) -> str:
        sign = "≥" if self.comparison == AT_LEAST else "≤"
        span = f"{self.years[0]}–{self.years[-1]}" if len(self.years) > 1 else str(self.years[0])
        return (
            f"{self.assessment_label}: {self.measure_label} {sign} {self.threshold} "
            f"не менее чем в {self.min_years} из {len(self.years)} лет ({span})"
        )


@dataclass(frozen=True)
class Candidate:
    school_id: int
    values: dict[int, Decimal | None]  # year → the school's value (None: no results that year)
    hits: list[int]  # the years the rule held

    def reason(self, rule: Rule) -> str:
        shown = ", ".join(
            f"{year}: {value}" for year, value in self.values.items() if value is not None
        )
        return f"{rule.describe()}; значения: {shown}"


def _holds(rule: Rule, value: Decimal) -> bool:
    return value >= rule.threshold if rule.comparison == AT_LEAST else value <= rule.threshold


def candidates(rows_by_year: dict[int, list[ResultRow]], rule: Rule) -> list[Candidate]:
    """Schools meeting the rule in at least `min_years` of the rule's years."""
    values_by_year = {year: school_values(rows_by_year.get(year, [])) for year in rule.years}
    schools = sorted({school for values in values_by_year.values() for school in values})
    found = []
    for school in schools:
        values = {
            year: (computed.value if (computed := values_by_year[year].get(school)) else None)
            for year in rule.years
        }
        hits = [year for year, value in values.items() if value is not None and _holds(rule, value)]
        if len(hits) >= rule.min_years:
            found.append(Candidate(school, values, hits))
    return found


@dataclass(frozen=True)
class Match:
    """A school meeting every rule of a search, with its numbers under each rule."""

    school_id: int
    found: list[Candidate]  # one per rule, in the rules' order

    def reason(self, rules: list[Rule]) -> str:
        return "; и ".join(
            candidate.reason(rule) for candidate, rule in zip(self.found, rules, strict=True)
        )


def meeting_all(searches: list[tuple[Rule, dict[int, list[ResultRow]]]]) -> list[Match]:
    """Schools meeting all the rules, each rule over its own rows (its assessment and measure)."""
    per_rule = [{c.school_id: c for c in candidates(rows, rule)} for rule, rows in searches]
    if not per_rule:
        return []
    common = set.intersection(*(set(found) for found in per_rule))
    return [Match(school, [found[school] for found in per_rule]) for school in sorted(common)]
