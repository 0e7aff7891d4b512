"""The installable field app on a phone without signal: entries made offline are sent once
when the connection returns, a conflicting change is shown with both versions, signing out
wipes the copy, and the copy never holds another commune's households."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from giamngheo.assistance.models import HelpRequest
from giamngheo.collaborators.models import Activity, Collaborator
from giamngheo.core.periods import Period
from giamngheo.core.search import fold
from giamngheo.households import services
from giamngheo.households.models import Household

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 256

STORED_CODES = """async () => {
  const dbs = await indexedDB.databases();
  if (!dbs.some((d) => d.name === "giamngheo-field")) return null;
  return await new Promise((resolve) => {
    const r = indexedDB.open("giamngheo-field");
    r.onsuccess = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains("households")) { db.close(); return resolve([]); }
      const q = db.transaction("households").objectStore("households").getAllKeys();
      q.onsuccess = () => { db.close(); resolve(q.result); };
    };
  });
}"""
SIGNED_IN_LONG_AGO = """() => new Promise((resolve) => {
  const r = indexedDB.open("giamngheo-field");
  r.onsuccess = () => {
    const tx = r.result.transaction("meta", "readwrite");
    tx.objectStore("meta").put(Date.now() - 15 * 86400000, "authAt");
    tx.oncomplete = () => { r.result.close(); resolve(true); };
  };
})"""


def _log_in(browser, phone_context_args, live_server, username, password):
    context = browser.new_context(**phone_context_args)
    page = context.new_page()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("h1")).to_contain_text("Xin chào")
    return context, page


def _open_app(page, live_server, download=True):
    page.goto(f"{live_server.url}/thuc-dia/")
    expect(page.locator("#field-app[data-ready]")).to_be_attached()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if download:
        page.click("[data-action=download]")
        expect(page.locator("[data-copy-info]")).to_contain_text("hộ")


def _open_household(page, household):
    # Typed without diacritics, as on a phone keyboard in a hurry.
    page.fill("[data-q]", fold(household.head_name))
    page.locator(f"[data-results] button[data-code='{household.code}']").click()
    expect(page.locator("[data-hh-title]")).to_contain_text(household.code)


def test_offline_activity_and_request_are_sent_once_and_reach_the_monthly_report(
    live_server, browser, demo, phone_context_args
):
    household = Household.objects.filter(commune=demo.commune_a).order_by("code")[1]
    context, page = _log_in(browser, phone_context_args, live_server, "ctv.tumorong", demo.password)
    _open_app(page, live_server)
    activities, requests = Activity.objects.count(), HelpRequest.objects.count()

    context.set_offline(True)
    page.reload()
    expect(page.locator("#field-app[data-ready]")).to_be_attached()
    expect(page.locator("[data-online]")).to_have_class("badge offline")
    _open_household(page, household)
    page.click("[data-open=activity]")
    form = page.locator("form[data-form=activity]")
    form.locator("input[name=duty][value='1']").check()
    form.locator("textarea[name=description]").fill("Thăm hộ ngoại tuyến, chụp ảnh nhà")
    form.locator("input[type=file]").set_input_files(
        files=[{"name": "nha.png", "mimeType": "image/png", "buffer": PNG}]
    )
    form.locator("button[type=submit]").click()
    page.click("[data-open=request]")
    form = page.locator("form[data-form=request]")
    form.locator("input[name=need][value=production]").check()
    form.locator("textarea[name=statement]").fill("Xin hỗ trợ giống ngô (ghi ngoại tuyến)")
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-outbox-count]")).to_have_text("2")

    page.close()
    page = context.new_page()
    page.goto(f"{live_server.url}/thuc-dia/")
    expect(page.locator("[data-outbox-count]")).to_have_text("2")
    assert Activity.objects.count() == activities

    context.set_offline(False)
    expect(page.locator("[data-outbox] [data-state=accepted]")).to_have_count(2)
    expect(page.locator("[data-outbox-count]")).to_have_text("0")
    page.click("[data-action=send]")
    page.wait_for_timeout(500)
    logged = Activity.objects.filter(description="Thăm hộ ngoại tuyến, chụp ảnh nhà")
    assert logged.count() == 1 and logged.get().attachment.read() == PNG
    assert HelpRequest.objects.filter(statement__contains="ghi ngoại tuyến").count() == 1
    assert HelpRequest.objects.count() == requests + 1
    # The request for help is also written to the collaborator's log (duty 1).
    assert Activity.objects.count() == activities + 2

    collaborator = Collaborator.objects.get(user=demo.users["ctv.tumorong"])
    month = Period.containing(timezone.localdate())
    page.goto(f"{live_server.url}/cong-tac-vien/{collaborator.pk}/bao-cao/{month.slug}/")
    expect(page.locator("main")).to_contain_text("Thăm hộ ngoại tuyến, chụp ảnh nhà")
    expect(page.locator("main")).to_contain_text("ghi ngoại tuyến")
    context.close()


def test_a_change_made_offline_over_a_newer_one_shows_both_versions(
    live_server, browser, demo, phone_context_args
):
    household = Household.objects.filter(commune=demo.commune_a).order_by("code")[2]
    context, page = _log_in(browser, phone_context_args, live_server, "canbo.tumorong",
                            demo.password)  # fmt: skip
    _open_app(page, live_server)
    context.set_offline(True)
    _open_household(page, household)
    page.click("[data-open=household]")
    page.locator("form[data-form=household] [name='hh-phone']").fill("0911000111")
    page.locator("form[data-form=household] button[type=submit]").click()
    expect(page.locator("[data-outbox-count]")).to_have_text("1")

    # Meanwhile, at the commune office, someone else saves the household.
    fresh = Household.objects.get(pk=household.pk)
    services.update_household(
        household=fresh, village=fresh.village, data={"phone": "0922000222"},
        members=list(fresh.members.all()), policy_groups=[], version=fresh.version,
        by=demo.users["canbo.tumorong"], reason="Cập nhật tại xã",
    )  # fmt: skip

    context.set_offline(False)
    conflict = page.locator("[data-outbox] li.state-conflict")
    expect(conflict).to_contain_text("0911000111")
    expect(conflict).to_contain_text("0922000222")
    assert Household.objects.get(pk=household.pk).phone == "0922000222"
    conflict.locator("[data-entry-action=keep-mine]").click()
    expect(page.locator("[data-outbox] [data-state=accepted]")).to_have_count(1)
    assert Household.objects.get(pk=household.pk).phone == "0911000111"
    context.close()


def test_the_copy_holds_only_the_own_commune_and_logout_wipes_it(
    live_server, browser, demo, phone_context_args
):
    context, page = _log_in(browser, phone_context_args, live_server, "ctv.tumorong", demo.password)
    _open_app(page, live_server)
    codes = page.evaluate(STORED_CODES)
    own = set(Household.objects.filter(commune=demo.commune_a).values_list("code", flat=True))
    assert codes and set(codes) == own
    others = set(Household.objects.exclude(commune=demo.commune_a).values_list("code", flat=True))
    assert others and not others & set(codes)

    # Not seen signed in for longer than OFFLINE_COPY_WIPE_AFTER_DAYS: the copy goes.
    page.evaluate(SIGNED_IN_LONG_AGO)
    context.set_offline(True)
    page.reload()
    expect(page.locator("#field-app[data-ready]")).to_be_attached()
    assert page.evaluate(STORED_CODES) == []
    context.set_offline(False)
    page.click("[data-action=download]")
    expect(page.locator("[data-copy-info]")).to_contain_text(f"{len(own)} hộ")

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
    assert page.evaluate(STORED_CODES) in (None, [])
    context.close()
