"""axe-core (from npm, tests/package.json) finds no WCAG 2.1 A/AA violations on the key pages of
each role, at a desktop width and on a phone."""

import json
import os

import pytest
from django.conf import settings

from tests.display_tests.test_browser_phone import PHONE, key_pages, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = settings.BASE_DIR / "tests" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true, но axe-core не установлен (npm ci --prefix tests).")
        pytest.skip("axe-core не установлен: npm ci --prefix tests")
    return AXE.read_text()


def violations(page, axe_source) -> list[str]:
    page.evaluate(axe_source)
    result = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v => ({
            id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [json.dumps(v, ensure_ascii=False) for v in result]


def violations_on(page, live_server, urls, axe_source, shots=None) -> dict[str, list[str]]:
    """axe's findings per URL; with `shots` (a path prefix) a screenshot of each page too."""
    found = {}
    for number, url in enumerate(urls):
        page.goto(live_server.url + url)
        if shots:
            page.screenshot(path=f"{shots}_{number}.png", full_page=True)
        problems = violations(page, axe_source)
        if problems:
            found[url] = problems
    return found


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("role", ["specialist", "coordinator", "head", "observer"])
def test_no_axe_violations_on_key_pages(
    demo, live_server, browser, axe_source, artifacts_dir, role, viewport
):
    # Injecting axe is the test's own script: the page's CSP would refuse it, not the portal's.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    log_in(page, live_server, role)
    shots = artifacts_dir / f"a11y_{role}_{viewport['width']}" if viewport == DESKTOP else None
    found = violations_on(page, live_server, key_pages(demo)[role], axe_source, shots)
    context.close()
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_no_axe_violations_on_public_and_login_pages(demo, live_server, browser, axe_source):
    demo.is_public = True
    demo.save()
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    page = context.new_page()
    urls = ["/", f"/public/programs/{demo.pk}/", "/accounts/login/"]
    found = violations_on(page, live_server, urls, axe_source)
    context.close()
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_check_sees_a_violation(browser, axe_source):
    page = browser.new_page()
    page.set_content(
        '<html lang="ru"><body><main><img src="x.png"><a href="/"></a></main></body></html>'
    )
    found = " ".join(violations(page, axe_source))
    page.close()
    assert '"image-alt"' in found and '"link-name"' in found
