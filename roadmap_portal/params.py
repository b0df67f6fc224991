"""Reading numbers from query strings and hand-posted fields: a value that is no number is
treated as absent, never as an error page."""


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
