"""Money of a roadmap: what a financing line may hold, and the totals by source and year."""

from dataclasses import dataclass, field
from decimal import Decimal

from programs.models import FinancingSource

ZERO = Decimal("0")


def financing_errors(source: str, planned, actual) -> dict[str, str]:
    """Russian messages per field for a financing line that cannot be saved; empty when fine."""
    errors = {}
    if planned is not None and planned < 0:
        errors["planned"] = "Сумма не может быть отрицательной."
    if actual is not None and actual < 0:
        errors["actual"] = "Сумма не может быть отрицательной."
    if source == FinancingSource.NONE and ((planned or ZERO) > 0 or (actual or ZERO) > 0):
        errors["source"] = "«Без финансирования» не может иметь сумм: выберите источник."
    return errors


@dataclass
class SourceTotals:
    source: str
    label: str
    planned_by_year: dict = field(default_factory=dict)  # year → planned rubles
    actual_by_year: dict = field(default_factory=dict)

    @property
    def planned(self) -> Decimal:
        return sum(self.planned_by_year.values(), ZERO)

    @property
    def actual(self) -> Decimal:
        return sum(self.actual_by_year.values(), ZERO)


@dataclass
class MoneyTable:
    """«Ресурсное обеспечение»: planned and spent by source (rows) and year (columns)."""

    years: list  # ProgramYear
    rows: list[SourceTotals]

    def year_total(self, year: int, kind: str = "planned") -> Decimal:
        return sum((getattr(row, f"{kind}_by_year").get(year, ZERO) for row in self.rows), ZERO)

    @property
    def planned(self) -> Decimal:
        return sum((row.planned for row in self.rows), ZERO)

    @property
    def actual(self) -> Decimal:
        return sum((row.actual for row in self.rows), ZERO)

    @property
    def columns(self) -> list:
        """Per year: (label, planned, actual), for templates."""
        return [
            (py.label, self.year_total(py.year), self.year_total(py.year, "actual"))
            for py in self.years
        ]


def money_table(years, sums) -> MoneyTable:
    """The table from (source, year, planned, actual) sums, sources in their fixed order; a
    source without money is left out, «без финансирования» has no row."""
    by_source = {}
    for source, year, planned, actual in sums:
        if source == FinancingSource.NONE:
            continue
        row = by_source.setdefault(source, SourceTotals(source, FinancingSource(source).label))
        row.planned_by_year[year] = planned or ZERO
        row.actual_by_year[year] = actual or ZERO
    order = list(FinancingSource.values)
    rows = sorted(by_source.values(), key=lambda row: order.index(row.source))
    for row in rows:
        row.cells = [
            (row.planned_by_year.get(py.year, ZERO), row.actual_by_year.get(py.year, ZERO))
            for py in years
        ]
    return MoneyTable(list(years), rows)
