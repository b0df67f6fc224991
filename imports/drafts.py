"""An uploaded roadmap waiting for confirmation, kept in the drafts store
(roadmap_portal/drafts.py) under its own kind.

A file larger than IMPORT_WORKER_THRESHOLD_BYTES is parsed by the worker, not in the web
request: its draft is saved as PARSING, the worker (`imports.tasks.parse_draft_task`) stores the
parsed roadmap or a Russian error in it, and the preview page polls until then. Both paths parse
with `parse_draft`."""

from dataclasses import dataclass

from imports.parsing import RoadmapParseError, parse_roadmap, parse_roadmap_text
from roadmap_portal.drafts import find_draft, update_draft


@dataclass
class ImportDraft:
    user_id: int
    filename: str  # "" for pasted text
    data: bytes  # the file, or the pasted text in UTF-8
    municipality_id: int | None
    program_id: int | None
    title: str
    state: str = "ready"  # PARSING while the worker parses, FAILED with `error`
    roadmap: object = None  # the worker's parse, so that the preview does not parse again
    error: str = ""

    @property
    def is_pasted_text(self):
        return not self.filename


PARSING, FAILED = "parsing", "failed"


def parse_draft(draft: ImportDraft, column_map=None):
    """The draft's roadmap, parsed; RoadmapParseError with a Russian message otherwise."""
    if draft.is_pasted_text:
        return parse_roadmap_text(draft.data.decode("utf-8"), column_map=column_map)
    return parse_roadmap(draft.data, draft.filename, column_map=column_map)


def parse_draft_in_background(token: str) -> None:
    """The worker's part: parse a PARSING draft and keep the result or the error in it. Doing it
    twice (an order handed over twice) changes nothing."""
    draft = find_draft(token, ImportDraft)
    if draft is None or draft.state != PARSING:
        return  # expired, dropped or already parsed
    try:
        draft.roadmap, draft.state = parse_draft(draft), "ready"
    except RoadmapParseError as error:
        draft.state, draft.error = FAILED, error.message
    update_draft(token, draft)
