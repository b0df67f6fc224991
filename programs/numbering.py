"""Activity numbers after rows are moved: "3.1, 3.3, 3.2" is offered to become "3.1, 3.2, 3.3"."""

import re

_NUMBER = re.compile(r"^(?P<prefix>.*?)(?P<n>\d+)(?P<end>\.?)$")


def renumbered(numbers: list[str]) -> list[str] | None:
    """The same numbers put in the order of the rows, keeping their common prefix and ending
    ("3.", "."): 3.1, 3.3, 3.2 → 3.1, 3.2, 3.3. None when they already rise (gaps as in the
    document, 1.3 then 1.8, stay) or do not share one pattern (then nothing is offered)."""
    written = [number.strip() for number in numbers]
    parts = [_NUMBER.match(number) for number in written]
    if len(written) < 2 or not all(parts):
        return None
    if len({m["prefix"] for m in parts}) != 1 or len({m["end"] for m in parts}) != 1:
        return None
    values = [int(m["n"]) for m in parts]
    if all(a < b for a, b in zip(values, values[1:], strict=False)):
        return None
    prefix, end = parts[0]["prefix"], parts[0]["end"]
    return [f"{prefix}{value}{end}" for value in sorted(values)]
