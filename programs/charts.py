"""Server-side SVG bar charts: drawn without JavaScript, so the same chart works in the browser
and in PDF reports (WeasyPrint runs no scripts)."""

from dataclasses import dataclass

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 260
BAR_AREA_WIDTH = 320


@dataclass(frozen=True)
class Bar:
    label: str
    share: float | None  # None: nothing due, drawn as an empty track with a dash
    caption: str
    y: int
    width: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    bar_area_width: int = BAR_AREA_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def width(self):
        return self.label_width + self.bar_area_width + 90


def share_caption(share: float | None, done: int, due: int) -> str:
    if share is None:
        return "—"
    return f"{round(share * 100)} % ({done} из {due})"


def bar_chart(rows) -> BarChart:
    """rows: (label, share, done, due) per bar, top to bottom."""
    bars = []
    for index, (label, share, done, due) in enumerate(rows):
        bars.append(
            Bar(
                label=label if len(label) <= 40 else label[:39] + "…",
                share=share,
                caption=share_caption(share, done, due),
                y=index * (BAR_HEIGHT + BAR_GAP),
                width=round((share or 0) * BAR_AREA_WIDTH),
            )
        )
    return BarChart(bars=bars, height=max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP))


def progress_chart(rows) -> BarChart:
    """rows: (label, done, due) per bar, top to bottom; nothing due draws an empty bar."""
    return bar_chart((label, done / due if due else None, done, due) for label, done, due in rows)


def section_progress_chart(roadmap) -> BarChart:
    """Share of due activities done in each section, over the whole program period."""
    return progress_chart(
        (
            str(row.section),
            sum(p.done for p in row.progress),
            sum(p.due for p in row.progress),
        )
        for row in roadmap.sections
    )
