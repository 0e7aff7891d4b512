"""Every demo role on a 360 px phone: no page wider than the screen, stacked tables that
label every value, and axe-core (tests/e2e/axe, pinned) finding no serious or critical
violation on each role's home and on every page with a form.

One browser; per role one context: the home, each main-menu page, the first record linked
from it, its first "add" form, and the role's extra form pages. Bounded by MAX_PAGES.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
MAX_PAGES = 40
ROLES = {
    "admin": [],
    "tinh.quangngai": [],
    "vanphong.quangngai": [],
    "kiemtra.quangngai": ["/tai-khoan/nhat-ky-truy-cap/"],
    "canbo.tumorong": ["/ho-gia-dinh/them/", "/ho-gia-dinh/nhap/", "/ra-soat/thuong-xuyen/them/"],
    "lanhdao.tumorong": [],
    "ctv.tumorong": ["/ho-gia-dinh/them/", "/cong-tac-vien/ghi-hoat-dong/"],
    "clb.tumorong": [],
}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}

# A mobile viewport zooms out to fit a page wider than the phone, and window.innerWidth grows
# with it; the layout width (clientWidth) stays the phone's.
OVERFLOW = """() => {
  const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
  if (document.documentElement.scrollWidth <= width) return null;
  const wide = [...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .slice(-3).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className);
  return document.documentElement.scrollWidth + ' > ' + width + ' ' + wide.join(' | ');
}"""
UNLABELLED = """() => [...document.querySelectorAll('table.list')]
  .filter(t => t.querySelector('thead th'))
  .flatMap(t => [...t.querySelectorAll('tbody td')])
  .filter(td => td.textContent.trim() && !td.getAttribute('data-label'))
  .filter(td => ![...td.querySelectorAll('a, button')].reduce(
    (text, e) => text.replace(e.textContent.trim(), ''), td.textContent).trim() === '')
  .slice(0, 3).map(td => td.textContent.trim().slice(0, 30))"""
HAS_FORM = """() => [...document.querySelectorAll('main form')].some(f =>
  [...f.querySelectorAll('input, select, textarea')].some(
    e => e.type !== 'hidden' && e.type !== 'search' && e.offsetParent !== null))"""
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', '));
}"""


def _links(page, selector):
    hrefs = page.eval_on_selector_all(
        selector,
        "els => els.filter(e => !e.hasAttribute('download')).map(e => e.getAttribute('href'))",
    )
    return [
        h for h in hrefs if h and h.startswith("/") and not h.startswith(("/quan-tri/", "/api/"))
        and not urlsplit(h).path.endswith((".xlsx", ".pdf", ".csv", ".docx", "/tep/"))
    ]  # fmt: skip


def _check(page, username, path, axe_source, problems, home=False):
    if overflow := page.evaluate(OVERFLOW):
        problems.append(f"{username} {path}: wider than the phone: {overflow}")
    if unlabelled := page.evaluate(UNLABELLED):
        problems.append(f"{username} {path}: table cells without a label: {unlabelled}")
    if home or page.evaluate(HAS_FORM):
        page.evaluate(axe_source)
        for violation in page.evaluate(RUN_AXE):
            problems.append(f"{username} {path}: axe {violation}")


def _sweep_role(live_server, browser, password, username, axe_source):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    problems = []
    # the check itself sees a page made too wide on purpose
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<div id=wide>x</div>')")
    page.evaluate("document.getElementById('wide').style.width = '600px'")  # CSSOM: CSP allows
    assert page.evaluate(OVERFLOW), "the overflow check missed a 600 px element"
    page.reload()
    _check(page, username, "login", axe_source, problems, home=True)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    menu = _links(page, "nav.main-nav a")
    menu_paths = {urlsplit(m).path for m in menu}
    visited = set()

    def visit(path):
        if path in visited or len(visited) >= MAX_PAGES:
            return False
        visited.add(path)
        response = page.goto(f"{live_server.url}{path}")
        assert response.status < 400, (username, path, response.status)
        _check(page, username, path, axe_source, problems, home=path == "/")
        return True

    for path in ["/", *menu, *ROLES[username]]:
        if not visit(path) or path not in menu:
            continue
        links = [h for h in _links(page, "main a") if urlsplit(h).path not in menu_paths]
        details = [h for h in links if not urlsplit(h).path.endswith("/them/")]
        forms = [h for h in links if urlsplit(h).path.endswith("/them/")]
        for extra in details[:1] + forms[:1]:
            visit(extra)
            page.goto(f"{live_server.url}{path}")
    context.close()
    assert len(visited) >= len(menu) + 2, (username, visited)
    return problems, len(visited)


def test_every_role_fits_a_360px_phone_and_passes_axe(live_server, browser, demo):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make axe` (make test does).")
    axe_source = AXE.read_text(encoding="utf-8")
    problems, pages = [], 0
    for username in ROLES:
        found, count = _sweep_role(live_server, browser, demo.password, username, axe_source)
        problems += found
        pages += count
    assert pages >= 60, pages
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
