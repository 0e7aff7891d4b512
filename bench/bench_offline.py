"""The field app on an emulated slow 3G connection (Chrome DevTools' "Slow 3G" profile through
CDP: 2 s latency, 50 kB/s down and up), for a commune padded to 2,000 households:

- first download of the offline copy: bytes on the wire, seconds, size on the device
  (IndexedDB usage from navigator.storage.estimate()). Goal: < 5 MB on the device, < 30 s.
- sending 100 queued entries (requests for help and shocks, varied): seconds. Goal: < 20 s.
- baseline in the same run: the plain HTML pages that hold the same data online, the register
  list by pages of 50 and the household pages (measured on a sample of 100, scaled to 2,000),
  their bytes (as served and gzip-compressed, as Caddy would send them) and the time the same
  profile needs for them (bytes / 50 kB/s + 2 s per request).

Runs on its own SQLite database in a temporary folder (migrate + demo province), serves it with
`manage.py runserver`, and drives Debian's chromium with Playwright:

    .venv/bin/python bench/bench_offline.py [--runs 3] [--households 2000]
"""

import argparse
import gzip
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="bench_offline_"))
os.environ.update(
    DATABASE_URL=f"sqlite:///{TMP / 'db.sqlite3'}", DEBUG="1", MEDIA_ROOT=str(TMP / "media"),
    DJANGO_SETTINGS_MODULE="giamngheo.settings", DJANGO_ALLOW_ASYNC_UNSAFE="true",
)  # fmt: skip

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from giamngheo.core.search import fold_parts  # noqa: E402
from giamngheo.geo.models import Level, Unit  # noqa: E402
from giamngheo.households.models import Household, Member  # noqa: E402
from giamngheo.site.demo import DEMO_PASSWORD, build_demo  # noqa: E402

COMMUNE = "23425"
USER = "ctv.tumorong"
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000,
           "uploadThroughput": 50_000}  # fmt: skip
NAMES = ["Y Văn Nam", "A Thị Hoa", "Đinh Văn Tâm", "Nguyễn Thị Lý", "Hồ Văn Bảy", "Lê Thị Nở"]
CHROMIUM = "/usr/bin/chromium"


def pad_commune(total: int) -> int:
    """Households (with 2–6 members each) added to the commune until it holds ``total``."""
    commune = Unit.objects.get(code=COMMUNE)
    villages = list(Unit.objects.filter(parent=commune, level=Level.VILLAGE))
    have = Household.objects.filter(commune=commune).count()
    households = []
    for i in range(have, total):
        head = f"{NAMES[i % len(NAMES)]} {i}"
        households.append(Household(
            code=f"{COMMUNE}-B{i:05d}", commune=commune, village=villages[i % len(villages)],
            head_name=head, address=f"Thôn {i % 9}", phone=f"09{i:08d}",
            income_per_capita=900_000 + (i * 7919) % 2_000_000, search_text=fold_parts(head),
        ))  # fmt: skip
    Household.objects.bulk_create(households, batch_size=500)
    members = []
    for n, h in enumerate(Household.objects.filter(code__startswith=f"{COMMUNE}-B")):
        for k in range(2 + n % 5):
            members.append(Member(
                household=h, full_name=h.head_name if k == 0 else f"{NAMES[(n + k) % 6]} {n}-{k}",
                relation="head" if k == 0 else "child", sex="male" if k % 2 else "female",
                birth_year=1950 + (n + 7 * k) % 70,
                citizen_id=f"062{n:06d}{k:03d}" if (1950 + (n + 7 * k) % 70) < 2010 else None,
            ))  # fmt: skip
    Member.objects.bulk_create(members, batch_size=1000)
    return Household.objects.filter(commune=commune).count()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc) -> None:
    import urllib.request

    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            if proc.poll() is not None:
                sys.exit("the server stopped")
            time.sleep(0.5)
    sys.exit("the server did not start")


def log_in(context, base: str):
    page = context.new_page()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(USER)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")
    return page


