"""An uploaded file (results or a target list) waiting for confirmation, kept in the drafts
store (roadmap_portal/drafts.py) under its own kind: never half-saved."""

from dataclasses import dataclass

from results.importing import Defaults


@dataclass
class ResultsDraft:
    user_id: int
    filename: str
    data: bytes
    defaults: Defaults


@dataclass
class ListDraft:
    user_id: int
    municipality_id: int
    filename: str
    data: bytes
    decision: dict[str, str]  # the order's fields as typed
