"""HTTP speed: ``python -m storyline.bench.http``.

Builds (once, then reuses) a knowledge base of N synthetic articles through the
real writers (``store.Writer.save_article`` with hand-made entities, quotes,
claims and events; ``StoryStore`` stories of 20 articles each), serves it with
``storyline serve`` on 127.0.0.1 in its own process, and drives it from another
process with an asyncio HTTP client (fixed concurrency, fixed duration per
route). Reports p50/p95/p99 latency and requests per second per route, with a
static file as the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

WORDS_PER_ARTICLE = 160
STORY_SIZE = 20
# Vocabulary: a Zipf-like draw over these gives common, medium and rare search terms.
_BASE = ("attack drone missile city minister council ceasefire aid sanctions talks energy grid power "
         "border village port convoy shelter rescue hospital school bridge summit agreement proposal "
         "parliament election protest embassy statement army navy air defence strike damage toll "
         "report analyst official spokesperson mayor president governor refugees winter fuel grain "
         "harbour railway factory warehouse market negotiation delegation observer monitor").split()
_RARE = [f"{a}{b}" for a in ("kel", "mor", "tav", "rin", "sol", "var", "dre", "pel") for b in
         ("ara", "eno", "isk", "ova", "und", "eth", "ium", "ost")]
VOCAB = _BASE + _RARE + [f"word{i}" for i in range(3000)]
_CUM: list[float] = []
for _k in range(len(VOCAB)):
    _CUM.append((_CUM[-1] if _CUM else 0.0) + 1.0 / (_k + 1))
NAMES = [f"{f} {l}" for f in ("Ada", "Bo", "Cyr", "Dag", "Eli", "Fen", "Gus", "Hal", "Ivo", "Jon")
         for l in ("Marr", "Tesk", "Voll", "Brin", "Ostra", "Kael", "Dorn", "Lusk", "Penn", "Quill")]
SOURCES = [f"Outlet {i}" for i in range(40)]
SEARCHES = ["drone", "ceasefire talks", "harbour", "minister", "kelara", "\"air defence\"", "grain bridge",
            "word17", "word2500", "summit agreement", "moreno", "protest embassy"]


def _day(i: int) -> str:
    from datetime import date, timedelta

    return (date(2024, 1, 1) + timedelta(days=i % 540)).isoformat()


def synthetic_article(i: int, rng: random.Random):
    """One synthetic article with entity mentions, a quote, a claim and an event at valid offsets."""
    from ..models import Article, Claim, Entity, Event, Quote

    words = rng.choices(VOCAB, cum_weights=_CUM, k=WORDS_PER_ARTICLE)
    speaker = rng.choice(NAMES)
    figure = rng.randint(2, 900)
    lead = f"{speaker} said \"{' '.join(words[:12])}\". "
    claim_text = f"{figure} drones"
    body = f"Officials counted {claim_text} over {rng.choice(['Karsk', 'Pellin', 'Drevna'])}. " + " ".join(words[12:]) + "."
    text = lead + body
    q_start = len(speaker) + len(" said \"")
    q_end = q_start + len(" ".join(words[:12]))
    c_start = text.index(claim_text)
    sentence_end = text.index(".", c_start) + 1
    ent_id = "ent_syn_" + speaker.replace(" ", "_").lower()
    return Article(
        id=f"art_syn{i:07d}", content_hash=f"syn-{i}", text=text, origin=f"synthetic:{i}",
        source=rng.choice(SOURCES), title=" ".join(rng.choices(VOCAB[:80], k=7)).capitalize(),
        published=_day(i // 180), pipeline_version="synthetic",
        entities=[Entity(ent_id, speaker, "PERSON", [(0, len(speaker))])],
        quotes=[Quote(text[q_start:q_end], q_start, q_end, "direct", speaker, ent_id, speaker, (0, len(speaker)), "say")],
        claims=[Claim(float(figure), "drone", claim_text, c_start, c_start + len(claim_text), claimant=speaker,
                      claimant_id=ent_id)],
        events=[Event("ev0", "ASSAULT", text[len(lead):sentence_end], len(lead), sentence_end,
                      date=_day(i // 180), date_precision="day")])


def build(db_url: str, n: int, seed: int = 7) -> None:
    """Fill ``db_url`` with ``n`` synthetic articles in stories of STORY_SIZE (skipped when already there)."""
    from ..store import Writer, connect
    from ..store.stories import StoryStore

    db = connect(db_url)
    have = db.scalar("SELECT COUNT(*) AS n FROM articles")
    if have >= n:
        print(f"reusing {db_url} ({have} articles)", file=sys.stderr)
        return
    writer, stories, rng = Writer(db), StoryStore(db), random.Random(seed)
    t0 = time.time()
    for chunk in range(have, n, 2000):
        with db.transaction():
            for i in range(chunk, min(chunk + 2000, n)):
                art = synthetic_article(i, rng)
                writer.save_article(art)
                sid = f"sto_syn{i // STORY_SIZE:06d}"
                if i % STORY_SIZE == 0:
                    stories.save_profile({"id": sid, "title": art.title, "first_day": art.published,
                                          "last_day": art.published, "n_articles": STORY_SIZE,
                                          "n_origins": STORY_SIZE})
                stories.add_member({"article_id": art.id, "story_id": sid, "origin_id": art.id, "day": art.published,
                                    "how": "synthetic", "seq": i + 1})
        print(f"  {min(chunk + 2000, n)}/{n} articles ({time.time() - t0:.0f} s)", file=sys.stderr)
    db.close()


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def _drive(base: str, urls: list[str], concurrency: int, seconds: float) -> dict:
    import httpx

    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker(k: int) -> None:
            nonlocal errors
            i = k
            while time.perf_counter() < deadline:
                url = urls[i % len(urls)]
                i += concurrency
                t = time.perf_counter()
                r = await client.get(url)
                latencies.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50": _percentile(latencies, 50), "p95": _percentile(latencies, 95), "p99": _percentile(latencies, 99)}


def _client(base: str, urls: list[str], concurrency: int, seconds: float, queue) -> None:
    """Runs in its own process, so the load generator does not share an interpreter with the server."""
    queue.put(asyncio.run(_drive(base, urls, concurrency, seconds)))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(db_path: str, n: int, concurrency: int, seconds: float) -> list[dict]:
    build(db_path, n)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--db", db_path, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        import httpx

        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(base + "/api/articles?limit=1", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("server did not start: " + (server.stderr.read().decode() if server.stderr else ""))
            time.sleep(0.2)
        rng = random.Random(3)
        stories = [f"/stories/sto_syn{rng.randrange(n // STORY_SIZE):06d}" for _ in range(200)]
        routes = {
            "baseline: GET /static/storyline.css": ["/static/storyline.css"],
            "GET /api/search?q=...": [f"/api/search?q={httpx.QueryParams({'q': q})['q']}" for q in SEARCHES],
            "GET /stories/{id} (HTML page)": stories,
            "GET /api/stories/{id}": ["/api" + s for s in stories],
            "GET /api/quotes?speaker=...&limit=50": [f"/api/quotes?speaker={httpx.QueryParams({'s': s})['s']}&limit=50"
                                                     for s in NAMES[:20]],
        }
        results = []
        ctx = get_context("spawn")
        for name, urls in routes.items():
            for u in urls[:3]:  # warm the page cache once per route
                httpx.get(base + u, timeout=30)
            queue = ctx.Queue()
            proc = ctx.Process(target=_client, args=(base, urls, concurrency, seconds, queue))
            proc.start()
            result = queue.get()
            proc.join()
            results.append({"route": name, **result})
            print(f"{name:42s} p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  p99 {result['p99']:7.1f} ms  "
                  f"{result['rps']:7.1f} req/s  ({result['requests']} requests, {result['errors']} errors)")
        return results
    finally:
        server.terminate()
        server.wait(10)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench.http", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.path.join(".bench", "http-100k.db"),
                        help="SQLite file for the synthetic knowledge base (built once, then reused)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration per route")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    args = parser.parse_args(argv)
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    results = run(args.db, args.articles, args.concurrency, args.seconds)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
