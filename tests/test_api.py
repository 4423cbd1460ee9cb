"""The HTTP API in-process (httpx ASGI transport) over a real knowledge base built
from our own fictional fixture articles (tests/fixtures/api), one of them hostile."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from storyline import query
from storyline.api.app import CSP, create_app
from storyline.models import Article, Entity, Quote

FIXTURES = Path(__file__).parent / "fixtures" / "api" / "articles.jsonl"
ERROR_KEYS = {"status", "code", "message", "hint"}

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def kb(tmp_path_factory, nlp):
    from storyline.kb import KnowledgeBase

    kb = KnowledgeBase(str(tmp_path_factory.mktemp("api") / "kb.db"))
    report = kb.ingest([FIXTURES])
    assert report.added == 5 and not report.failed
    yield kb
    kb.close()


def call(app, method: str, url: str, **kwargs) -> httpx.Response:
    async def go():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
            return await c.request(method, url, **kwargs)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def app(kb):
    return create_app(kb.db, token="")


@pytest.fixture(scope="module")
def get(app):
    return lambda url, **kw: call(app, "GET", url, **kw)


def drone_story(kb) -> dict:
    return next(s for s in query.story_list(kb.db, since=None) if s["size"] >= 2)


def all_pages(get, url: str, limit: int) -> list[dict]:
    items, cursor = [], None
    while True:
        sep = "&" if "?" in url else "?"
        r = get(f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return items


def test_openapi_lists_every_route(get):
    paths = set(get("/openapi.json").json()["paths"])
    assert {"/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/claims", "/api/events",
            "/api/stories", "/api/stories/{story_id}", "/api/entities", "/api/entities/{entity_id}",
            "/api/search"} <= paths
    assert "/api/ingest" not in paths  # read-only without a token


@pytest.mark.parametrize("url", ["/api/articles", "/api/quotes", "/api/claims", "/api/events", "/api/entities"])
@pytest.mark.parametrize("limit", [1, 2, 7])
def test_cursor_pages_cover_everything_once(get, url, limit):
    whole = get(f"{url}?limit=500").json()["items"]
    assert whole and get(f"{url}?limit=500").json()["next_cursor"] is None
    paged = all_pages(get, url, limit)
    key = "id"
    assert [i[key] for i in paged] == [i[key] for i in whole]


def test_cursor_is_stable_when_newer_articles_arrive(kb, get):
    first = get("/api/articles?limit=2").json()
    # A newer article stored between two page requests must not shift the next page (OFFSET would).
    kb.writer.save_article(Article(id="art_newer", content_hash="h-newer", text="Later report from Tarnis.",
                                   origin="test", title="Later", published="2030-01-01", pipeline_version="t"))
    try:
        second = get(f"/api/articles?limit=2&cursor={first['next_cursor']}").json()
        whole = [a["id"] for a in get("/api/articles?limit=500").json()["items"]]
        assert [a["id"] for a in first["items"] + second["items"]] == [i for i in whole if i != "art_newer"][:4]
    finally:
        kb.db.execute("DELETE FROM articles WHERE id = 'art_newer'")


def test_article_detail_has_records_and_spans(kb, get):
    art_id = next(a["id"] for a in get("/api/articles?limit=50").json()["items"] if a["title"].startswith("Velmar fires"))
    body = get(f"/api/articles/{art_id}").json()
    assert body["quotes"] and body["claims"] and body["events"] and body["entities"]
    kinds = {s["kind"] for s in body["spans"]}
    assert {"entity", "quote", "claim", "event"} <= kinds
    for s in body["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(body["text"])
    for q in body["quotes"]:
        assert q["text"] in body["text"][q["start"]:q["end"]] or body["text"][q["start"]:q["end"]] in q["text"]


@pytest.mark.parametrize("url,status", [
    ("/api/articles/art_does_not_exist", 404),
    ("/api/entities/ent_does_not_exist", 404),
    ("/api/stories/sto_does_not_exist", 404),
    ("/api/no/such/route", 404),
    ("/api/articles?limit=0", 422),
    ("/api/articles?limit=abc", 422),
    ("/api/quotes?since=yesterday", 422),
    ("/api/quotes?kind=shouted", 422),
    ("/api/claims?cursor=not-a-cursor", 422),
    ("/api/events?cursor=WyJ4Il0", 422),  # a valid encoding of the wrong key width
    ("/api/search", 422),
    ("/api/search?q=", 422),
    ("/api/search?q=%22%22%20***", 422),  # no words at all
])
def test_one_error_shape(get, url, status):
    r = get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status and body["error"]["code"].startswith("E") and body["error"]["message"]


def test_filters(kb, get):
    quotes = get("/api/quotes?limit=500").json()["items"]
    speaker = next(q for q in quotes if q["speaker"] == "Arlo Brekk")
    by_id = get(f"/api/quotes?speaker={speaker['speaker_id']}").json()["items"]
    by_name = get("/api/quotes?speaker=Arlo%20Brekk").json()["items"]
    assert by_id and {q["speaker_id"] for q in by_id} == {speaker["speaker_id"]}
    assert [q["id"] for q in by_name] == [q["id"] for q in by_id]
    assert get("/api/quotes?speaker=Nobody%20Known").json()["items"] == []
    direct = get("/api/quotes?kind=direct&limit=500").json()["items"]
    assert direct and all(q["kind"] == "direct" for q in direct)
    story = drone_story(kb)
    in_story = get(f"/api/quotes?story={story['id']}&limit=500").json()["items"]
    assert in_story and all(q["story_id"] == story["id"] for q in in_story)
    assert len(in_story) < len(quotes)
    dated = get("/api/articles?since=2025-03-11&until=2025-03-12").json()["items"]
    assert {a["published"][:10] for a in dated} <= {"2025-03-11", "2025-03-12"} and len(dated) == 2
    herald = get("/api/articles?source=Tarnis%20Herald").json()["items"]
    assert [a["source"] for a in herald] == ["Tarnis Herald"]
    claims = get("/api/claims?claimant=Arlo%20Brekk").json()["items"]
    assert claims and all(c["claimant"] == "Arlo Brekk" for c in claims)
    drones = get("/api/claims?unit=drone&limit=500").json()["items"]
    assert drones and all(c["unit"] == "drone" for c in drones)
    assert get("/api/claims?unit=drones&limit=500").json()["items"] == drones  # as written
    types = {e["type"] for e in get("/api/events?limit=500").json()["items"]}
    some = sorted(types)[0]
    assert {e["type"] for e in get(f"/api/events?type={some}&limit=500").json()["items"]} == {some}


def test_entities_and_entity(get):
    people = get("/api/entities?type=PERSON&limit=500").json()["items"]
    assert people and all(e["type"] == "PERSON" for e in people)
    venn = next(e for e in people if e["name"] == "Ilsa Venn")
    assert venn["mentions"] >= 2 and venn["articles"] >= 2
    assert [e["name"] for e in get("/api/entities?q=venn").json()["items"]] == ["Ilsa Venn"]
    detail = get(f"/api/entities/{venn['id']}").json()
    assert detail["name"] == "Ilsa Venn"
    assert detail["quotes_by"]["items"] and all(q["speaker"] == "Ilsa Venn" for q in detail["quotes_by"]["items"])
    assert detail["recent_articles"]["items"]


@pytest.mark.parametrize("q,expect", [
    ("drones", "Velmar fires 120 drones at Tarnis overnight"),
    ('"grain export agreement"', "Ostria and Lindmark sign grain agreement"),
    ("agree*", "Ostria and Lindmark sign grain agreement"),
    ("harbour warehouses", "<script>alert('title')</script> Harbour fire"),
])
def test_search_finds(get, q, expect):
    items = get("/api/search", params={"q": q}).json()["items"]
    assert expect in [i["title"] for i in items]
    for i in items:
        assert any(hit for _, hit in i["snippet"]) or q.endswith("*")


@pytest.mark.parametrize("q", ["zeppelin", '"drones grain"', "NEAR(a b)", "-drones", "a:b", "(((", "'; DROP TABLE articles; --"])
def test_search_is_safe_with_any_query(get, q):
    r = get("/api/search", params={"q": q})
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:
        assert r.json()["items"] == [] or q in ("NEAR(a b)", "-drones", "a:b")


def test_search_pages(get):
    first = get("/api/search?q=Tarnis&limit=1").json()
    rest = all_pages(get, "/api/search?q=Tarnis", 1)
    assert rest[0]["id"] == first["items"][0]["id"]
    assert len(rest) == len({r["id"] for r in rest}) >= 3


def test_stories(kb, get):
    stories = get("/api/stories").json()["items"]
    story = drone_story(kb)
    assert story["id"] in [s["id"] for s in stories]
    detail = get(f"/api/stories/{story['id']}").json()
    assert detail["size"] == 3 and detail["events"] and detail["quotes_by_speaker"]
    assert any(entry["disputed"] for entry in detail["ledger"])
    for entry in detail["ledger"]:
        for figure in entry["figures"]:
            for c in figure["claims"]:
                text = kb.article(c["article_id"]).text
                assert 0 <= c["start"] < c["end"] <= len(text)


def test_security_headers_everywhere(get):
    for url in ["/api/articles", "/api/articles/nope", "/", "/nope", "/static/storyline.css"]:
        r = get(url)
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


def test_hostile_article_is_data_in_json(get):
    items = get("/api/search?q=harbour").json()["items"]
    hostile = get(f"/api/articles/{items[0]['id']}").json()
    assert "<script>" in hostile["title"]  # stored as written: JSON is data, escaping is the renderer's job
    r = get(f"/api/articles/{items[0]['id']}")
    assert r.headers["content-type"].startswith("application/json")


def test_ingest_needs_a_configured_token(kb):
    read_only = create_app(kb.db, token="")
    assert call(read_only, "POST", "/api/ingest", json={"documents": [{"content": "x"}]}).status_code in (404, 405)
    app = create_app(kb.db, token="s3cret-token")
    assert "/api/ingest" in call(app, "GET", "/openapi.json").json()["paths"]
    doc = {"documents": [{"content": "Lindmark opened a new bridge in Kessel on Friday, Mayor Oda Fenn said.",
                          "title": "Bridge opens", "source": "Kessel Daily", "published": "2025-04-04"}]}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}):
        r = call(app, "POST", "/api/ingest", json=doc, headers=headers)
        assert r.status_code == 401 and set(r.json()["error"]) == ERROR_KEYS
    assert call(app, "POST", "/api/ingest", json={"documents": []},
                headers={"Authorization": "Bearer s3cret-token"}).status_code == 422
    r = call(app, "POST", "/api/ingest", json=doc, headers={"Authorization": "Bearer s3cret-token"})
    assert r.status_code == 200 and r.json()["added"] == 1
    found = call(app, "GET", "/api/search?q=bridge").json()["items"]
    assert [a["title"] for a in found] == ["Bridge opens"]
    kb.db.execute("DELETE FROM articles WHERE id = ?", (found[0]["id"],))


def test_hand_built_entity_quote_roundtrip(tmp_path):
    """No model: a record stored by the writer comes back through the API unchanged."""
    from storyline.store import Writer, connect

    db = connect(str(tmp_path / "small.db"))
    text = "Mira Holt said \"the bridge is open\" today."
    Writer(db).save_article(Article(
        id="art_1", content_hash="h1", text=text, origin="t", title="Bridge", published="2025-01-02",
        pipeline_version="t", entities=[Entity(id="ent_mira", name="Mira Holt", type="PERSON", mentions=[(0, 9)])],
        quotes=[Quote(text="the bridge is open", start=16, end=34, kind="direct", speaker="Mira Holt",
                      speaker_id="ent_mira", speaker_text="Mira Holt", speaker_span=(0, 9), cue="say")]))
    app = create_app(db)
    q = call(app, "GET", "/api/quotes?speaker=ent_mira").json()["items"]
    assert [(x["text"], x["start"], x["end"], x["speaker_span"]) for x in q] == [("the bridge is open", 16, 34, [0, 9])]
    assert text[16:34] == "the bridge is open"
