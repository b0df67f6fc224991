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
