"""Activity numbers after rows are moved: "3.1, 3.3, 3.2" is offered to become "3.1, 3.2, 3.3"."""

import re

_NUMBER = re.compile(r"^(?P<prefix>.*?)(?P<n>\d+)(?P<end>\.?)$")


def renumbered(numbers: list[str]) -> list[str] | None:
    """The numbers in order of the rows, keeping their common prefix and ending ("3.", "."), or
    None when they are already in order or do not share one pattern (then nothing is offered)."""
    written = [number.strip() for number in numbers]
    parts = [_NUMBER.match(number) for number in written]
    if len(written) < 2 or not all(parts):
        return None
    if len({m["prefix"] for m in parts}) != 1 or len({m["end"] for m in parts}) != 1:
        return None
    prefix, end = parts[0]["prefix"], parts[0]["end"]
    start = min(int(m["n"]) for m in parts)
    numbered = [f"{prefix}{start + index}{end}" for index in range(len(written))]
    return None if numbered == written else numbered
