"""Every page of every demo role loads under the Content-Security-Policy with no violation.

One browser context per role: log in, collect the main-menu links, open each menu page and
the first record linked from its list (the detail pages), and fail on any CSP report the
browser prints or any page served without the policy.
"""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = [
    "admin",
    "tinh.quangngai",
    "vanphong.quangngai",
    "kiemtra.quangngai",
    "canbo.tumorong",
    "lanhdao.tumorong",
    "ctv.tumorong",
    "clb.tumorong",
]
# Pages not in the menu that a role reaches from a record or a button.
EXTRA = {
    "admin": ["/quan-tri/", "/quan-tri/households/household/", "/quan-tri/accounts/user/1/change/"],
    "canbo.tumorong": [
        "/ho-gia-dinh/them/",
        "/ho-gia-dinh/nhap/",
        "/api/v1/ho-gia-dinh/?page_size=2",
    ],
    "ctv.tumorong": ["/ho-gia-dinh/them/"],
    "kiemtra.quangngai": ["/tai-khoan/nhat-ky-truy-cap/"],
}


def _links(page, selector):
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    return [
        h for h in hrefs if h and h.startswith("/") and not h.endswith((".xlsx", ".pdf", ".csv"))
    ]


def _check_role(live_server, browser, password, username) -> list[str]:
    """Problems found on the role's pages (CSP reports, pages without the policy)."""
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda msg: (
            problems.append(f"{username} {page.url}: {msg.text}")
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    menu = _links(page, "nav.main-nav a")
    assert len(menu) >= 3, username
    menu_paths = {urlsplit(m).path for m in menu}
    visited = set()

    def visit(path):
        if path in visited:
            return
        visited.add(path)
        response = page.goto(f"{live_server.url}{path}")
        assert response.status < 400, (username, path, response.status)
        policy = response.headers.get("content-security-policy", "")
        if "script-src 'self'" not in policy or "unsafe-inline" in policy:
            problems.append(f"{username} {path}: served without the policy ({policy!r})")

    for path in ["/", *menu, *EXTRA.get(username, [])]:
        visit(path)
        if path not in menu:
            continue
        # the first record linked from the list: a detail page of this part of the system
        details = [
            h for h in _links(page, "main table a, main ul a, main .card a")
            if urlsplit(h).path not in menu_paths
        ]  # fmt: skip
        if details:
            visit(details[0])
    context.close()
    assert len(visited) >= len(menu) + 2, (username, visited)
    return problems


def test_every_page_of_every_role_passes_the_csp(live_server, browser, demo):
    problems = []
    for username in ROLES:
        problems += _check_role(live_server, browser, demo.password, username)
    assert not problems, "\n".join(problems[:10])
