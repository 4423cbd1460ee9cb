"""Server-rendered pages over the read path: stories, story, entity, article, search.

Templates autoescape everything; the only Markup that reaches them is the
highlighted article body, built from escaped pieces in ``highlight.py``.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import __version__, query
from ..errors import ConfigError
from ..export.brief import figure
from .highlight import Span, article_spans, highlight, speaker_colours

router = APIRouter(include_in_schema=False)

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment: autoescape on for every template, undefined names are errors."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = __version__
    env.filters["figure"] = figure
    env.filters["day"] = lambda d: (d or "")[:10]
    env.filters["label"] = article_label
    return env


def article_label(title: str | None, lead: str | None, fallback: str, width: int = 70) -> str:
    """How a listing names an article: its title, else "(untitled)" and its first words (cut at a
    word, at most ``width`` characters), else ``fallback`` (its id)."""
    if title:
        return title
    words = " ".join((lead or "").split())
    if not words:
        return fallback
    if len(words) > width:
        words = (words[:width].rsplit(" ", 1)[0] or words[:width]) + "…"
    return f"(untitled) {words}"


def render(name: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(environment().get_template(name).render(**context), status_code=http_status)


def render_error(request: Request, status: int, code: str, message: str, hint: str | None) -> Response:
    return render("error.html", http_status=status, title=f"{status}", status=status, code=code, message=message,
                  hint=hint)


def db_of(request: Request):
    return request.app.state.db


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)  # no icon, and no 404 in the browser console


@router.get("/", response_class=HTMLResponse)
def home(request: Request, days: int = Query(7, ge=1, le=3650)) -> HTMLResponse:
    """The stories of the knowledge base's last ``days`` days, with size and disputes."""
    db = db_of(request)
    latest = query.latest_published(db)
    since = (date.fromisoformat(latest[:10]) - timedelta(days=days - 1)).isoformat() if latest else None
    stories = query.story_list(db, since=since, limit=50)
    recent = query.article_page(db, since=since, limit=20)
    return render("index.html", title="Stories", stories=stories, articles=recent.items, days=days,
                  since=since, latest=latest, stories_available=query.stories_available())


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, speaker: str | None = None) -> HTMLResponse:
    """A story: timeline, quotes grouped by speaker (filterable), the claim ledger."""
    story = query.story_detail(db_of(request), story_id)
    groups = story["quotes_by_speaker"]
    shown = [g for g in groups if not speaker or g["speaker_key"] == speaker]
    return render("story.html", title=story["title"] or story_id, story=story, groups=shown, all_groups=groups,
                  speaker=speaker)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    ent = query.entity(db_of(request), entity_id, limit=30)
    return render("entity.html", title=ent["name"], entity=ent)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str,
                 hl: str | None = Query(None, pattern=r"^[qce]\d{1,5}$"),
                 at: str | None = Query(None, pattern=r"^\d{1,9}-\d{1,9}$")) -> HTMLResponse:
    """An article with entities, quotes (coloured by speaker), claims and events highlighted.

    ``hl`` (q3, c0, e2) focuses one record; ``at`` (start-end) focuses any span, e.g. a ledger claim.
    """
    art = query.article(db_of(request), article_id)
    spans = article_spans(art, focus=hl)
    if at:
        start, end = (int(x) for x in at.split("-"))
        if not 0 <= start < end <= len(art.text):
            raise ConfigError(f"span {at} is outside the article ({len(art.text)} characters)")
        spans.append(Span(start, end, "focus", "at", "hl-at focus", "the cited span"))
    body = highlight(art.text, spans)
    colours = speaker_colours(q.speaker_id or q.speaker for q in art.quotes)
    return render("article.html", title=art.title or art.id, article=art, body=body, colours=colours, focus=hl)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = Query("", max_length=500), cursor: str | None = None) -> HTMLResponse:
    results, error = None, None
    if q.strip():
        try:
            results = query.search(db_of(request), q, cursor=cursor, limit=20)
        except ConfigError as err:  # a query with no words: say so on the page, not as an error page
            error = err.message
    return render("search.html", title=f"Search: {q}" if q else "Search", q=q, results=results, error=error)