def copy_download(browser, base: str) -> dict:
    """One first download of the copy on a fresh phone (new context), throttled."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = log_in(context, base)
    page.goto(f"{base}/thuc-dia/")
    page.wait_for_selector("#field-app[data-ready]", state="attached")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes, ids = {}, set()
    cdp.on("Network.responseReceived", lambda e: ids.add(e["requestId"]) if "/ban-sao/" in e["response"]["url"] else None)  # fmt: skip
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]) if e["requestId"] in ids else None)  # fmt: skip
    before = page.evaluate(
        "navigator.storage.estimate().then(e => (e.usageDetails || {}).indexedDB || 0)"
    )
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    started = time.perf_counter()
    page.click("[data-action=download]")
    expect(page.locator("[data-copy-info]")).to_have_text(re.compile(r"^\d+"), timeout=120_000)
    seconds = time.perf_counter() - started
    cdp.send("Network.emulateNetworkConditions", {**SLOW_3G, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})  # fmt: skip
    after = page.evaluate(
        "navigator.storage.estimate().then(e => (e.usageDetails || {}).indexedDB || 0)"
    )
    result = {"seconds": seconds, "wire": sum(sizes.values()), "device": after - before, "page": page,
              "context": context, "cdp": cdp}  # fmt: skip
    return result


def send_queue(run: dict, n: int, seed: int) -> float:
    """``n`` entries put in the outbox, then sent on the throttled connection."""
    page, cdp = run["page"], run["cdp"]
    page.evaluate(
        """([n, seed, user]) => Promise.all(Array.from({length: n}, (_, i) => {
             const code = "23425-B" + String(100 + (i * 37 + seed * 11) % 1800).padStart(5, "0");
             const today = new Date().toISOString().slice(0, 10);
             const shock = i % 3 === 0;
             return Outbox.add({kind: shock ? "shock" : "request", user, household: code, label: code,
               url: `/api/v1/ho-gia-dinh/${code}/` + (shock ? "bien-co/" : "yeu-cau-tro-giup/"),
               body: shock ? {kind: "serious_illness", occurred_on: today, description: `Ốm ${seed}-${i}`}
                           : {need: "production", statement: `Xin giống lần ${seed}-${i}`, received_on: today}});
           }))""",
        [n, seed, USER],
    )
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    started = time.perf_counter()
    page.click("[data-action=send]")
    expect(page.locator("[data-outbox] [data-state=accepted]")).to_have_count(n, timeout=300_000)
    return time.perf_counter() - started


def html_baseline(context, base: str, households: int) -> dict:
    """The register's list pages and a sample of household pages, unthrottled, measured."""
    request = context.request
    raw = packed = requests = 0
    url = f"{base}/ho-gia-dinh/?commune={Unit.objects.get(code=COMMUNE).pk}"
    codes = list(
        Household.objects.filter(commune__code=COMMUNE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    for start in range(0, len(codes), 50):
        after = f"&after={codes[start - 1]}" if start else ""
        body = request.get(url + after).body()
        raw, packed, requests = raw + len(body), packed + len(gzip.compress(body)), requests + 1
    sample = codes[:: max(1, len(codes) // 100)][:100]
    detail_raw = detail_packed = 0
    for code in sample:
        body = request.get(f"{base}/ho-gia-dinh/{code}/").body()
        detail_raw, detail_packed = detail_raw + len(body), detail_packed + len(gzip.compress(body))
    scale = households / len(sample)
    raw, packed = raw + detail_raw * scale, packed + detail_packed * scale
    requests += households
    return {"raw": raw, "gzip": packed, "requests": requests,
            "slow3g_seconds": packed / SLOW_3G["downloadThroughput"] + requests * SLOW_3G["latency"] / 1000}  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--households", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=100)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    build_demo()
    total = pad_commune(args.households)
    members = Member.objects.filter(household__commune__code=COMMUNE).count()
    print(f"commune {COMMUNE}: {total} households, {members} members")
    port = free_port()
    base = f"http://localhost:{port}"
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_for(f"{base}/tai-khoan/dang-nhap/", server)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"]
            )
            for run in range(args.runs):
                result = copy_download(browser, base)
                sending = send_queue(result, args.entries, run)
                print(f"run {run + 1}: copy {result['wire'] / 1e3:.0f} kB on the wire, "
                      f"{result['seconds']:.1f} s on slow 3G, {result['device'] / 1e6:.2f} MB on the device; "
                      f"{args.entries} queued entries sent in {sending:.1f} s")  # fmt: skip
                if run == 0:
                    base_line = html_baseline(result["context"], base, total)
                result["context"].close()
            print(f"baseline, plain HTML pages for the same households: {base_line['requests']} requests, "
                  f"{base_line['raw'] / 1e6:.1f} MB as served, {base_line['gzip'] / 1e6:.2f} MB gzip-compressed, "
                  f"≈ {base_line['slow3g_seconds']:.0f} s on slow 3G")  # fmt: skip
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
