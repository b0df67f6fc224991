"""An uploaded roadmap waiting for confirmation. Kept in a cache on disk (the "import_drafts"
cache), not the database: nothing is written before the person confirms, and an abandoned upload
simply expires."""

import secrets
from dataclasses import dataclass

from django.core.cache import caches

DRAFT_TTL_SECONDS = 2 * 60 * 60


def _cache():
    return caches["import_drafts"]


@dataclass
class ImportDraft:
    user_id: int
    filename: str  # "" for pasted text
    data: bytes  # the file, or the pasted text in UTF-8
    municipality_id: int | None
    program_id: int | None
    title: str

    @property
    def is_pasted_text(self):
        return not self.filename


def _key(token):
    return f"roadmap-import:{token}"


def save_draft(draft: ImportDraft) -> str:
    token = secrets.token_urlsafe(16)
    _cache().set(_key(token), draft, DRAFT_TTL_SECONDS)
    return token


def load_draft(token: str, user) -> ImportDraft | None:
    """The user's own draft; someone else's token finds nothing."""
    draft = _cache().get(_key(token))
    return draft if draft is not None and draft.user_id == user.pk else None


def drop_draft(token: str):
    _cache().delete(_key(token))
