"""Server-rendered pages: they render, link records to spans, and keep hostile article text inert."""

from __future__ import annotations

import asyncio
import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from storyline import query
from storyline.api.app import create_app
from storyline.models import Article, Claim, Entity, Event, Quote
from storyline.web.highlight import Span, article_spans, highlight

FIXTURES = Path(__file__).parent / "fixtures" / "api" / "articles.jsonl"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("br", "meta", "link", "input", "img", "hr"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def parse(html: str) -> Elements:
    p = Elements()
    p.feed(html)
    return p


def assert_inert(html: str) -> None:
    """No script but our own file, no event handler attribute, no javascript: URL in any attribute."""
    for tag, attrs in parse(html).tags:
        if tag == "script":
            assert attrs.get("src") == "/static/storyline.js", attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
        assert tag not in ("img", "iframe", "object", "embed"), tag


# -- highlighting, no model --------------------------------------------------

TEXT = 'Mira Holt said "<b>5 dead</b> in Kessel" & left.'


def hand_article() -> Article:
    q_start = TEXT.index("<b>")
    q_end = TEXT.index('"', q_start)
    return Article(
        id="a", content_hash="h", text=TEXT, origin="t",
        entities=[Entity("e1", "Mira Holt", "PERSON", [(0, 9)]), Entity("e2", "Kessel", "GPE", [(33, 39)])],
        quotes=[Quote(TEXT[q_start:q_end], q_start, q_end, "direct", "Mira Holt", "e1")],
        claims=[Claim(5, "person", "5 dead", q_start + 3, q_start + 9)],
        events=[Event("ev0", "STATEMENT", TEXT, 0, len(TEXT))])


def test_highlight_escapes_every_piece_and_stays_well_formed():
    html = str(highlight(TEXT, article_spans(hand_article(), focus="c0")))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp; left" in html
    assert not parse(f"<div>{html}</div>").errors
    text_only = re.sub(r"<[^>]+>", "", html)
    assert text_only.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&#34;", '"') == TEXT
    assert 'id="c0"' in html and "focus" in html and 'href="/entities/e2"' in html


@pytest.mark.parametrize("spans", [
    [Span(0, 10, "quote", "q0"), Span(5, 15, "claim", "c0")],  # crossing
    [Span(0, 20, "event", "e0"), Span(2, 4, "entity", "m1", href="/x"), Span(3, 8, "entity", "m2", href="/y")],
    [Span(0, 5, "quote", "q0"), Span(0, 5, "claim", "c0"), Span(5, 9, "quote", "q1")],  # same bounds, touching
])
def test_overlapping_spans_give_well_formed_html(spans):
    text = "0123456789abcdefghijkl"
    html = str(highlight(text, spans))
    assert not parse(f"<div>{html}</div>").errors, html
    assert re.sub(r"<[^>]+>", "", html) == text
    assert "<a" not in re.sub(r"<a [^>]*>[^<]*</a>", "", html) or html.count("<a ") == html.count("</a>")


def test_quote_colours_follow_speakers():
    art = hand_article()
    art.quotes.append(Quote("x", 0, 1, "direct", "Other Person", "e9"))
    classes = {s.anchor: s.classes for s in article_spans(art)}
    assert "spk-0" in classes["q0"] and "spk-1" in classes["q1"]


# -- pages over a real knowledge base ------------------------------------------

@pytest.fixture(scope="module")
def kb(tmp_path_factory, nlp):
    from storyline.kb import KnowledgeBase

    kb = KnowledgeBase(str(tmp_path_factory.mktemp("web") / "kb.db"))
    assert kb.ingest([FIXTURES]).added == 5
    # The cleaner strips tags from ingested text; a record stored by the writer as-is (another
    # tool's JSONL, a future reader) must still render inert, spans included.
    kb.writer.save_article(hostile_article())
    yield kb
    kb.close()


@pytest.fixture(scope="module")
def get(kb):
    app = create_app(kb.db)

    def get(url: str) -> httpx.Response:
        async def go():
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
                return await c.get(url)

        return asyncio.run(go())

    return get


HOSTILE_TEXT = ("Dock workers said <script>alert('body')</script> the fire <img src=x onerror=alert('img')> spread. "
                "\"Click <a href=\"javascript:alert('link')\">here</a>,\" said Edda Lume.")


def hostile_article() -> Article:
    t = HOSTILE_TEXT
    q0 = t.index("Click")
    q1 = t.index(",\" said")
    return Article(
        id="art_hostile", content_hash="hostile", text=t, origin="test", pipeline_version="t",
        title="<script>alert('title')</script> Dock fire", source="<b onmouseover=alert(1)>Evil Wire</b>",
        url="javascript:alert('url')", published="2025-03-13",
        entities=[Entity("ent_lume", "Edda Lume <svg onload=alert(1)>", "PERSON", [(t.index("Edda"), len(t) - 1)])],
        quotes=[Quote(t[q0:q1], q0, q1, "direct", "Edda Lume <svg onload=alert(1)>", "ent_lume")],
        claims=[Claim(1, "fire", "the fire <img", t.index("the fire"), t.index("the fire") + 13)],
        events=[Event("ev0", "<script>", t[: t.index("spread.") + 7], 0, t.index("spread.") + 7)])


def hostile_id(kb) -> str:
    return "art_hostile"


@pytest.mark.model
def test_every_page_renders_and_is_inert(kb, get):
    story = next(s for s in query.story_list(kb.db, since=None) if s["size"] >= 2)
    speaker = query.quotes(kb.db, speaker="Ilsa Venn").items[0]["speaker_id"]
    pages = ["/", "/?days=3650", f"/stories/{story['id']}", f"/stories/{story['id']}?speaker={speaker}",
             f"/entities/{speaker}", f"/articles/{hostile_id(kb)}", f"/articles/{hostile_id(kb)}?hl=q0",
             "/search?q=harbour", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "/search"]
    for url in pages:
        r = get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert r.headers["content-type"].startswith("text/html")
        assert "content-security-policy" in r.headers
        assert_inert(r.text)
        assert not parse(r.text).errors, (url, parse(r.text).errors[:3])


@pytest.mark.model
def test_hostile_article_renders_as_text(kb, get):
    html = get(f"/articles/{hostile_id(kb)}").text
    text = re.sub(r"<[^>]+>", "", html)  # our highlight tags split the text; the escaped text is intact
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;" in text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html  # the title, in <h1> and <title>
    assert "&lt;a href=&#34;javascript:alert(&#39;link&#39;)&#34;&gt;here&lt;/a&gt;" in text
    assert "Edda Lume &lt;svg onload=alert(1)&gt;" in html
    assert "&lt;b onmouseover=alert(1)&gt;Evil Wire&lt;/b&gt;" in html
    assert 'href="javascript:' not in html.lower()
    assert "javascript:alert(&#39;url&#39;)" in html  # the URL is shown as text, not linked
    home = get("/?days=3650").text
    assert "<script>alert" not in home and "&lt;script&gt;alert(&#39;title&#39;)" in home


@pytest.mark.model
def test_story_page_filters_quotes_by_speaker(kb, get):
    story = next(s for s in query.story_list(kb.db, since=None) if s["size"] >= 2)
    everyone = get(f"/stories/{story['id']}").text
    venn = query.quotes(kb.db, speaker="Ilsa Venn", story=story["id"]).items
    filtered = get(f"/stories/{story['id']}?speaker={venn[0]['speaker_id']}").text
    groups = re.findall(r'<div class="speaker-group', filtered)
    assert len(groups) == 1 and "Ilsa Venn" in filtered
    assert len(re.findall(r'<div class="speaker-group', everyone)) > 1
    assert filtered.count('class="quote-item"') == len(venn)
    assert "disputed" in everyone and 'class="claim-link"' in everyone


@pytest.mark.model
def test_ledger_links_focus_an_existing_span(kb, get):
    story = next(s for s in query.story_list(kb.db, since=None) if s["size"] >= 2)
    html = get(f"/stories/{story['id']}").text
    links = re.findall(r'class="claim-link" href="/articles/([^"?]+)\?at=(\d+)-(\d+)#at"', html)
    assert links
    for art_id, start, end in links[:5]:
        page = get(f"/articles/{art_id}?at={start}-{end}").text
        focused = re.search(r'<mark class="hl hl-at focus" id="at"[^>]*>(.*?)</mark>', page, re.S)
        assert focused
        assert re.sub(r"<[^>]+>", "", focused.group(1)) in page  # the marked text is the article's


@pytest.mark.model
@pytest.mark.parametrize("url,status", [("/articles/nope", 404), ("/entities/nope", 404), ("/stories/nope", 404),
                                        ("/articles/nope?hl=zz", 422), ("/nowhere", 404)])
def test_error_pages_are_html(get, url, status):
    r = get(url)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert f"<h1>{status}</h1>" in r.text


# -- articles without a title ----------------------------------------------------

@pytest.mark.parametrize("title,lead,expected", [
    ("Dock fire", "Anything", "Dock fire"),
    (None, "  The toll\nrose to 6 on Sunday.", "(untitled) The toll rose to 6 on Sunday."),  # spaces folded
    (None, "word " * 30, "(untitled) " + ("word " * 14).strip() + "\u2026"),
    (None, "x" * 90, "(untitled) " + "x" * 70 + "\u2026"),  # no space to cut at
    (None, "", "art_1"), (None, None, "art_1"), ("", "   ", "art_1"),
])
def test_article_label(title, lead, expected):
    from storyline.web.pages import article_label

    assert article_label(title, lead, "art_1") == expected


def test_listings_name_an_untitled_article_by_its_first_words_escaped(tmp_path):
    """An article without a title is listed by its first words (escaped), not by its id."""
    from storyline.kb import KnowledgeBase

    text = "<b>Rescuers</b> said the toll rose to six on Sunday, as the last fires were put out."
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        kb.writer.save_article(Article(id="art_untitled", content_hash="u1", text=text, origin="test",
                                       pipeline_version="t", published="2025-06-29"))
        app = create_app(kb.db)

        async def go(url):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
                return (await c.get(url)).text

        home = asyncio.run(go("/?days=3650"))
        found = asyncio.run(go("/search?q=rescuers"))
    for html in (home, found):
        assert "(untitled) &lt;b&gt;Rescuers&lt;/b&gt; said the toll rose to six on Sunday, as the last\u2026" in html
        assert ">art_untitled<" not in html and "<b>Rescuers" not in html
        assert_inert(html)
