"""A crawler over the portal's pages as one user: follows every link inside the portal."""

import re
from collections import Counter, deque
from html.parser import HTMLParser

from django.urls import Resolver404, resolve

# Links that change something, leave the portal's pages, or are the admin's own pages.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/accounts/logout")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/") and not href.startswith("//"):
                self.links.append(href.split("#")[0])


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def crawl(client, start=("/",), per_view=3, limit=120):
    """HTML pages reached from `start`: {url: html}. At most `per_view` URLs of one view (three
    activities tell as much as three hundred), and query-string variants of a page count too."""
    pages, seen, per_name = {}, set(start), Counter()
    queue = deque(start)
    while queue and len(pages) < limit:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        pages[url] = html
        for link in links_of(html):
            if link in seen or link.startswith(SKIPPED_PREFIXES):
                continue
            seen.add(link)
            try:
                name = resolve(link.split("?")[0]).view_name
            except Resolver404:
                continue
            if per_name[name] >= per_view:
                continue
            per_name[name] += 1
            queue.append(link)
    return pages


# "2 023", "2\xa0019": a year (1900-2099) printed as a number with a thousands separator.
SPLIT_YEAR = re.compile(r"(?<![\d,.])(?:1[ \u00a0\u202f]9|2[ \u00a0\u202f]0)\d\d(?![\d,])")


def split_years(html: str) -> list[str]:
    return [m.group(0) for m in SPLIT_YEAR.finditer(html)]
