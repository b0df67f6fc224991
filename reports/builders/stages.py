"""Progress reporting: builders name each stage in Russian so that a task can show it."""

from collections.abc import Callable

StageCallback = Callable[[str], None]


def _ignore_stage(name: str) -> None:
    pass


def stage_reporter(on_stage: StageCallback | None) -> StageCallback:
    return on_stage or _ignore_stage
