"""The web app in a real browser: Debian's Chromium driven by Playwright.

A user opens the served app, submits the two example articles, sees the
Sunday/Saturday contradiction and the quote change, clicks a sentence and sees its
counterpart light up. Hostile article text must stay inert. A report of eight outlets
fits a 1,400 px window. Screenshots are kept in ``tests/artifacts/``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import EXAMPLE, REPO, cli_env
from .test_claim_matrix import claim_kinds, eight_outlet_articles

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``newsprism serve`` as a user starts it, on a free loopback port."""
    port = _free_port()
    db = tmp_path_factory.mktemp("serve") / "store.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsprism", "serve", "--port", str(port), "--db", str(db)],
        env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise AssertionError("the server did not come up: " + proc.stderr.read1().decode(errors="replace"))
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def _submit_files(page, base: str, files: list[Path]) -> None:
    page.goto(base + "/")
    page.set_input_files("#files", [str(f) for f in files])
    with page.expect_navigation(timeout=120_000):
        page.click("#compare-submit")


def test_compare_the_example_in_the_browser(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    _submit_files(page, server, sorted(EXAMPLE.glob("*.txt")))
    findings = page.inner_text("#findings")
    assert "“Sunday”" in findings and "“Saturday”" in findings
    quotes = page.inner_text("#kind-quote_change")
    assert "escalatory" in quotes and "escalating" in quotes
    assert page.locator("mark.kind-quote_change.role-change").count() >= 2

    assert page.locator("#claims tr.claim").count() > 0  # the claim matrix is the first view
    page.click("#tab-articles")
    sentence = page.locator("span.sent.has-links").first
    counterparts = sentence.get_attribute("data-links").split()
    sentence.click()
    assert "is-active" in sentence.get_attribute("class").split()
    for ident in counterparts:
        assert "is-linked" in page.locator(f"[id='{ident}']").get_attribute("class").split()
    page.screenshot(path=str(ARTIFACTS / "web-app-compare.png"), full_page=True)
    sentence.click()  # clicking again clears the selection
    assert "is-active" not in sentence.get_attribute("class").split()
    assert page.dialogs == []


HOSTILE = (
    "Hostile <script>window.__pwned = 1; alert('x')</script> report\n"
    "The council <img src=x onerror=\"window.__pwned = 2\"> met on Monday and approved 12 new homes."
    " \"><svg onload=\"window.__pwned = 3\"></svg> Officials said the vote was close.\n"
)


def test_hostile_text_is_inert_in_the_app(server, page, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("Council approves homes\nThe council met on Monday and approved 14 new homes, officials said.\n", encoding="utf-8")
    _submit_files(page, server, [hostile, plain])
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []
    assert 'onerror="window.__pwned = 2"' in page.inner_text("#claims")
    page.click("#tab-articles")  # the headlines are in the articles view
    body = page.inner_text("body")
    assert "<script>window.__pwned = 1; alert('x')</script>" in body
    assert 'onerror="window.__pwned = 2"' in body
    assert page.locator("img").count() == 0 and page.locator("svg").count() == 0
    page.screenshot(path=str(ARTIFACTS / "web-app-hostile.png"), full_page=True)


def test_hostile_text_is_inert_on_the_article_page(server, page, tmp_path):
    hostile = tmp_path / "hostile2.txt"
    hostile.write_text(HOSTILE.replace("Hostile", "Stored hostile"), encoding="utf-8")
    response = httpx.post(f"{server}/api/ingest", files={"files": ("hostile2.txt", hostile.read_bytes(), "text/plain")}, timeout=120)
    assert response.status_code == 200, response.text
    listing = httpx.get(f"{server}/api/articles", timeout=30).json()
    rows = listing["articles"] if isinstance(listing, dict) else listing
    ident = next(r["id"] for r in rows if r["title"].startswith("Stored hostile"))
    page.goto(f"{server}/articles/{ident}")
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []
    assert "<img src=x onerror=" in page.inner_text("body")


def _in_viewport(box: dict | None, width: int, height: int) -> bool:
    return box is not None and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width \
        and box["y"] + box["height"] <= height


def test_claim_matrix_of_eight_outlets_fits_1400px(page, tmp_path):
    from newsprism.compare import compare
    from newsprism.report import render

    result = compare(eight_outlet_articles())
    report = tmp_path / "eight.html"
    report.write_text(render(result, "html"), encoding="utf-8")
    page.goto(report.as_uri())
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    assert (width, height) == (1400, 1000)

    heads = page.locator("#claims thead th.outlet-head")
    assert heads.all_inner_texts() == [a.name for a in result.articles] and heads.count() == 8
    page.locator("#claims thead").scroll_into_view_if_needed()
    assert all(_in_viewport(h.bounding_box(), width, height) for h in heads.all()), "every outlet's column is on screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"
    assert min(h.bounding_box()["width"] for h in heads.all()) >= 120, "columns wide enough to read"
    rows = page.locator("#claims tr.claim")
    assert rows.count() == len(result.claims) >= 5
    assert page.locator("#claims td.missing", has_text="not reported").count() >= 1
    rows.last.scroll_into_view_if_needed()  # the header row stays on screen while reading down
    assert all(_in_viewport(h.bounding_box(), width, height) for h in heads.all())

    kinds = [claim_kinds(result, c) for c in result.claims]
    kind = next(k for k in dict.fromkeys(str(f.kind) for f in result.findings)
                if 0 < sum(k in ks for ks in kinds) < len(kinds))
    page.click(f"#kind-filter .kind-toggle[data-kind={kind}]")
    for row, wanted in zip(rows.all(), kinds, strict=True):
        assert row.is_visible() == (kind in wanted)
    page.click("#kind-filter-clear")
    assert all(row.is_visible() for row in rows.all())

    page.click("#tab-articles")
    assert page.is_hidden("#claims") and page.locator("#articles article.col").count() == 8
    assert page.locator("#articles article.col").first.is_visible()
    page.click("#tab-claims")
    assert page.is_visible("#claims") and page.is_hidden("#articles")
    assert page.dialogs == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "claim-matrix-8-outlets.png"), full_page=True)


