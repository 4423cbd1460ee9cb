"""Ingest speed benchmark (issue 2): ``python -m storyline.bench.ingest [--limit N] [--workers N] [--output FILE]``.

Measures, in one process and one run, on the press releases in
``../shared/data/press_releases_2021_2022/`` (or ``$STORYLINE_SHARED_DATA``):

* articles per second for each stage, with the functions ``batch.local.run_ingest``
  uses: read (``ingest.discover`` / ``read_source``), clean (``batch.local.prepare``:
  ``clean_document`` + ``content_hash``), spaCy + our components (``nlp.to_records.extract``
  with ``load_nlp``), store (``Writer.save_article`` + near-duplicate linking, fresh SQLite file);
* a plain ``nlp.pipe`` over the same cleaned texts with the bare model (baseline, measured
  first), the full pipeline and the whole ``storyline.open(db).ingest(paths)`` as ratios to it;
* each pipeline component's own time (spaCy's and ours) as a share of the bare parse, so the
  budgets of issues 3 and 4 ("adds at most 25 %") can be read off;
* peak memory (``ru_maxrss``; ``tracemalloc`` peak with ``--tracemalloc``, which slows the run).

Wall-clock and CPU seconds are both reported: on a shared machine the CPU ratio is the steadier one.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib
import math
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

DATASET = "press_releases_2021_2022"
SECTION = "## Ingest speed (issue 2)"
DOC_INTRO = (
    "# Benchmarks\n\n"
    "Every row carries its command; figures are from one run on a 2-core machine shared with other "
    "work; ratios are against a baseline measured in the same run.\n"
)
# Which of our components each issue's throughput budget covers ("adds at most 25 % to the parse").
BUDGETS: dict[str, tuple[str, ...]] = {
    "issue 3: quotes + entities": ("storyline_entities", "storyline_quotes"),
    "issue 4: claims, dates and events": ("storyline_timexes", "storyline_events", "storyline_claims"),
}
BUDGET_LIMIT = 0.25
_WARMUP_DOCS = 8


# -- locating the data ------------------------------------------------------

def shared_data() -> Path:
    """The shared evaluation data folder (env STORYLINE_SHARED_DATA, else ../shared/data beside the repo)."""
    from .data import shared_data_dir

    return shared_data_dir()


def press_release_csvs(root: Path | None = None) -> list[Path]:
    """The press-release CSV files, sorted; empty when the data is absent."""
    folder = (root or shared_data()) / DATASET
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def count_rows(csvs: Sequence[Path]) -> int:
    """Data rows (records) in these CSV files."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    total = 0
    for path in csvs:
        with path.open(newline="", encoding="utf-8") as fh:
            total += max(sum(1 for _ in csv.reader(fh)) - 1, 0)
    return total


def limited_inputs(csvs: Sequence[Path], limit: int, folder: Path) -> list[Path]:
    """Copies of ``csvs`` in a temp ``folder`` holding ``limit`` rows in all, split evenly; returns their paths."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    left = limit
    for i, path in enumerate(csvs):
        quota = math.ceil(left / (len(csvs) - i))
        with path.open(newline="", encoding="utf-8") as src:
            reader = csv.reader(src)
            header = next(reader)
            rows = [row for _, row in zip(range(quota), reader)]
        left -= len(rows)
        target = folder / path.name
        with target.open("w", newline="", encoding="utf-8") as dst:
            writer = csv.writer(dst)
            writer.writerow(header)
            writer.writerows(rows)
        out.append(target)
    return out


# -- clocks -----------------------------------------------------------------

@dataclass
class Timing:
    """Wall-clock and CPU seconds (CPU includes finished child processes)."""

    wall: float = 0.0
    cpu: float = 0.0


def _cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


@contextmanager
def stopwatch() -> Iterator[Timing]:
    """Yields a Timing that holds the block's seconds once the block ends."""
    timing = Timing()
    wall, cpu = time.perf_counter(), _cpu()
    try:
        yield timing
    finally:
        timing.wall = time.perf_counter() - wall
        timing.cpu = _cpu() - cpu


