"""The JSON API: thin routes over ``storyline.query`` (the one read path)."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from .. import query
from ..errors import NotFound
from ..store import Database

router = APIRouter(prefix="/api")

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Cursor = Annotated[str | None, Query(description="next_cursor of the previous page", max_length=400)]
Limit = Annotated[int, Query(ge=1, le=query.MAX_PAGE, description="items per page")]
Since = Annotated[str | None, Query(pattern=DATE, description="on or after this date (YYYY[-MM[-DD]])")]
Until = Annotated[str | None, Query(pattern=DATE, description="on or before this date (YYYY[-MM[-DD]])")]
Story = Annotated[str | None, Query(description="story id")]
Source = Annotated[str | None, Query(description="outlet name, exactly as stored")]
EntityId = Annotated[str | None, Query(description="entity id: records whose text mentions it")]


def db_of(request: Request) -> Database:
    return request.app.state.db


class PageOut(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None = Field(None, description="pass as ?cursor= for the next page; null on the last")


@router.get("/articles", response_model=PageOut, summary="Article summaries, newest first")
def list_articles(request: Request, story: Story = None, source: Source = None, entity: EntityId = None,
                  since: Since = None, until: Until = None, cursor: Cursor = None, limit: Limit = 50):
    return query.article_page(db_of(request), story=story, source=source, entity=entity, since=since,
                              until=until, cursor=cursor, limit=limit).to_dict()


@router.get("/articles/{article_id}", summary="One article with its entities, quotes, claims, events and spans")
def get_article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    art = query.article(db_of(request), article_id)
    return {**art.to_contract(), "spans": query.article_spans(art)}


@router.get("/quotes", response_model=PageOut, summary="Quotes with speaker and article, newest first")
def list_quotes(request: Request,
                speaker: Annotated[str | None, Query(description="speaker entity id or canonical name")] = None,
                kind: Annotated[str | None, Query(pattern="^(direct|partial|indirect)$")] = None,
                story: Story = None, source: Source = None, entity: EntityId = None,
                article: Annotated[str | None, Query(description="article id")] = None,
                since: Since = None, until: Until = None, cursor: Cursor = None, limit: Limit = 50):
    return query.quotes(db_of(request), speaker=speaker, kind=kind, story=story, source=source, entity=entity,
                        article=article, since=since, until=until, cursor=cursor, limit=limit).to_dict()


@router.get("/claims", response_model=PageOut, summary="Numeric claims with claimant and article, newest first")
def list_claims(request: Request,
                claimant: Annotated[str | None, Query(description="claimant entity id or canonical name")] = None,
                unit: Annotated[str | None, Query(description='counted thing or currency: "drone", "EUR"')] = None,
                story: Story = None, source: Source = None, entity: EntityId = None,
                article: Annotated[str | None, Query(description="article id")] = None,
                since: Since = None, until: Until = None, cursor: Cursor = None, limit: Limit = 50):
    return query.claims(db_of(request), claimant=claimant, unit=unit, story=story, source=source, entity=entity,
                        article=article, since=since, until=until, cursor=cursor, limit=limit).to_dict()


@router.get("/events", response_model=PageOut, summary="Events by their own date, newest first")
def list_events(request: Request,
                type: Annotated[str | None, Query(description="event type, e.g. ATTACK, AID, CONSULT")] = None,
                actor: Annotated[str | None, Query(description="actor or target name")] = None,
                location: Annotated[str | None, Query(description="location name")] = None,
                mode: Annotated[str | None, Query(description="negated, hypothetical, future, ...")] = None,
                story: Story = None, source: Source = None, entity: EntityId = None,
                article: Annotated[str | None, Query(description="article id")] = None,
                since: Since = None, until: Until = None, cursor: Cursor = None, limit: Limit = 50):
    return query.events(db_of(request), type=type, actor=actor, location=location, mode=mode, story=story,
                        source=source, entity=entity, article=article, since=since, until=until, cursor=cursor,
                        limit=limit).to_dict()


@router.get("/entities", response_model=PageOut, summary="Canonical entities by name")
def list_entities(request: Request,
                  type: Annotated[str | None, Query(description="PERSON, ORG, GPE, LOC, NORP, ...")] = None,
                  q: Annotated[str | None, Query(max_length=200, description="name contains")] = None,
                  cursor: Cursor = None, limit: Limit = 50):
    return query.entities(db_of(request), type=type, q=q, cursor=cursor, limit=limit).to_dict()


@router.get("/entities/{entity_id}", summary="One entity: what it said and what is said about it")
def get_entity(request: Request, entity_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    return query.entity(db_of(request), entity_id)


@router.get("/search", response_model=PageOut, summary="Full-text search over article titles and text")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500, description='words, "a phrase", prefix*')],
           story: Story = None, source: Source = None, since: Since = None, until: Until = None,
           cursor: Cursor = None, limit: Annotated[int, Query(ge=1, le=100)] = 20):
    return query.search(db_of(request), q, story=story, source=source, since=since, until=until, cursor=cursor,
                        limit=limit).to_dict()


@router.get("/stories", summary="Storylines with an article in the window, most recent first, with size and disputes")
def list_stories(request: Request, since: Since = None,
                 limit: Annotated[int, Query(ge=1, le=query.MAX_PAGE)] = 100) -> dict[str, Any]:
    return {"items": query.story_list(db_of(request), since=since, limit=limit), "next_cursor": None}


@router.get("/stories/{story_id}", summary="One storyline: timeline, quotes by speaker, claim ledger, articles")
def get_story(request: Request, story_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    return query.story_detail(db_of(request), story_id)


# -- writing: only when a token is configured --------------------------------

class DocumentIn(BaseModel):
    content: str = Field(..., min_length=1, description="article text (or HTML with format=html)")
    format: str = Field("text", pattern="^(text|html)$")
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = Field(None, description="publication date as found; cleaned like any input")
    origin: str | None = Field(None, description="a name to find this document again (default: api:<n>)")


class IngestIn(BaseModel):
    documents: list[DocumentIn] = Field(..., min_length=1, max_length=1000)


ingest_router = APIRouter(prefix="/api")


@ingest_router.post("/ingest", summary="Ingest documents (needs the API token as a Bearer token)")
def ingest(request: Request, body: Annotated[IngestIn, Body()],
           authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    token = request.app.state.api_token
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong API token", headers={"WWW-Authenticate": "Bearer"})
    from ..batch.local import run_ingest
    from ..models import RawDocument
    from ..settings import resolve
    from ..store import Writer

    db = db_of(request)
    options = resolve(db=db.url)
    docs = [RawDocument(origin=d.origin or f"api:{i}", content=d.content, format=d.format, url=d.url,
                        title=d.title, source=d.source, published=d.published)
            for i, d in enumerate(body.documents)]
    report = run_ingest(Writer(db), docs, options)
    return {"added": report.added, "duplicates": report.duplicates, "near_duplicates": report.near_duplicates,
            "failed": [{"origin": f.origin, "reason": f.reason} for f in report.failed]}


__all__ = ["router", "ingest_router", "NotFound"]