def test_stories_in_the_browser(server, page, tmp_path):
    """Ingest two dev stories from several outlets through the page, open /stories and see
    the coverage bars, open a story and see its timeline, missing outlets and claims."""
    import json

    from .test_web_stories import ECBPLUS, _ecb_records

    if not (ECBPLUS / "articles.jsonl").is_file():
        pytest.skip("the ECB+ dev data is not beside the repo")
    records, _ = _ecb_records()
    corpus = tmp_path / "two-stories.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    page.goto(server + "/articles")
    page.set_input_files("#ingest-files", [str(corpus)])
    with page.expect_navigation(timeout=300_000):
        page.click("#ingest-submit")
    page.click("#nav-stories")
    rows = page.locator("#stories tbody tr")
    assert rows.count() >= 2
    assert page.locator("#stories .coverage .mark.on").count() >= len(records) // 2
    assert "Daily <Ledger>" in page.inner_text("#outlet-order")  # shown as text, escaped in the HTML
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-app-stories.png"), full_page=True)
    biggest = max(range(rows.count()), key=lambda i: int(rows.nth(i).locator("td.num").first.inner_text()))
    with page.expect_navigation(timeout=300_000):
        rows.nth(biggest).locator("a").first.click()
    assert page.locator("#timeline li").count() >= 3
    assert "(first)" in page.inner_text("#timeline")
    assert page.locator("#claims tbody tr").count() > 0
    assert "dispute" in page.inner_text("#counts")
    page.screenshot(path=str(ARTIFACTS / "web-app-story.png"), full_page=True)

    # An outlet's profile, and a figure followed to the claim behind it.
    with page.expect_navigation(timeout=300_000):
        page.click("#nav-outlets")
    assert page.locator("#outlets tbody tr").count() == 3
    figure = page.locator("#outlets td details").first
    figure.locator("summary").click()
    page.screenshot(path=str(ARTIFACTS / "web-app-outlets.png"), full_page=True)
    link = figure.locator("a").first
    anchor = link.get_attribute("href").partition("#")[2]
    with page.expect_navigation(timeout=300_000):
        link.click()
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert page.dialogs == []