class _Upstream:
    """Wraps a component's input: counts the time spent producing docs upstream, to subtract it."""

    def __init__(self, docs: Iterable[Any]):
        self._docs = iter(docs)
        self.timing = Timing()

    def __iter__(self) -> "_Upstream":
        return self

    def __next__(self) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return next(self._docs)
        finally:
            self.timing.wall += time.perf_counter() - wall
            self.timing.cpu += time.process_time() - cpu


class TimedComponent:
    """A pipeline component that adds its own time (not its upstream's) to ``timing``."""

    def __init__(self, name: str, proc: Any):
        self.name = name
        self.proc = proc
        self.timing = Timing()

    def __call__(self, doc: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return self.proc(doc, **kwargs)
        finally:
            self.timing.wall += time.perf_counter() - wall
            self.timing.cpu += time.process_time() - cpu

    def pipe(self, docs: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
        if not hasattr(self.proc, "pipe"):
            kwargs.pop("batch_size", None)
            for doc in docs:
                yield self(doc, **kwargs)
            return
        # Batched components pull several docs before yielding: time each step, minus the pulls.
        upstream = _Upstream(docs)
        inner = self.proc.pipe(upstream, **kwargs)
        while True:
            wall, cpu = time.perf_counter(), time.process_time()
            pulled_wall, pulled_cpu = upstream.timing.wall, upstream.timing.cpu
            try:
                doc = next(inner)
            except StopIteration:
                return
            finally:
                self.timing.wall += time.perf_counter() - wall - (upstream.timing.wall - pulled_wall)
                self.timing.cpu += time.process_time() - cpu - (upstream.timing.cpu - pulled_cpu)
            yield doc


@contextmanager
def timed_components(nlp: Any) -> Iterator[dict[str, Timing]]:
    """Times the tokenizer and every active component of ``nlp`` in-process; restores them on exit.

    Yields {name: Timing}, filled as the pipeline runs (``tokenizer`` included).
    """
    timings: dict[str, Timing] = {}
    original_components = list(nlp._components)
    original_tokenizer = nlp.tokenizer
    tokenizer = TimedComponent("tokenizer", original_tokenizer)
    timings["tokenizer"] = tokenizer.timing
    try:
        nlp.tokenizer = tokenizer
        for i, (name, proc) in enumerate(original_components):
            if name in nlp.disabled:
                continue
            wrapped = TimedComponent(name, proc)
            timings[name] = wrapped.timing
            nlp._components[i] = (name, wrapped)
        yield timings
    finally:
        nlp._components[:] = original_components
        nlp.tokenizer = original_tokenizer


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def children_peak_rss_mib() -> float:
    """Peak resident memory of the largest finished child process (workers), MiB."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# -- the run ----------------------------------------------------------------

@dataclass
class Row:
    """One measure of the table; ``ratio`` is against the bare-model baseline."""

    measure: str
    articles: int | None
    timing: Timing | None
    baseline: Timing | None = None
    note: str = ""
    key: str = ""

    @property
    def rate(self) -> float | None:
        if not self.articles or not self.timing or self.timing.wall <= 0:
            return None
        return self.articles / self.timing.wall

    @property
    def ratio_wall(self) -> float | None:
        if not self.timing or not self.baseline or self.baseline.wall <= 0:
            return None
        return self.timing.wall / self.baseline.wall

    @property
    def ratio_cpu(self) -> float | None:
        if not self.timing or not self.baseline or self.baseline.cpu <= 0:
            return None
        return self.timing.cpu / self.baseline.cpu


@dataclass
class BenchResult:
    """Everything one run measured."""

    rows: list[Row]
    components: list[Row]
    budgets: list[Row]
    facts: dict[str, str]
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    peak_rss_mib: float = 0.0
    children_peak_rss_mib: float = 0.0
    tracemalloc_peak_mib: float | None = None

    def row(self, key: str) -> Row:
        """The row with this key (``read``, ``clean``, ``baseline``, ``pipeline``, ``store``, ``ingest``...)."""
        for row in self.rows + self.components + self.budgets:
            if row.key == key:
                return row
        raise KeyError(key)


def machine_facts(model: str, model_meta: dict[str, Any], workers: int, batch_size: int) -> dict[str, str]:
    """What the figures depend on: cores, CPU, Python, spaCy, model, pipeline version, load."""
    import spacy

    from ..nlp.pipeline import pipeline_version

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": dt.date.today().isoformat(),
        "cores": str(os.cpu_count()),
        "cpu": cpu or platform.processor() or "unknown",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": f"{model} {model_meta.get('version', '?')}",
        "pipeline_version": pipeline_version(),
        "workers": str(workers),
        "batch_size": str(batch_size),
    }


def load_average() -> str:
    """The 1/5/15-minute load averages, as text."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return " / ".join(f"{x:.2f}" for x in load)


def run_bench(inputs: Sequence[Path], model: str | None = None, workers: int = 1, batch_size: int | None = None,
              folder: Path | None = None, trace_memory: bool = False) -> BenchResult:
    """Measure every stage, the baseline, the components and the whole ingest over ``inputs``; returns the figures."""
    import spacy

    import storyline

    from ..batch import local as runner
    from ..batch.local import prepare
    from ..clean.dedup import band_keys, minhash_signature
    from ..errors import InputError
    from ..ingest import discover, read_source
    from ..link.duplicates import link_near_duplicate
    from ..models import IngestFailure, IngestReport, RawDocument
    from ..nlp import pipeline as nlp_pipeline
    from ..nlp.pipeline import load_nlp, pipeline_version
    from ..nlp.to_records import Prepared, extract
    from ..settings import resolve
    from ..store import Writer, connect

    rss_after_imports = peak_rss_mib()
    torch_loaded = "torch" in sys.modules
    if trace_memory:
        tracemalloc.start()
    load_at_start = load_average()
    options = resolve(model=model, workers=workers, batch_size=batch_size)
    folder = folder or Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    paths = [str(p) for p in inputs]
    counts: dict[str, int] = {}
    errors: list[str] = []

    # read
    documents: list[RawDocument] = []
    read_failures = 0
    with stopwatch() as t_read:
        for source in discover(paths):
            for item in read_source(source, options):
                if isinstance(item, IngestFailure):
                    read_failures += 1
                else:
                    documents.append(item)
    counts["read"], counts["read_failed"] = len(documents), read_failures
    _say(f"read: {len(documents)} documents ({read_failures} failed) in {t_read.wall:.1f} s")

    # clean (+ content hash, and the in-run exact-duplicate check run_ingest makes)
    prepared: list[Prepared] = []
    seen: set[str] = set()
    clean_failures = duplicates = 0
    with stopwatch() as t_clean:
        for doc in documents:
            try:
                item = prepare(doc)
            except InputError:
                clean_failures += 1
                continue
            if item.content_hash in seen:
                duplicates += 1
                continue
            seen.add(item.content_hash)
            prepared.append(item)
    counts["clean_failed"], counts["exact_duplicates"], counts["to_parse"] = clean_failures, duplicates, len(prepared)
    if not prepared:
        raise RuntimeError("no article survived reading and cleaning: nothing to measure")
    _say(f"clean: {len(prepared)} articles to parse in {t_clean.wall:.1f} s")
    texts = [item.cleaned.text for item in prepared]
    warmup = texts[:_WARMUP_DOCS]

    # baseline: the bare model, plain nlp.pipe, same texts (first, before ours)
    with stopwatch() as t_load_bare:
        bare = spacy.load(options.model)
    for _ in bare.pipe(warmup):  # first-call costs must not land on either side of the ratio
        pass
    with stopwatch() as t_base:
        for _ in bare.pipe(texts, batch_size=options.batch_size, n_process=options.workers):
            pass
    model_meta = dict(bare.meta)
    _say(f"baseline nlp.pipe: {t_base.wall:.1f} s")
    del bare

    # spaCy + our components, as run_ingest calls them (per-component timers need one process)
    with stopwatch() as t_load_ours:  # the loader run_ingest uses (pipeline_for where it exists)
        loader = getattr(nlp_pipeline, "pipeline_for", None)
        nlp = loader(options) if loader else load_nlp(options.model)
    version = pipeline_version()
    extract(nlp, prepared[:_WARMUP_DOCS], version)
    component_timings: dict[str, Timing] = {}
    if options.workers == 1:
        with timed_components(nlp) as component_timings, stopwatch() as t_nlp:
            articles = extract(nlp, prepared, version, batch_size=options.batch_size, n_process=1)
        component_timings = dict(component_timings)
    else:
        with stopwatch() as t_nlp:
            articles = extract(nlp, prepared, version, batch_size=options.batch_size, n_process=options.workers)

    _say(f"spaCy + ours: {t_nlp.wall:.1f} s")

    # store: run_ingest's flush, batch by batch, into a fresh SQLite file; then the cross-article
    # steps that flush runs on each stored batch (whichever run_ingest has: others add them)
    db = connect(str(folder / "stage-store.db"))
    writer = Writer(db)
    added = near = 0
    batches: list[list[Any]] = []
    with stopwatch() as t_store:
        for start in range(0, len(articles), options.batch_size):
            stored = []
            with db.transaction():
                for article in articles[start:start + options.batch_size]:
                    signature = minhash_signature(article.text)
                    keys = band_keys(signature)
                    if not writer.save_article(article, signature, keys):
                        continue
                    added += 1
                    stored.append(article)
                    if link_near_duplicate(writer, article.id, signature, keys, options.near_duplicate_threshold):
                        near += 1
            batches.append(stored)
    counts["stored"], counts["near_duplicates"] = added, near
    _say(f"store: {added} articles in {t_store.wall:.1f} s")
    cross_rows: list[Row] = []
    load_rows: list[Row] = []
    # The story embedder is loaded (cached) on first use: load and warm it here, its own row.
    embedder_for = getattr(importlib.import_module("storyline.stories.assign"), "embedder_for", None) \
        if hasattr(runner, "assign_stories") else None
    if embedder_for is not None:
        try:
            with stopwatch() as t_load_embedder:
                embedder = embedder_for(options)
                if embedder is not None:
                    embedder.encode(texts[:2])
            load_rows.append(Row("load story embedder (`stories.assign.embedder_for`, + warm-up)", None,
                                  t_load_embedder, None, key="load_embedder"))
        except Exception as err:  # noqa: BLE001
            errors.append(f"story embedder: {type(err).__name__}: {err}")
    for attr, label, call in (
        ("link_entities", "link entities across articles (`link.entities.link_entities`)",
         lambda fn, batch: fn(writer, batch)),
        ("assign_stories", "assign stories (`stories.assign_stories`)",
         lambda fn, batch: fn(writer, batch, options)),
    ):
        fn = getattr(runner, attr, None)
        if fn is None:
            continue
        try:
            with stopwatch() as t_step:
                for batch in batches:
                    call(fn, batch)
            cross_rows.append(Row(label, added, t_step, t_base, key=attr))
            _say(f"{attr}: {t_step.wall:.1f} s")
        except Exception as err:  # noqa: BLE001 - a stage another engineer is building must not hide the rest
            errors.append(f"{attr}: {type(err).__name__}: {err}")
            cross_rows.append(Row(label, added, None, None, key=attr, note=f"FAILED: {_short(err)}"))
    db.close()

    # the whole ingest, end to end, as a user runs it (models already loaded: load time is its own row)
    report = IngestReport()
    try:
        with stopwatch() as t_ingest:
            with storyline.open(str(folder / "end-to-end.db"), model=options.model, workers=options.workers,
                                batch_size=options.batch_size) as kb:
                report = kb.ingest(paths)
        ingest_note = (f"{report.added} added, {report.duplicates} duplicates, {len(report.failed)} failed; "
                       "models loaded beforehand")
        _say(f"whole ingest: {report.seen} articles in {t_ingest.wall:.1f} s")
    except Exception as err:  # noqa: BLE001 - report it in the table, exit non-zero
        errors.append(f"whole ingest: {type(err).__name__}: {err}")
        t_ingest, ingest_note = None, f"FAILED: {_short(err)}"
    counts["ingest_added"], counts["ingest_failed"] = report.added, len(report.failed)
    counts["ingest_seen"] = report.seen

    n_read, n_parse = len(documents) + read_failures, len(prepared)
    rows = [
        Row("read (`ingest.discover` + `read_source`)", n_read, t_read, t_base, key="read",
            note=f"{read_failures} failed" if read_failures else ""),
        Row("clean (`clean_document` + `content_hash`)", len(documents), t_clean, t_base, key="clean",
            note=", ".join(x for x in (f"{clean_failures} refused" if clean_failures else "",
                                       f"{duplicates} exact duplicates" if duplicates else "") if x)),
        Row("baseline: bare model, plain `nlp.pipe`", n_parse, t_base, t_base, key="baseline",
            note="`spacy.load(model)`, no Storyline components"),
        Row("spaCy + our components (`to_records.extract`)", n_parse, t_nlp, t_base, key="pipeline",
            note="pipeline ratio: full pipeline / bare model, same texts"),
        Row("store (`Writer.save_article` + near-duplicate linking, SQLite)", len(articles), t_store, t_base,
            key="store", note=f"{near} near-duplicates linked"),
        *cross_rows,
        Row("whole ingest (`storyline.open(db).ingest(csvs)`)", report.seen or n_read, t_ingest, t_base,
            key="ingest", note=ingest_note),
        Row("load bare model (`spacy.load`)", None, t_load_bare, None, key="load_bare"),
        Row("load Storyline pipeline (`pipeline_for` / `load_nlp`)", None, t_load_ours, None, key="load_ours"),
        *load_rows,
    ]

    ours = [name for name in component_timings if name.startswith("storyline_")]
    components = [Row(f"`{name}`" + (" (ours)" if name in ours else ""), n_parse, timing, t_base, key=name)
                  for name, timing in component_timings.items()]
    budgets: list[Row] = []
    if component_timings:
        components.append(Row("rest (records, generators)", n_parse,
                              Timing(t_nlp.wall - sum(t.wall for t in component_timings.values()),
                                     t_nlp.cpu - sum(t.cpu for t in component_timings.values())), t_base, key="rest"))
        assigned: set[str] = set()
        for label, names in BUDGETS.items():
            present = [n for n in names if n in component_timings]
            assigned.update(present)
            budgets.append(Row(f"{label} ({', '.join(present) or 'none yet'})", n_parse,
                               _sum(component_timings, present), t_base, key=label.split(":")[0].replace(" ", ""),
                               note=f"budget: at most {BUDGET_LIMIT:.0%} of the bare parse"))
        others = [n for n in ours if n not in assigned]
        if others:
            budgets.append(Row(f"other components of ours ({', '.join(others)})", n_parse,
                               _sum(component_timings, others), t_base, key="other"))
        budgets.append(Row("all our components together", n_parse, _sum(component_timings, ours), t_base,
                           key="ours"))

    result = BenchResult(rows=rows, components=components, budgets=budgets,
                         facts=machine_facts(options.model, model_meta, options.workers, options.batch_size),
                         counts=counts, errors=errors, peak_rss_mib=peak_rss_mib(),
                         children_peak_rss_mib=children_peak_rss_mib() if options.workers > 1 else 0.0)
    result.counts["rss_after_imports_mib"] = round(rss_after_imports)
    result.counts["torch_imported"] = int(torch_loaded)
    result.facts["load_average_at_start"] = load_at_start
    result.facts["load_average_at_end"] = load_average()
    if trace_memory:
        result.tracemalloc_peak_mib = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
    return result


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _short(err: BaseException) -> str:
    return f"{type(err).__name__}: {str(err).splitlines()[0][:120] if str(err) else ''}".replace("|", "/")


def _sum(timings: dict[str, Timing], names: Iterable[str]) -> Timing:
    chosen = [timings[n] for n in names]
    return Timing(sum(t.wall for t in chosen), sum(t.cpu for t in chosen))


# -- output -----------------------------------------------------------------

def command_line(limit: int | None, workers: int, batch_size: int | None, model: str | None,
                 trace_memory: bool = False) -> str:
    """The command that reproduces a run with these arguments."""
    parts = ["python -m storyline.bench.ingest"]
    if limit:
        parts.append(f"--limit {limit}")
    if workers != 1:
        parts.append(f"--workers {workers}")
    if batch_size:
        parts.append(f"--batch-size {batch_size}")
    if model:
        parts.append(f"--model {model}")
    if trace_memory:
        parts.append("--tracemalloc")
    return " ".join(parts)


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _corpus(counts: dict[str, int]) -> str:
    read = counts["read"] + counts["read_failed"]
    total = counts.get("corpus", read)
    if read >= total:
        return f"all {total:,} press releases"
    return f"the first {read:,} of the {total:,} press releases (split evenly over the two files)"


def render(result: BenchResult, command: str) -> str:
    """The markdown section: machine facts, the stage table, the component and budget tables."""
    f, c = result.facts, result.counts
    cmd = f"`{command}`"
    lines = [
        SECTION, "",
        f"On {_corpus(c)} of `../shared/data/{DATASET}/` (two CSV files: "
        "en.kremlin.ru and president.gov.ua, 2021-2022), all figures from one run of one process. Each stage "
        "runs the function `storyline.batch.local.run_ingest` uses; the baseline is a plain `nlp.pipe` of the "
        "bare model over the same cleaned texts, run first, after a warm-up of both models; the whole ingest "
        "is `storyline.open(db).ingest([csv, csv])` into a fresh SQLite file. Wall-clock seconds depend on what "
        "else the machine is doing (it is shared, 2 cores); CPU seconds are the steadier basis for ratios.",
        "",
        *(["The whole corpus is `python -m storyline.bench.ingest` (no `--limit`); this run took a subset so that "
           "it ends in reasonable time on the shared machine.", ""]
          if c.get("corpus", 0) > c["read"] + c["read_failed"] else []),
        f"Machine: {f['cores']} cores ({f['cpu']}), {f['os']}, shared with other work (load average "
        f"{f['load_average_at_start']} at start, {f['load_average_at_end']} at end). Python {f['python']}, "
        f"spaCy {f['spacy']}, model `{f['model']}`, Storyline pipeline `{f['pipeline_version']}`, "
        f"workers {f['workers']}, batch size {f['batch_size']}, run on {f['date']}.",
        "",
        "| measure | articles | wall s | CPU s | articles/s | × bare `nlp.pipe` (wall) | × bare (CPU) | notes "
        "| command |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in result.rows:
        lines.append(f"| {row.measure} | {'' if row.articles is None else row.articles} | "
                     f"{_num(row.timing.wall if row.timing else None)} | {_num(row.timing.cpu if row.timing else None)} "
                     f"| {_num(row.rate, 1)} | {_ratio(row.ratio_wall if row.key != 'baseline' else 1.0)} | "
                     f"{_ratio(row.ratio_cpu if row.key != 'baseline' else 1.0)} | {row.note} | {cmd} |")
    memory = (f"{result.peak_rss_mib:.0f} MiB peak RSS (`ru_maxrss`, whole run: both spaCy pipelines, the story "
              f"embedder, all records in memory); {c.get('rss_after_imports_mib', 0)} MiB of it after the imports alone")
    if c.get("torch_imported"):
        memory += " (thinc imports torch when it is installed)"
    if result.children_peak_rss_mib:
        memory += f"; largest worker process {result.children_peak_rss_mib:.0f} MiB"
    lines.append(f"| peak memory | {c['read'] + c['read_failed']} | | | | | | {memory} | {cmd} |")
    if result.tracemalloc_peak_mib is not None:
        lines.append(f"| peak Python allocations (`tracemalloc`) | | | | | | | "
                     f"{result.tracemalloc_peak_mib:.0f} MiB (tracing slows the run: timings of this run are "
                     f"not comparable) | {cmd} |")
    lines.append("")
    if result.components:
        lines += [
            "Per component, in the full pipeline run above: each component's own time (a timer around its "
            "`__call__`/`pipe`, minus the time spent upstream), as a share of the bare model's whole "
            "`nlp.pipe` time.",
            "",
            "| component | wall s | CPU s | share of bare parse (wall) | share (CPU) | command |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for row in result.components:
            lines.append(f"| {row.measure} | {_num(row.timing.wall, 3)} | {_num(row.timing.cpu, 3)} | "
                         f"{_ratio(row.ratio_wall)} | {_ratio(row.ratio_cpu)} | {cmd} |")
        lines += [
            "",
            "Throughput budgets (issues 3 and 4: each group adds at most 25 % to the spaCy parse time of the "
            "same articles):",
            "",
            "| budget | wall s | CPU s | share of bare parse (wall) | share (CPU) | within 25 % (CPU) | command |",
            "|---|---:|---:|---:|---:|---|---|",
        ]
        for row in result.budgets:
            within = "" if not row.note else ("yes" if (row.ratio_cpu or 0) <= BUDGET_LIMIT else "**no**")
            lines.append(f"| {row.measure} | {_num(row.timing.wall, 3)} | {_num(row.timing.cpu, 3)} | "
                         f"{_ratio(row.ratio_wall)} | {_ratio(row.ratio_cpu)} | {within} | {cmd} |")
        lines.append("")
    else:
        lines += ["Per-component times need `--workers 1` (the timers live in this process).", ""]
    return "\n".join(lines)


def update_section(path: Path, section: str) -> None:
    """Replace this benchmark's section of ``path`` (or append it; create the file with an intro)."""
    text = path.read_text(encoding="utf-8") if path.exists() else DOC_INTRO
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == SECTION), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        before = "\n".join(lines[:start]).rstrip("\n")
        after = "\n".join(lines[end:])
        new = before + "\n\n" + section.rstrip("\n") + "\n" + ("\n" + after.rstrip("\n") + "\n" if after else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the markdown, optionally write it; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m storyline.bench.ingest",
        description="Ingest speed: articles/s per stage, the whole ingest and each component against a plain "
                    "nlp.pipe of the bare model, peak memory.",
        epilog="examples:\n  python -m storyline.bench.ingest --limit 200\n"
               "  python -m storyline.bench.ingest --update-doc docs/benchmarks.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N press releases (split over "
                        "the two files)")
    parser.add_argument("--workers", type=int, default=1, help="processes for nlp.pipe (per-component times "
                        "need 1)")
    parser.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size (default: the setting)")
    parser.add_argument("--model", default=None, help="spaCy model (default: the `model` setting)")
    parser.add_argument("--output", type=Path, default=None, help="also write the markdown to this file")
    parser.add_argument("--update-doc", type=Path, default=None,
                        help=f"replace the '{SECTION}' section of this file (e.g. docs/benchmarks.md)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also report tracemalloc's peak (slows the run; timings then not comparable)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit <= 0:
        parser.error("--limit must be positive")
    if args.workers <= 0:
        parser.error("--workers must be positive")

    csvs = press_release_csvs()
    if not csvs:
        print(f"press releases not found: {shared_data() / DATASET} has no CSV files "
              "(set STORYLINE_SHARED_DATA to the folder that holds press_releases_2021_2022/)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        folder = Path(tmp)
        inputs = limited_inputs(csvs, args.limit, folder / "inputs") if args.limit else csvs
        result = run_bench(inputs, model=args.model, workers=args.workers, batch_size=args.batch_size,
                           folder=folder, trace_memory=args.tracemalloc)
    result.counts["corpus"] = count_rows(csvs)
    markdown = render(result, command_line(args.limit, args.workers, args.batch_size, args.model,
                                           args.tracemalloc))
    print(markdown)
    for error in result.errors:
        print(f"bench: FAILED {error}", file=sys.stderr)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(markdown + "\n", encoding="utf-8")
    if args.update_doc:
        update_section(args.update_doc, markdown)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
