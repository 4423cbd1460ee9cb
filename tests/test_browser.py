"""The web UI in real Chromium (Debian's package, driven by Playwright), against the app served on
127.0.0.1 by uvicorn in a thread. Screenshots of each page go to the test's output folder
(``STORYLINE_SCREENSHOTS`` or pytest's tmp dir)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from storyline import query

FIXTURES = Path(__file__).parent / "fixtures" / "api" / "articles.jsonl"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.model


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    out = Path(os.environ.get("STORYLINE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    """(base URL, knowledge base) with the fixture corpus, served on 127.0.0.1."""
    import uvicorn

    from storyline.api.app import create_app
    from storyline.kb import KnowledgeBase

    kb = KnowledgeBase(str(tmp_path_factory.mktemp("browser") / "kb.db"))
    assert kb.ingest([FIXTURES]).added == 5
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(kb.db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        assert time.time() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", kb
    srv.should_exit = True
    thread.join(10)
    kb.close()


@pytest.fixture(scope="module")
def page(server):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium not found: scripts/system-deps.sh installs Debian's chromium")
        pytest.skip("chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1366, "height": 860})
        page.dialogs = []  # any alert() a hostile article managed to run lands here
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.console_errors = []
        page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
        yield page
        browser.close()


def test_demo_story_speaker_claim_article_search(server, page, shots):
    base, kb = server
    page.goto(base + "/?days=3650")
    page.screenshot(path=shots / "1-home.png", full_page=True)
    story = next(s for s in query.story_list(kb.db, since=None) if s["size"] >= 2)
    link = page.locator(f'a.story-link[href="/stories/{story["id"]}"]')
    assert link.count() == 1

    link.click()
    page.wait_for_url(f"**/stories/{story['id']}")
    assert page.locator("h1").inner_text() == story["title"]
    assert page.locator(".ledger-entry.disputed").count() >= 1
    groups_before = page.locator(".speaker-group").count()
    page.screenshot(path=shots / "2-story.png", full_page=True)

    # Filter quotes by a speaker: the <select> submits itself (storyline.js).
    venn = query.quotes(kb.db, speaker="Ilsa Venn", story=story["id"]).items
    with page.expect_navigation():
        page.select_option("#speaker-filter", venn[0]["speaker_id"])
    assert "speaker=" in page.url
    assert groups_before > 1 and page.locator(".speaker-group").count() == 1
    assert page.locator(".speaker-group h3").inner_text().startswith("Ilsa Venn")
    assert page.locator(".speaker-group .quote-item").count() == len(venn)
    page.locator("#quotes").scroll_into_view_if_needed()
    page.screenshot(path=shots / "3-story-speaker.png")

    # Open a disputed claim and follow it to its article: the cited span is highlighted.
    claim = page.locator(".ledger-entry.disputed a.claim-link").first
    href = claim.get_attribute("href")
    claim.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url and "at=" in page.url
    focused = page.locator("#at.focus")
    assert focused.count() == 1 and focused.is_visible()
    start, end = (int(x) for x in href.split("at=")[1].split("#")[0].split("-"))
    art = kb.article(href.split("/articles/")[1].split("?")[0])
    assert focused.inner_text() == art.text[start:end]
    colour = focused.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=shots / "4-article-claim.png")

    # Search from the header box.
    page.fill("header input[name=q]", "drones")
    with page.expect_navigation():
        page.press("header input[name=q]", "Enter")
    assert page.locator("ol.results li.result").count() >= 2
    assert page.locator(".snippet mark").first.inner_text().lower().startswith("drone")
    page.screenshot(path=shots / "5-search.png")
    assert not page.dialogs and not page.console_errors, (page.dialogs, page.console_errors)


def test_hostile_article_is_inert_in_the_browser(server, page, shots):
    base, kb = server
    hostile = query.search(kb.db, "harbour").items[0]["id"]
    page.goto(f"{base}/articles/{hostile}")
    page.screenshot(path=shots / "6-hostile.png")
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()  # shown as text
    assert page.locator("main script, main img, main iframe").count() == 0
    assert page.evaluate("() => [...document.querySelectorAll('a')].filter(a => a.protocol === 'javascript:').length") == 0
    page.goto(f"{base}/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert not page.dialogs, page.dialogs
