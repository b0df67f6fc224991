"""Fingerprints of what a page shows, and page parts cached under them.

A page that shows hundreds of rows (a roadmap, a head's «Мои мероприятия», a dashboard) need not
read them all to know it has not changed: one aggregate query over the rows it shows — for each
kind, how many there are, the sum of their ids and the sum of their `revision`s — changes
whenever one of them does:
- a row added gives a new, never reused id (count and sum of ids change),
- a row deleted lowers the count,
- a row saved adds one to its `revision` (`Revised.save`), whichever code saves it: a form, the
  admin, an import, a `save(update_fields=...)`. `QuerySet.update()` and `bulk_update()` bypass
  `save()`: code that changes shown rows that way must add to `revision` itself. Two saves of
  one row at the same moment may both write the same revision unless the row is locked, as the
  edit services lock it (`select_for_update`).
Rows that are only ever added or deleted (links such as an activity's schools) need no revision;
a link whose target may change is summed by that target too (a file moved to another report).

A page part is cached under a key made of its fingerprint and everything else it depends on
(the day, the person's rights, the query string, the template's source and the portal's code):
a change gives a new key, so nothing is ever invalidated by hand and a stale part cannot be
served; unused entries expire. The fingerprint is read before the part is built: rows written
in between may make a part newer than its key, never older, and the next visit's fingerprint
differs already.

Used by the program page (the roadmap), «Мои мероприятия» (a head's work) and the municipality
dashboard (its programs' figures and overdue activities).
"""

import functools
import hashlib
import logging
from itertools import count
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import F

logger = logging.getLogger(__name__)
FIRST_STAND_IN = -(10**12)  # PageFingerprint compiles its query with ids below any row's
# The parts' keys hold the day (what is overdue changes with it): yesterday's are of no use.
PART_SECONDS = 24 * 3600


class Revised(models.Model):
    """A model whose every save adds one to `revision`, so that fingerprints see it changed."""

    revision = models.PositiveBigIntegerField("ревизия", default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.revision += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
        super().save(*args, **kwargs)


def fingerprint(*parts) -> str:
    """A digest of the rows in `parts`, read in one query.

    Each part is (queryset, *columns): the rows a page shows and the integer columns to sum,
    e.g. `(Activity.objects.filter(section__program=program), "pk", "revision")`. A row that
    the queryset's joins repeat is counted as often: still the same for the same rows.
    """
    sql, params = _fingerprint_sql(parts)
    return _read(parts[0][0].db, sql, params)


class PageFingerprint:
    """`fingerprint()` of the parts `build(*ids)` gives, its query compiled once per process
    and number of ids: compiling the querysets cost more than running them.

    `build` takes ids (each a number, or a list of numbers) and uses them only as values in
    its filters: it is called once with stand-ins (negative numbers no row has), and the
    stand-ins in the compiled query's parameters are swapped for the ids of each call."""

    def __init__(self, build):
        self.build = build
        self.compiled = {}  # number of ids of each argument → (database, SQL, parameters)

    def __call__(self, *ids) -> str:
        shape = tuple(len(value) if isinstance(value, list) else None for value in ids)
        if shape not in self.compiled:
            self.compiled[shape] = self._compile(shape)
        database, sql, slots = self.compiled[shape]
        given = [id_ for value in ids for id_ in (value if isinstance(value, list) else [value])]
        params = [value if slot is None else given[slot] for slot, value in slots]
        return _read(database, sql, params)

    def _compile(self, shape):
        """(database, SQL, [(the index of the id a parameter stands in for, or None; value)])"""
        stand_in = count(FIRST_STAND_IN, -1)
        parts = self.build(
            *(next(stand_in) if n is None else [next(stand_in) for _ in range(n)] for n in shape)
        )
        last = next(stand_in)
        sql, params = _fingerprint_sql(parts)
        slots = [
            (
                FIRST_STAND_IN - value
                if type(value) is int and last < value <= FIRST_STAND_IN
                else None,
                value,
            )
            for value in params
        ]
        return parts[0][0].db, sql, slots


def _fingerprint_sql(parts) -> tuple[str, list]:
    selects, params = [], []
    width = max(len(columns) for _queryset, *columns in parts)
    for index, (queryset, *columns) in enumerate(parts):
        summed = queryset.order_by().values(
            **{f"fingerprint_{n}": F(column) for n, column in enumerate(columns)}
        )
        try:
            sql, part_params = summed.query.sql_with_params()
        except EmptyResultSet:  # e.g. `pk__in=[]`: no rows, nothing to read
            selects.append(f"SELECT {index}, {', '.join(['0'] * (width + 1))}")
            continue
        sums = [f"COALESCE(SUM(fingerprint_{n}), 0)" for n in range(len(columns))]
        sums += ["0"] * (width - len(columns))
        selects.append(f"SELECT {index}, COUNT(*), {', '.join(sums)} FROM ({sql}) part")
        params.extend(part_params)
    return " UNION ALL ".join(selects), params


def _read(database, sql, params) -> str:
    with connections[database].cursor() as cursor:
        cursor.execute(sql, params)
        rows = sorted(tuple(int(value) for value in row) for row in cursor.fetchall())
    return hashlib.blake2b(repr(rows).encode(), digest_size=16).hexdigest()


def markup_digest(*template_names: str) -> str:
    """A digest of the templates' source (a page and those it includes) and of the portal's
    code: cached HTML made by an older template, or by older code that formats what it shows
    (dates, numbers, statuses, schedules), is not reused after a deploy."""
    digest = hashlib.blake2b(_code_digest(), digest_size=8)
    for name in template_names:
        digest.update(Path(settings.BASE_DIR, "templates", name).read_bytes())
    return digest.hexdigest()


@functools.cache
def _code_digest() -> bytes:
    """A digest of the Python source of the portal's packages (not its tests or migrations),
    read once per process: a few hundred small files."""
    digest = hashlib.blake2b(digest_size=16)
    root = Path(settings.BASE_DIR)
    packages = sorted(
        folder
        for folder in root.iterdir()
        if (folder / "__init__.py").exists() and folder.name not in {"tests", "bench"}
    )
    for package in packages:
        for source in sorted(package.rglob("*.py")):
            if "migrations" not in source.parts:
                digest.update(str(source.relative_to(root)).encode())
                digest.update(source.read_bytes())
    return digest.digest()


def cached_part(name: str, depends_on, build):
    """The page part `build()` makes, from the cache under a key of `name` and `depends_on` (a
    fingerprint and everything else the part shows; any repr-able values), or built and cached
    now. A cache that is down only costs time."""
    digest = hashlib.blake2b(repr(depends_on).encode(), digest_size=16).hexdigest()
    key = f"page-part:{name}:{digest}"
    try:
        part = cache.get(key)
    except Exception:  # redis or connection errors
        logger.exception("Кэш страниц недоступен")
        return build()
    if part is None:
        part = build()
        try:
            cache.set(key, part, PART_SECONDS)
        except Exception:
            logger.exception("Кэш страниц недоступен")
    return part
