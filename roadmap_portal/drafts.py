"""Uploads waiting for the person's confirmation — a roadmap, results, a target list — in one
store: the "import_drafts" cache on disk, not the database (nothing is written before the person
confirms, an abandoned upload simply expires, and an upload works with Redis down).

A draft is kept under its kind (its class) and found only by its kind and its owner: a token of
one kind of upload never opens on another kind's page, and someone else's token finds nothing."""

import secrets

from django.core.cache import caches

DRAFT_TTL_SECONDS = 2 * 60 * 60


def _cache():
    return caches["import_drafts"]


def _key(kind: type, token: str) -> str:
    return f"draft:{kind.__module__}.{kind.__qualname__}:{token}"


def save_draft(draft) -> str:
    """Keep a new draft; its token for the URL."""
    token = secrets.token_urlsafe(16)
    update_draft(token, draft)
    return token


def update_draft(token: str, draft) -> None:
    _cache().set(_key(type(draft), token), draft, DRAFT_TTL_SECONDS)


def find_draft(token: str, kind: type):
    """The draft of that kind under the token, whoever owns it (the worker's view)."""
    draft = _cache().get(_key(kind, token))
    return draft if isinstance(draft, kind) else None


def load_draft(token: str, user, kind: type):
    """The user's own draft of that kind; a token of another kind or person finds nothing."""
    draft = find_draft(token, kind)
    return draft if draft is not None and draft.user_id == user.pk else None


def drop_draft(token: str, kind: type) -> None:
    _cache().delete(_key(kind, token))
