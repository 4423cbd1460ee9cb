"""The ``storyline`` command: thin commands over the Python API.

Every command prints one clear line per problem and never a traceback
(``STORYLINE_DEBUG=1`` shows them); exit status 0 = done, 1 = done with
failures (or --strict stopped), 2 = bad usage or configuration.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

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
    click.echo(f"added {report.added} article(s)"
               + (f" ({report.near_duplicates} near-duplicate(s) linked to their origin)" if report.near_duplicates else "")
               + f", skipped {report.duplicates} already stored, failed {len(report.failed)}")


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
    reason; the rest goes on.

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
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Export format.")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE", help="Output file, '-' for stdout.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only articles published on or after this date.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="Only articles published on or before this date.")
@click.option("--source", default=None, help="Only articles of this outlet.")
def export(db, fmt, output, since, until, source):
    """Export the knowledge base.

    jsonl: one article per line with its entities, quotes, claims and events, offsets
    indexing the exported text (the data contract in docs/schema.md).

    \b
    Example:
      storyline export --db news.db --format jsonl --output news.jsonl
    """
    with _open(db) as kb:
        n = kb.export_jsonl(output, since=since, until=until, source=source)
    if output != "-":
        click.echo(f"wrote {n} article(s) to {output}", err=True)


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
def reprocess(db, model, force):
    """Re-run extraction on articles stored by an older pipeline version.

    Articles keep their ids; their entities, quotes, claims and events are replaced.

    \b
    Example:
      storyline reprocess --db news.db
    """
    with _open(db, model=model) as kb:
        done, failed = kb.reprocess(force=force)
    for f in failed:
        click.echo(f"failed: {f.origin}: {f.reason}", err=True)
    click.echo(f"reprocessed {done} article(s), failed {len(failed)}")


@cli.command()
@click.option("--db", "db", default="storyline-demo.db", show_default=True, metavar="PATH|URL",
              help="Knowledge base to fill with the sample.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def demo(db, quiet):
    """Ingest the bundled fictional sample corpus into a local knowledge base.

    The sample is ~30 invented reports from five invented outlets (see
    storyline/sample/README.md). Running it again adds nothing new.
    """
    click.echo(f"ingesting the sample corpus ({sample_path()}) into {db}", err=True)
    with _open(db) as kb:
        report = _ingest(kb, [str(p) for p in sample_inputs()], None, False, quiet)
        data = kb.stats()
    _print_report(report)
    click.echo(f"{data['articles']} articles, {data['entities']} entities, {data['quotes']} quotes, "
               f"{data['claims']} claims, {data['events']} events in {db}")
    click.echo(f"next: storyline stats --db {db}   |   storyline export --db {db} --output demo.jsonl")


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
