"""Chart geometry of the PDF reports, computed here so that the SVG templates only draw.

Bars reuse the web dashboard's `programs.charts.bar_chart`; the progress line over the program
years is drawn by `line_chart`.
"""

from dataclasses import dataclass

from display.formats import format_percent
from reports.data import ChartSeries

LINE_CHART_WIDTH = 640
LINE_CHART_HEIGHT = 220
PLOT_LEFT = 48  # room for the "100 %" axis labels
PLOT_RIGHT = 24
PLOT_TOP = 20
PLOT_BOTTOM = 36  # room for the year labels
GRID_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class LinePoint:
    label: str
    x: float
    y: float | None  # None: nothing due that year, no point and a gap in the line
    caption: str


@dataclass(frozen=True)
class GridLine:
    y: float
    label: str


@dataclass(frozen=True)
class LineChart:
    points: list[LinePoint]
    polylines: list[str]  # SVG "x,y x,y" for each unbroken run of points
    grid: list[GridLine]
    width: int = LINE_CHART_WIDTH
    height: int = LINE_CHART_HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = LINE_CHART_WIDTH - PLOT_RIGHT
    plot_bottom: int = LINE_CHART_HEIGHT - PLOT_BOTTOM


def _share_y(share: float) -> float:
    plot_height = LINE_CHART_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    return round(PLOT_TOP + (1 - share) * plot_height, 1)


def _point_x(index: int, count: int) -> float:
    """Points spread evenly, a single point in the middle."""
    plot_width = LINE_CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT
    if count == 1:
        return PLOT_LEFT + plot_width / 2
    inset = 30  # keeps the first and last captions inside the plot
    return round(PLOT_LEFT + inset + index * (plot_width - 2 * inset) / (count - 1), 1)


def _unbroken_runs(points: list[LinePoint]) -> list[str]:
    runs, current = [], []
    for point in points:
        if point.y is None:
            runs.append(current)
            current = []
        else:
            current.append(f"{point.x},{point.y}")
    runs.append(current)
    return [" ".join(run) for run in runs if len(run) > 1]


def line_chart(series: ChartSeries, captions: list[str] | None = None) -> LineChart:
    """Share of the due activities done in each program year, 0–100 % on the vertical axis;
    each point captioned as the document says it (`captions`), else with its share."""
    count = len(series.labels)
    points = [
        LinePoint(
            label=label,
            x=_point_x(index, count),
            y=None if share is None else _share_y(share),
            caption=captions[index] if captions else format_percent(share),
        )
        for index, (label, share) in enumerate(zip(series.labels, series.shares, strict=True))
    ]
    grid = [GridLine(y=_share_y(share), label=f"{round(share * 100)} %") for share in GRID_SHARES]
    return LineChart(points=points, polylines=_unbroken_runs(points), grid=grid)
