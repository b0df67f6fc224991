"""Server-side SVG geometry for results: two bars per year (a school or group against a
comparison), so the chart works without JavaScript and in PDF."""

from dataclasses import dataclass
from decimal import Decimal

BAR_WIDTH = 22
GROUP_GAP = 26
PLOT_HEIGHT = 140
TOP = 16
BOTTOM = 34
LEFT = 40


@dataclass(frozen=True)
class ChartBar:
    x: int
    y: float
    height: float
    value: Decimal | None
    series: int  # 0: the subject, 1: the comparison


@dataclass(frozen=True)
class ChartYear:
    label: str
    x: float  # centre of the group, for the label
    bars: list[ChartBar]


@dataclass(frozen=True)
class CompareChart:
    years: list[ChartYear]
    labels: tuple[str, str]
    width: int
    height: int = TOP + PLOT_HEIGHT + BOTTOM
    top: int = TOP
    bottom: int = TOP + PLOT_HEIGHT
    left: int = LEFT

    @property
    def grid(self):
        return [
            (round(TOP + PLOT_HEIGHT * (1 - share), 1), f"{round(share * 100)}")
            for share in (0, 0.25, 0.5, 0.75, 1)
        ]


def compare_chart(
    years: list[int],
    first: dict[int, Decimal | None],
    second: dict[int, Decimal | None],
    labels: tuple[str, str],
    scale: Decimal = Decimal(100),
) -> CompareChart:
    """Values 0..scale (percent by default) as bars; a missing value is a gap with a dash."""
    groups = []
    for index, year in enumerate(years):
        left = LEFT + 12 + index * (2 * BAR_WIDTH + GROUP_GAP)
        bars = []
        for series, values in enumerate((first, second)):
            value = values.get(year)
            height = (
                0.0 if value is None else round(float(min(value, scale) / scale) * PLOT_HEIGHT, 1)
            )
            bars.append(
                ChartBar(
                    left + series * BAR_WIDTH,
                    round(TOP + PLOT_HEIGHT - height, 1),
                    height,
                    value,
                    series,
                )
            )
        groups.append(ChartYear(str(year), left + BAR_WIDTH, bars))
    width = LEFT + 24 + len(years) * (2 * BAR_WIDTH + GROUP_GAP)
    return CompareChart(groups, labels, width=max(width, 220))
