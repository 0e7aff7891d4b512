"""Only what you may do: no page offers a link its reader would be refused.

Each demo role walks the pages it can reach from its home (one page per kind of page, so the
walk stays short) and follows every link: none may end in a refusal (403).
"""

import re
from collections import deque

import pytest
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[^"#]*)"')
SKIPPED = ("/static/", "/i18n/", "/quan-tri/", "/api/", "/favicon.ico")
DOWNLOADS = (".xlsx", ".pdf", ".csv", ".ico", "/tai-ve/", "/in/")
USERS = [
    "ctv.camthanh",
    "lanhdao.camthanh",
    "clb.camthanh",
    "canbo.camthanh",
    "kiemtra.quangngai",
    "vanphong.quangngai",
    "tinh.quangngai",
]


def _kind(path):
    try:
        return resolve(path.split("?")[0]).view_name
    except Resolver404:
        return None


def _walk(client, limit=70):
    """Breadth-first over kinds of page; returns (refused links with the page offering them)."""
    queue, seen, refused = deque([("/", None)]), set(), []
    while queue and len(seen) < limit:
        path, offered_on = queue.popleft()
        kind = _kind(path)
        if kind is None or kind in seen:
            continue
        seen.add(kind)
        response = client.get(path)
        if response.status_code == 403:
            refused.append((path, offered_on))
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            if href.startswith(SKIPPED) or any(d in href for d in DOWNLOADS):
                continue
            queue.append((href, path))
    return refused, seen


@pytest.mark.parametrize("username", USERS)
def test_no_page_offers_an_action_its_reader_may_not_take(demo, login, username):
    client = login(demo.users[username])
    refused, seen = _walk(client)
    assert len(seen) > 5, seen
    assert refused == [], f"{username} is offered links that end in 403: {refused}"
