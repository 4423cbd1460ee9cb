"""The ``storyline`` command: thin commands over the Python API.

Every command prints one clear line per problem and never a traceback
(``STORYLINE_DEBUG=1`` shows them); exit status 0 = done, 1 = done with
failures (or --strict stopped), 2 = bad usage or configuration.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from . import __version__
from .errors import StorylineError
from .settings import SETTINGS

_HELP = {s.name: f"{s.help} [env {s.env}; default {s.default}]" for s in SETTINGS}


def db_option(f):
    return click.option("--db", "db", metavar="PATH|URL", default=None, help=_HELP["db"])(f)


def model_option(f):
    return click.option("--model", default=None, metavar="NAME", help=_HELP["model"])(f)


def _open(db: str | None, **settings):
    from .kb import KnowledgeBase

    return KnowledgeBase(db, **settings)


def sample_path() -> Path:
    """The bundled fictional sample corpus (articles, plus its README and office-holder table)."""
    return Path(str(resources.files("storyline") / "sample"))


def sample_inputs() -> list[Path]:
    """The article folders of the sample corpus, in the mixed formats users have."""
    return [sample_path() / name for name in ("txt", "html", "feeds", "records")]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="storyline")
def cli() -> None:
    """Storyline: who said what, which figures are claimed by whom, and where sources
    agree or contradict, from a stream of news articles.

    \b
    Start with the bundled sample:
      storyline demo
    Then your own corpus:
      storyline ingest articles/ feeds/*.xml --db news.db
      storyline stats --db news.db
      storyline export --db news.db --format jsonl --output news.jsonl
    """


def _ingest(kb, inputs, mapping, strict: bool, quiet: bool):
    from .batch.local import Progress

    bar = tqdm(desc="ingest", unit=" source", disable=quiet, file=sys.stderr, dynamic_ncols=True)
    counts = {"articles": 0, "failed": 0}

    def on_start(total: int) -> None:
        bar.total = total
        bar.refresh()

    def on_item(n: int) -> None:
        counts["articles"] += n
        bar.set_postfix(articles=counts["articles"], failed=counts["failed"], refresh=False)

    def on_failure(failure) -> None:
        counts["failed"] += 1
        tqdm.write(f"failed: {failure.origin}: {failure.reason}", file=sys.stderr)

    progress = Progress(on_start=on_start, on_source=lambda origin: bar.update(1), on_item=on_item,
                        on_failure=on_failure)
    try:
        return kb.ingest(inputs, mapping=mapping, progress=progress, strict=strict)
    finally:
        bar.close()


def _print_report(report) -> None:
    for origin, why in report.not_articles:
        click.echo(f"not an article, skipped: {origin}: {why} (name the file to read it)", err=True)
    click.echo(f"added {report.added} article(s)"
               + (f" ({report.near_duplicates} near-duplicate(s) linked to their origin)" if report.near_duplicates else "")
               + f", skipped {report.duplicates} already stored, failed {len(report.failed)}"
               + (f", {len(report.not_articles)} file(s) not articles" if report.not_articles else ""))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|GLOB|URL...")
@db_option
@model_option
@click.option("--map", "mapping", default=None, metavar="FIELD=COLUMN,...",
              help="Field mapping for JSONL/CSV, e.g. 'text=body,title=headline,date=published_at'.")
@click.option("--batch-size", type=int, default=None, help=_HELP["batch_size"])
@click.option("--workers", type=int, default=None, help=_HELP["workers"])
@click.option("--max-file-mb", type=float, default=None, help=_HELP["max_file_mb"])
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be ingested.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def ingest(inputs, db, model, mapping, batch_size, workers, max_file_mb, strict, quiet):
    """Ingest files, folders (recursively), globs or http(s) URLs.

    Reads .txt, .html/.htm, .jsonl/.json, .csv/.tsv, RSS/Atom feeds (.xml, .rss, .atom) and
    .warc/.warc.gz. Re-ingesting the same article is a no-op; near-duplicates are stored and
    linked to the article they copy. A bad file or record gets one line naming it and the
    reason; the rest goes on. Inside a folder or a glob, README/LICENSE-like files and
    office-holder tables (CSV with role, country_or_body, person) are not articles and are
    skipped, each named on stderr; name such a file to read it anyway.

    \b
    Examples:
      storyline ingest reports/ --db news.db
      storyline ingest 'exports/*.csv' --map text=body,title=headline
      storyline ingest https://example.org/feed.xml
    """
    from .ingest.tabular import FieldMap

    field_map = FieldMap.parse(mapping) if mapping else None
    with _open(db, model=model, batch_size=batch_size, workers=workers, max_file_mb=max_file_mb) as kb:
        report = _ingest(kb, inputs, field_map, strict, quiet)
    _print_report(report)
    sys.exit(1 if report.failed and strict else 0)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "acled", "gkg"]), default="jsonl",
              show_default=True, help="Export format.")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE|DIR",
              help="Output file, '-' for stdout; a folder for csv and parquet (one file per table).")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only articles published on or after this date.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="Only articles published on or before this date.")
@click.option("--source", default=None, help="Only articles of this outlet.")
def export(db, fmt, output, since, until, source):
    """Export the knowledge base.

    jsonl: one article per line with its entities, quotes, claims and events, offsets
    indexing the exported text (the data contract in docs/schema.md).
    csv, parquet: one file per table (articles, entities, mentions, quotes, claims, events,
    stories) in the --output folder. acled: an ACLED-like event table (CSV). gkg: a
    GDELT-GKG-like article table (TSV). Columns: docs/exports.md.

    \b
    Examples:
      storyline export --db news.db --format jsonl --output news.jsonl
      storyline export --db news.db --format parquet --output tables/
    """
    if fmt != "jsonl":
        from .export import write_format

        with _open(db) as kb:
            written = write_format(kb.db, fmt, output, since=since, until=until, source=source)
        click.echo(f"wrote {written}", err=True)
        return
    with _open(db) as kb:
        n = kb.export_jsonl(output, since=since, until=until, source=source)
    if output != "-":
        click.echo(f"wrote {n} article(s) to {output}", err=True)


@cli.command()
@click.argument("story_id")
@db_option
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only what happened or was said from this date on.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown or a standalone HTML page.")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE", help="Output file, '-' for stdout.")
def brief(story_id, db, since, fmt, output):
    """A situation report for one story: what happened, disputed figures, who said what.

    Every line cites [n] the article and character offsets it rests on.

    \b
    Example:
      storyline brief story_3f2a --db news.db --since 2025-06-25 --format html -o brief.html
    """
    from .export.brief import build_brief, render_html, render_markdown

    with _open(db) as kb:
        report = build_brief(kb.db, story_id, since=since)
    text = render_html(report) if fmt == "html" else render_markdown(report)
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote the brief ({len(report.references)} cited span(s)) to {output}", err=True)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--api-token", default=None, envvar="STORYLINE_API_TOKEN", metavar="TOKEN",
              help="Enables POST /api/ingest, which then requires 'Authorization: Bearer TOKEN' "
                   "[env STORYLINE_API_TOKEN; default none: read-only].")
def serve(db, host, port, api_token):
    """Serve the web UI and the JSON API (OpenAPI at /openapi.json).

    \b
    Example:
      storyline serve --db news.db --port 8000
    """
    from .api.serve import serve as run
    from .settings import resolve

    options = resolve(db=db)  # --db, else STORYLINE_DB, else the default, like every command
    run(options.db, host=host, port=port, token=api_token,
        on_ready=lambda url: click.echo(f"serving {options.db} at {url} (Ctrl+C to stop)", err=True))


@cli.command()
@db_option
@click.option("--failures", "show_failures", is_flag=True, help="Also list the inputs that failed and why.")
def stats(db, show_failures):
    """Counts of what the knowledge base holds.

    \b
    Example:
      storyline stats --db news.db --failures
    """
    with _open(db) as kb:
        data = kb.stats()
        fails = kb.failures() if show_failures else []
    width = max(len(k) for k in data)
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "-"
        click.echo(f"{key.replace('_', ' '):<{width}}  {value if value is not None else '-'}")
    for f in fails:
        click.echo(f"failed: {f['origin']}: {f['reason']}")


@cli.command()
@db_option
@model_option
@click.option("--force", is_flag=True, help="Redo every article, not only those of an older pipeline version.")
@click.option("--workers", type=int, default=None, help=_HELP["workers"])
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def reprocess(db, model, force, workers, quiet):
    """Re-run extraction on articles stored by an older pipeline version.

    Articles keep their ids; their entities, quotes, claims and events are replaced. When the
    stories were clustered by other story rules, embedding model or story settings, every
    article is clustered again (merges and splits replayed); else claim ledgers built by older
    ledger rules are rebuilt from the stored claims and quotes.

    \b
    Example:
      storyline reprocess --db news.db
    """
    with _open(db, model=model, workers=workers) as kb:
        done, failed = _reprocess(kb, force, quiet)
    for f in failed:
        click.echo(f"failed: {f.origin}: {f.reason}", err=True)
    click.echo(f"reprocessed {done} article(s), failed {len(failed)}")


def _reprocess(kb, force: bool, quiet: bool):
    """kb.reprocess with a progress bar per step (re-extraction, re-clustering) and a line
    for each rebuild it did."""
    with _progress_bars(quiet) as progress:
        progress.on_stories = lambda n: click.echo(
            f"clustered every article again into {n} story(ies): the stored stories were built by "
            "other story rules or settings")
        progress.on_ledgers = lambda n: click.echo(
            f"rebuilt the claim ledgers of {n} story(ies) built by older ledger rules")
        return kb.reprocess(force=force, progress=progress)


@contextlib.contextmanager
def _progress_bars(quiet: bool):
    """A ReprocessProgress that shows a progress bar on stderr for each step it starts."""
    from .batch.reprocess import ReprocessProgress

    bars: dict[str, Any] = {}
    names = {"extract": "reprocess", "stories": "re-cluster"}

    def on_start(phase: str, total: int) -> None:
        bars[phase] = tqdm(desc=names[phase], total=total, unit=" article", disable=quiet, file=sys.stderr,
                           dynamic_ncols=True)

    def on_item(phase: str, n: int) -> None:
        if phase in bars:
            bars[phase].update(n)

    try:
        yield ReprocessProgress(on_start=on_start, on_item=on_item)
    finally:
        for bar in bars.values():
            bar.close()


def _records(fetch, limit: int | None):
    """Page through a query.* reader until ``limit`` items (None = all)."""
    cursor, served = None, 0
    while True:
        page = fetch(cursor=cursor, limit=min(500, limit - served) if limit else 500)
        for item in page.items:
            yield item
            served += 1
        cursor = page.next_cursor
        if not cursor or (limit and served >= limit):
            return


def _where(item) -> str:
    date = (item.get("published") or "undated")[:10]
    return f"{date}  {item.get('source') or '-'}  {item['article_id']}@{item['start']}-{item['end']}"


def _emit(items, as_json: bool, render) -> int:
    n = 0
    for item in items:
        click.echo(json.dumps(item, ensure_ascii=False) if as_json else render(item))
        n += 1
    if not as_json:
        click.echo(f"({n} shown)", err=True)
    return n


_common_filters = [
    click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only from this date on."),
    click.option("--until", default=None, metavar="YYYY-MM-DD", help="Only up to this date."),
    click.option("--story", default=None, metavar="ID", help="Only in this story."),
    click.option("--source", default=None, help="Only from this outlet."),
    click.option("--limit", type=int, default=50, show_default=True, help="At most this many (0 = all)."),
    click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of text."),
]


def common_filters(f):
    for option in reversed(_common_filters):
        f = option(f)
    return db_option(f)


@cli.command()
@click.option("--speaker", default=None, metavar="NAME|ID", help="Canonical speaker name or entity id.")
@click.option("--about", default=None, metavar="TEXT", help="Only quotes containing this text.")
@click.option("--kind", type=click.Choice(["direct", "partial", "indirect"]), default=None, help="Quote kind.")
@common_filters
def quotes(db, speaker, about, kind, since, until, story, source, limit, as_json):
    """Who said what: quotes with their speaker, oldest first.

    \b
    Examples:
      storyline quotes --speaker "Ilona Marek" --about ceasefire
      storyline quotes --since 2025-06-20 --kind direct --json
    """
    from . import query

    def render(q) -> str:
        who = q["speaker"] or "(speaker unknown)"
        named = f" [as \"{q['speaker_text']}\"]" if q["speaker_text"] and q["speaker_text"] != q["speaker"] else ""
        return f"{who}{named} ({q['kind']}, {q['cue'] or '-'})\n    \u201c{q['text']}\u201d\n    {_where(q)}"

    with _open(db) as kb:
        items = _records(lambda **page: query.quotes(kb.db, speaker=speaker, about=about, kind=kind, since=since,
                                                     until=until, story=story, source=source, order="asc", **page),
                         limit or None)
        _emit(items, as_json, render)


@cli.command()
@click.option("--claimant", default=None, metavar="NAME|ID", help="Canonical claimant name or entity id.")
@click.option("--about", default=None, metavar="TEXT", help="Only claims whose text or unit contains this.")
@click.option("--unit", default=None,
              help="Counted thing or currency, as stored or as written: drone or drones, EUR or euros, km.")
@common_filters
def claims(db, claimant, about, unit, since, until, story, source, limit, as_json):
    """Which figures are claimed, and by whom, oldest first.

    \b
    Examples:
      storyline claims --about drone
      storyline claims --claimant "Varnish Ministry of Defence" --json
    """
    from . import query

    def render(c) -> str:
        value = f"{c['value']:,g}" + (f"-{c['value_max']:,g}" if c["value_max"] is not None else "")
        approx = f"{c['approx']} " if c["approx"] else ""
        who = c["claimant"] or "(the outlet itself)"
        return f"{approx}{value} {c['unit']}  claimed by {who}\n    \"{c['text']}\"\n    {_where(c)}"

    with _open(db) as kb:
        items = _records(lambda **page: query.claims(kb.db, claimant=claimant, about=about, unit=unit, since=since,
                                                     until=until, story=story, source=source, order="asc", **page),
                         limit or None)
        _emit(items, as_json, render)


@cli.command()
@click.option("--type", "type_", default=None, metavar="TYPE", help="Event type, e.g. ASSAULT, CONSULT, STATEMENT.")
@click.option("--actor", default=None, metavar="NAME", help="Actor or target (canonical name).")
@common_filters
def events(db, type_, actor, since, until, story, source, limit, as_json):
    """What happened when and where: typed events, newest first (--since/--until on the event date).

    \b
    Examples:
      storyline events --type ASSAULT --since 2025-06-01
      storyline events --actor Kestria --json
    """
    from . import query

    def render(e) -> str:
        date = e["date"] or "undated"
        precision = f" ({e['date_precision']})" if e["date_precision"] else ""
        mode = f" [{e['mode']}]" if e["mode"] else ""
        parts = [f"actor: {e['actor']}" if e["actor"] else "", f"target: {e['target']}" if e["target"] else "",
                 f"in {e['location']}" if e["location"] else ""]
        return (f"{date}{precision}  {e['type']}{mode}  {'; '.join(p for p in parts if p)}\n"
                f"    {e['text'][:160]}\n    {_where(e)}")

    with _open(db) as kb:
        items = _records(lambda **page: query.events(kb.db, type=type_.upper() if type_ else None, actor=actor,
                                                     since=since, until=until, story=story, source=source, **page),
                         limit or None)
        _emit(items, as_json, render)


BENCHES = {
    "ingest": ("storyline.bench.ingest", "speed per stage on the press releases, ratio to a plain nlp.pipe"),
    "quotes": ("storyline.bench.polnear", "quote and speaker attribution on PolNeAR"),
    "transcripts": ("storyline.bench.transcripts", "speaker turns in the Kremlin transcripts of the press releases"),
    "ner": ("storyline.bench.conll", "entity layer F1 on CoNLL-2003"),
    "entities": ("storyline.bench.entities", "cross-article entity canonicalisation"),
    "claims": ("storyline.bench.newsquant", "numeric claims on NewsQuant"),
    "dates": ("storyline.bench.meantime", "event dates against MEANTIME time anchors"),
    "events": ("storyline.bench.events", "event typing on ConfliBERT, CASE 2021, PLOVER"),
    "ledger": ("storyline.bench.ledger", "claim ledger of a knowledge base: groups, flagged disputes, who says what"),
    "stories": ("storyline.bench.stories", "story clustering on ECB+, NewsWCL50; assignment cost at scale"),
    "http": ("storyline.bench.http", "HTTP API latency and throughput on a large knowledge base"),
}


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                               "help_option_names": []})
@click.argument("name", required=False)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench(name, args):
    """Measure quality or speed against the evaluation data (../shared/data).

    NAME is one of the benchmarks below; ARGS go to it (`storyline bench NAME --help`).
    Each prints a markdown table whose rows carry the command that reproduces them;
    docs/benchmarks.md collects the published figures.

    """
    import importlib

    if name in (None, "-h", "--help"):
        click.echo(click.get_current_context().get_help())
        return
    if name not in BENCHES:
        raise click.UsageError(f"unknown benchmark {name!r}; choose from {', '.join(BENCHES)}")
    module = importlib.import_module(BENCHES[name][0])
    status = module.main(list(args))
    sys.exit(status or 0)


bench.help = inspect.cleandoc(bench.help or "") + "\n\n\b\nBenchmarks:\n" + "\n".join(
    f"  {name:<9} {about}" for name, (_, about) in BENCHES.items())


@cli.command("train-events")
@click.argument("coded", type=click.Path(dir_okay=False), metavar="CODED.tsv")
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), metavar="FILE.json",
              help="Model file to write; name it in STORYLINE_EVENT_MODEL to use it.")
@model_option
@click.option("--c", "c", type=float, default=10.0, show_default=True,
              help="Inverse regularisation strength of the logistic regression.")
@click.option("--cv", is_flag=True, help="Also print a 5-fold cross-validated macro-F1 of the coded sentences.")
def train_events(coded, out, model, c, cv):
    """Train the event typer on your own coded sentences.

    CODED.tsv holds one sentence per line, `text<TAB>label`, the label one of our event
    types (ASSAULT, CONSULT, STATEMENT, ...) or NONE (not an event); a `text<TAB>label`
    header is skipped. The model is a plain JSON file; set `event_model` to use it, then
    `storyline reprocess` to re-type the articles already stored.

    \b
    Example:
      storyline train-events coded.tsv --out typer.json --cv
      STORYLINE_EVENT_MODEL=typer.json storyline ingest articles/ --db news.db
    """
    from .nlp.event_typer import train_from_file
    from .settings import resolve

    typer, n, score = train_from_file(coded, out, resolve(model=model).model, c=c, cv=cv)
    click.echo(f"wrote {out}: {n} sentences, labels {', '.join(typer.labels)}, {len(typer.weights)} features")
    if score is not None:
        click.echo(f"5-fold cross-validated macro-F1: {100 * score:.2f}")


@cli.command()
@click.option("--db", "db", default="storyline-demo.db", show_default=True, metavar="PATH|URL",
              help="Knowledge base to fill with the sample.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--no-serve", is_flag=True, help="Only ingest; do not serve the UI afterwards.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address the UI listens on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port the UI listens on.")
def demo(db, quiet, no_serve, host, port):
    """Ingest the bundled fictional sample corpus into a local knowledge base and serve the UI.

    The sample is 35 invented reports from six invented outlets (see
    storyline/sample/README.md). Running it again adds nothing new, and re-extracts
    articles stored by an older pipeline version.
    """
    click.echo(f"ingesting the sample corpus ({sample_path()}) into {db}", err=True)
    with _open(db) as kb:
        report = _ingest(kb, [str(p) for p in sample_inputs()], None, False, quiet)
        redone, _ = _reprocess(kb, False, quiet)
        data = kb.stats()
    _print_report(report)
    if redone:
        click.echo(f"re-extracted {redone} article(s) stored by an older pipeline version")
    click.echo(f"{data['articles']} articles, {data['entities']} entities, {data['quotes']} quotes, "
               f"{data['claims']} claims, {data['events']} events in {db}")
    if no_serve:
        click.echo(f"next: storyline serve --db {db}   |   storyline export --db {db} --output demo.jsonl")
        return
    from .api.serve import serve as run

    run(db, host=host, port=port, on_ready=lambda url: click.echo(f"open {url} in your browser (Ctrl+C to stop)"))


# -- stories ------------------------------------------------------------------

@cli.group(invoke_without_command=True)
@db_option
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only stories active on or after this date.")
@click.option("--limit", type=int, default=50, show_default=True, help="How many stories to list.")
@click.pass_context
def stories(ctx, db, since, limit):
    """List stories (one per real-world event), most recent first, or merge/split them.

    Counts of sources are independent origins: wire copies and near-duplicates count once.

    \b
    Examples:
      storyline stories --db news.db
      storyline stories merge sto_A sto_B --db news.db
      storyline stories split sto_A art_1 art_2 --db news.db
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    from .stories.render import story_table, wrap

    with _open(db) as kb:
        click.echo(wrap(story_table(kb.stories(since=since, limit=limit))))


def _story_db(ctx, db):
    return db or (ctx.obj or {}).get("db")


@stories.command("merge")
@click.argument("target")
@click.argument("other")
@db_option
@click.pass_context
def stories_merge(ctx, target, other, db):
    """Merge story OTHER into TARGET for good (later articles respect it)."""
    with _open(_story_db(ctx, db)) as kb:
        sid = kb.merge_stories(target, other)
    click.echo(f"merged {other} into {sid}")


@stories.command("split")
@click.argument("story_id")
@click.argument("article_ids", nargs=-1, required=True)
@db_option
@click.pass_context
def stories_split(ctx, story_id, article_ids, db):
    """Move ARTICLE_IDS out of STORY_ID into a new story for good."""
    with _open(_story_db(ctx, db)) as kb:
        new_id = kb.split_story(story_id, list(article_ids))
    click.echo(f"moved {len(article_ids)} article(s) from {story_id} to new story {new_id}")


@stories.command("rebuild")
@db_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def stories_rebuild(ctx, db, quiet):
    """Re-cluster every stored article in ingest order, replaying merges and splits.

    `storyline reprocess` does this by itself when the story rules, the embedding model or
    the story settings changed since the stories were built.
    """
    with _open(_story_db(ctx, db)) as kb, _progress_bars(quiet) as progress:
        n = kb.rebuild_stories(progress)
    click.echo(f"{n} stories")


@cli.command()
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON instead of text.")
def story(story_id, db, as_json):
    """One story: its articles, timeline (events with claims and quotes) and who says what.

    \b
    Example:
      storyline story sto_9171ffc093ea1a70 --db news.db
    """
    import json

    from .stories.render import story_view, wrap

    with _open(db) as kb:
        data = kb.story(story_id)
    click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str) if as_json else wrap(story_view(data)))


@cli.command()
@db_option
@click.option("--story", "story_id", default=None, metavar="ID", help="Only this story's disputes.")
def disputes(db, story_id):
    """Figures on which sources diverge or contradict each other, side by side.

    \b
    Examples:
      storyline disputes --db news.db
      storyline disputes --story sto_9171ffc093ea1a70 --db news.db
    """
    from .stories.render import ledger_lines, wrap

    with _open(db) as kb:
        groups = kb.disputes(story_id)
    click.echo(wrap(ledger_lines(groups, show_story=story_id is None)) if groups else "no disputed figures")


@cli.command("export-stories")
@db_option
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE", help="Output file, '-' for stdout.")
def export_stories(db, output):
    """Export stories as JSONL: one story per line with its article ids, timeline and claim groups.

    \b
    Example:
      storyline export-stories --db news.db --output stories.jsonl
    """
    import json

    with _open(db) as kb:
        rows = [kb.story(s["id"]) for s in kb.stories(limit=10**9)]
    lines = [json.dumps(r, ensure_ascii=False, default=str) for r in rows]
    if output == "-":
        for line in lines:
            click.echo(line)
    else:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + ("\n" if lines else ""))
        click.echo(f"wrote {len(lines)} stories to {output}", err=True)


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(2)
    except StorylineError as err:
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: what was stored is complete; run the same command again to finish", err=True)
        sys.exit(130)
