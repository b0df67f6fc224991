"""An uploaded file (results or a target list) waiting for confirmation: kept in the cache,
never half-saved."""

import secrets
from dataclasses import dataclass

from django.core.cache import cache

from results.importing import Defaults

DRAFT_TTL_SECONDS = 2 * 60 * 60


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


def _key(token):
    return f"results-import:{token}"


def save_draft(draft: ResultsDraft | ListDraft) -> str:
    token = secrets.token_urlsafe(16)
    cache.set(_key(token), draft, DRAFT_TTL_SECONDS)
    return token


def load_draft(token: str, user, kind=ResultsDraft):
    """The user's own draft of that kind; someone else's token finds nothing."""
    draft = cache.get(_key(token))
    return draft if isinstance(draft, kind) and draft.user_id == user.pk else None


def drop_draft(token: str):
    cache.delete(_key(token))
