"""A page's fingerprint query is compiled once and run with each page's own ids: it reads the
same as the parts built for those ids, whatever their number."""

from monitoring.workload import workload_fingerprint, workload_parts
from programs.fingerprint import fingerprint
from programs.selectors import roadmap_fingerprint, roadmap_parts


def test_compiled_roadmap_fingerprint_reads_each_programs_own_rows(cast):
    seen = set()
    for program in (cast.a.program, cast.b.program, cast.a.program):
        own = fingerprint(*roadmap_parts(program.pk, program.municipality_id))
        assert roadmap_fingerprint(program) == own
        seen.add(own)
    assert len(seen) == 2


def test_compiled_workload_fingerprint_reads_the_schools_given(cast):
    school_lists = (
        [],
        [cast.a.school.pk],
        [cast.b.school.pk],
        [cast.a.school.pk, cast.b.school.pk],
    )
    digests = [workload_fingerprint(ids) for ids in school_lists]
    assert digests == [fingerprint(*workload_parts(ids)) for ids in school_lists]
    assert len(set(digests)) == len(school_lists)


def test_cached_pages_are_not_reused_after_a_deploy_changes_how_values_are_shown(
    settings, tmp_path
):
    """A release that changes a formatting function (not a template) gives the cached parts
    new keys: the old HTML showed values the old way."""
    from programs import fingerprint as module

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("{{ value|number }}")
    (tmp_path / "display").mkdir()
    (tmp_path / "display" / "__init__.py").write_text("")
    formats = tmp_path / "display" / "formats.py"
    settings.BASE_DIR = tmp_path
    digests = []
    try:
        for source in (
            "def number(value): return f'{value:.2f}'",
            "def number(value): return value",
        ):
            formats.write_text(source)
            module._code_digest.cache_clear()  # a new process after the deploy
            digests.append(module.markup_digest("page.html"))
    finally:
        module._code_digest.cache_clear()
    assert digests[0] != digests[1]
