"""Approving the draft edition of a roadmap with an order: one write, numbered in turn."""

from django.db import transaction

from programs.models import Edition, Program
from programs.selectors import edition_state, roadmap_snapshot


class NothingToApprove(Exception):
    """The roadmap has not changed since the latest approved edition."""


@transaction.atomic
def approve_edition(program: Program, form, user) -> Edition:
    """Store the current roadmap as a new approved edition with the form's order.

    The program row is locked so that two approvals at once get consecutive numbers; a roadmap
    unchanged since the last edition is refused (NothingToApprove), nothing is saved then.
    """
    Program.objects.select_for_update().filter(pk=program.pk).first()
    state = edition_state(program)
    if state.latest is not None and not state.pending:
        raise NothingToApprove
    edition = form.save(commit=False)
    edition.program = program
    edition.number = (state.latest.number + 1) if state.latest else 1
    edition.snapshot = roadmap_snapshot(program)
    edition.approved_by = user
    edition.save()
    return edition
