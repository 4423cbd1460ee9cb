"""Consistency of the bundled (fictional) sample corpus and its gold annotations.

No model needed: these tests only check that the gold files point at text that really is
in the corpus, that every format parses, and that the corpus keeps the properties the
demo and the quality gate rely on (duplicates, syndication, storylines, office holders).
"""

from __future__ import annotations

import csv
import difflib
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "storyline" / "sample"
GOLD_DIR = ROOT / "tests" / "gold"

EVENT_TYPES = {
    "ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST", "THREATEN", "REJECT", "ACCUSE",
    "REQUEST", "AID", "COOPERATE", "CONSULT", "AGREE", "SUPPORT", "CONCEDE", "RETREAT",
    "STATEMENT",
}
QUOTE_KINDS = {"direct", "partial", "indirect"}
APPROX = {None, "at least", "more than", "up to", "about", "approximately", "hundreds of", "thousands of"}
# Organisations that speak or claim in the gold; people come from officeholders.csv.
GOLD_ORGS = {
    "Varnia", "Varnish Ministry of Defence", "Kestrian Ministry of Defence", "Kestrian Foreign Ministry",
    "Varnish Foreign Ministry", "Orlavo Palace", "Solvik City Administration", "Solvik Grid",
    "Varnish Air Force", "Brava Police", "Kestrian Embassy in Brava", "Open Skies",
    "Brava Institute for Security Studies", "Maren Relief Agency", "Maren Council", "Government of Tavora",
}
GOLD_PEOPLE_NOT_OFFICEHOLDERS = {"Lena Kastor", "Yara Fenn"}
WORLD_START, WORLD_END = date(2025, 6, 15), date(2025, 7, 5)
JSONL_FIELDS = {"title", "text", "date", "url", "source"}
CSV_COLUMNS = ["headline", "body", "date", "link", "outlet"]
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}


class _VisibleText(HTMLParser):
    """Collects the text a browser would show (no head, script, style)."""

    SKIP = {"script", "style", "head", "template", "noscript"}
    INLINE = {"a", "b", "i", "em", "strong", "span", "time", "small", "abbr", "cite", "q", "sup", "sub", "u", "mark"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.depth += 1
        if tag not in self.INLINE:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1
        if tag not in self.INLINE:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def squash(text: str) -> str:
    """Returns text with runs of ASCII whitespace collapsed (NBSP is kept: it is data)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def article_text(rel: str) -> str:
    """Returns a file's text: raw for .txt, squashed visible text for .html."""
    path = SAMPLE / rel
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        parser = _VisibleText()
        parser.feed(raw)
        parser.close()
        return squash("".join(parser.parts))
    return raw


def contains(rel: str, needle: str) -> bool:
    """Returns whether needle occurs in the article (whitespace-normalised for HTML)."""
    return (squash(needle) if rel.endswith(".html") else needle) in article_text(rel)


def load_gold() -> list[dict]:
    with (GOLD_DIR / "sample_gold.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_stories() -> dict:
    return json.loads((GOLD_DIR / "stories.json").read_text(encoding="utf-8"))


def officeholders() -> list[dict]:
    with (SAMPLE / "officeholders.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def feed_items(rel: str) -> list[ET.Element]:
    root = ET.parse(SAMPLE / rel).getroot()
    if rel.endswith(".rss"):
        return root.findall("./channel/item")
    return root.findall("atom:entry", NS)


def item_url(rel: str, index: int) -> str:
    """Returns the URL of the index-th article of a multi-article file."""
    if rel.endswith(".jsonl"):
        lines = (SAMPLE / rel).read_text(encoding="utf-8").splitlines()
        return json.loads(lines[index])["url"]
    if rel.endswith(".csv"):
        with (SAMPLE / rel).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))[index]["link"]
    item = feed_items(rel)[index]
    if rel.endswith(".rss"):
        return item.findtext("link")
    return item.find("atom:link", NS).get("href")


def all_articles() -> set[str]:
    """Returns every article of the corpus as 'path' or 'path#N'."""
    found = {p.relative_to(SAMPLE).as_posix() for d in ("txt", "html") for p in (SAMPLE / d).iterdir()}
    multi = {
        "records/articles.jsonl": len((SAMPLE / "records/articles.jsonl").read_text(encoding="utf-8").splitlines()),
        "records/articles.csv": len(list(csv.DictReader((SAMPLE / "records/articles.csv").open(encoding="utf-8", newline="")))),
        "feeds/bri_world.rss": len(feed_items("feeds/bri_world.rss")),
        "feeds/ledger_world.atom": len(feed_items("feeds/ledger_world.atom")),
    }
    for rel, n in multi.items():
        found |= {f"{rel}#{i}" for i in range(n)}
    return found


GOLD = load_gold()
GOLD_IDS = [g["file"] for g in GOLD]


def known_names() -> set[str]:
    return {row["person"] for row in officeholders()} | GOLD_ORGS | GOLD_PEOPLE_NOT_OFFICEHOLDERS


# ---------------------------------------------------------------- gold annotations


def test_gold_covers_enough_articles_and_every_quote_kind() -> None:
    assert len(GOLD) >= 12
    assert len(set(GOLD_IDS)) == len(GOLD_IDS), "one gold line per file"
    kinds = {q["kind"] for g in GOLD for q in g["quotes"]}
    assert kinds == QUOTE_KINDS
    approx = {c["approx"] for g in GOLD for c in g["claims"]}
    assert {"at least", "more than", "up to", "approximately", "hundreds of"} <= approx
    units = {c["unit"] for g in GOLD for c in g["claims"]}
    assert {"EUR", "USD", "km", "drone", "missile", "person"} <= units
    assert any(c["value_max"] is not None for g in GOLD for c in g["claims"]), "a range"
    assert any(g["title"] is None for g in GOLD) and any(g["published"] is None for g in GOLD)
    assert any(g["not_quotes"] for g in GOLD)


@pytest.mark.parametrize("gold", GOLD, ids=GOLD_IDS)
def test_gold_file_exists_and_strings_are_in_it(gold: dict) -> None:
    rel = gold["file"]
    assert (SAMPLE / rel).is_file()
    strings = (
        [("quote", q["text"]) for q in gold["quotes"]]
        + [("claim", c["text"]) for c in gold["claims"]]
        + [("debris", s) for s in gold["debris"]]
        + [("body", s) for s in gold["body_lines"]]
        + [("not_quote", s) for s in gold["not_quotes"]]
    )
    missing = [(what, s) for what, s in strings if not contains(rel, s)]
    assert not missing


@pytest.mark.parametrize("gold", GOLD, ids=GOLD_IDS)
def test_gold_fields_are_well_formed(gold: dict) -> None:
    assert set(gold) >= {"file", "quotes", "claims", "events", "title", "published", "debris", "body_lines"}
    names = known_names()
    for q in gold["quotes"]:
        assert q["kind"] in QUOTE_KINDS
        assert q["speaker"] is None or q["speaker"] in names, q["speaker"]
        assert q["text"] == q["text"].strip() and q["text"][:1] not in "\"'“”‘’", q["text"]
    for c in gold["claims"]:
        assert isinstance(c["value"], (int, float))
        assert c["value_max"] is None or c["value_max"] > c["value"]
        assert c["approx"] in APPROX
        assert c["unit"] and c["unit"] == c["unit"].strip()
        assert c["claimant"] is None or c["claimant"] in names, c["claimant"]
    for e in gold["events"]:
        assert e["type"] in EVENT_TYPES
        if e["date"] is not None:
            assert WORLD_START <= date.fromisoformat(e["date"]) <= WORLD_END
    if gold["published"] is not None:
        assert WORLD_START <= date.fromisoformat(gold["published"]) <= WORLD_END
    if gold["title"] is not None:
        assert contains(gold["file"], gold["title"]) or gold["file"].endswith(".html")
    quote_texts = {q["text"] for q in gold["quotes"]}
    assert not quote_texts & set(gold["not_quotes"])
    assert not set(gold["debris"]) & set(gold["body_lines"])


def test_contains_rejects_text_that_is_not_there() -> None:
    assert not contains("txt/courier_strike1_first.txt", "412 drones and 39 missiles")
    # NBSP and U+2011 are data: a plain space or hyphen does not match
    assert not contains("txt/courier_strike1_update.txt", "Approximately 1,450 residents")
    assert not contains("txt/courier_strike1_first.txt", "air-defence units fired")
    # head and script text are not visible text
    assert not contains("html/ledger_strike1_wire.html", "dataLayer")
    assert contains("html/ledger_strike1_wire.html", "long\u2011range precision weapons")


# ---------------------------------------------------------------- storylines and duplicates


def test_every_article_is_in_exactly_one_story() -> None:
    stories = load_stories()["stories"]
    members = [m for ms in stories.values() for m in ms]
    assert len(members) == len(set(members)), "an article in two stories"
    assert set(members) == all_articles()
    assert set(GOLD_IDS) <= set(members)
    assert {"strike-1", "strike-2", "ceasefire-proposal", "summit-belmarra", "protest-brava", "aid-pellin"} <= set(stories)


def test_item_urls_match_the_items() -> None:
    data = load_stories()
    multi = {m for ms in data["stories"].values() for m in ms if "#" in m}
    assert set(data["item_urls"]) == multi
    for member, url in data["item_urls"].items():
        rel, index = member.split("#")
        assert item_url(rel, int(index)) == url


def test_must_not_merge_names_real_stories() -> None:
    data = load_stories()
    for pair in data["must_not_merge"]:
        assert set(pair) <= set(data["stories"])


def test_exact_duplicates_are_byte_identical_and_the_only_ones() -> None:
    dups = load_stories()["exact_duplicates"]
    for group in dups:
        blobs = {(SAMPLE / rel).read_bytes() for rel in group}
        assert len(blobs) == 1
    listed = {rel for group in dups for rel in group}
    seen: dict[bytes, str] = {}
    for path in sorted(p for d in ("txt", "html") for p in (SAMPLE / d).iterdir()):
        rel = path.relative_to(SAMPLE).as_posix()
        blob = path.read_bytes()
        if blob in seen:
            assert {rel, seen[blob]} <= listed, f"unlisted duplicate {rel} = {seen[blob]}"
        seen[blob] = rel


def test_syndicated_copies_are_near_but_not_exact_duplicates() -> None:
    for group in load_stories()["syndicated"]:
        texts = [squash(article_text(rel)) for rel in group["copies"]]
        assert len(set(texts)) == len(texts)
        first = texts[0]
        for other in texts[1:]:
            assert difflib.SequenceMatcher(None, first, other, autojunk=False).ratio() > 0.7
    # a control pair from the same story is not near-identical
    a = squash(article_text("txt/courier_strike1_first.txt"))
    b = squash(article_text("txt/northwire_strike1_maren.txt"))
    assert difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() < 0.5


# ---------------------------------------------------------------- formats


def test_jsonl_records_parse_with_the_expected_fields() -> None:
    lines = (SAMPLE / "records/articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 5
    for rec in records:
        assert set(rec) == JSONL_FIELDS
        assert rec["text"] and rec["url"].startswith("https://")
    assert any(rec["date"] is None for rec in records)


def test_csv_records_parse_with_the_expected_columns() -> None:
    with (SAMPLE / "records/articles.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        assert reader.fieldnames == CSV_COLUMNS
    assert len(rows) == 3
    assert all(row["body"] and row["link"].startswith("https://") for row in rows)
    assert any("\n" in row["body"] and '"' in row["body"] for row in rows)


def test_rss_feed_is_well_formed_with_full_text() -> None:
    items = feed_items("feeds/bri_world.rss")
    assert len(items) == 4
    for item in items:
        assert item.findtext("title") and item.findtext("pubDate")
        body = item.findtext("content:encoded", namespaces=NS)
        assert body and "<p>" in body


def test_atom_feed_is_well_formed_with_content() -> None:
    entries = feed_items("feeds/ledger_world.atom")
    assert len(entries) == 2
    for entry in entries:
        assert entry.findtext("atom:published", namespaces=NS)
        assert "<p>" in entry.findtext("atom:content", namespaces=NS)


@pytest.mark.parametrize("path", sorted((SAMPLE / "html").glob("*.html")), ids=lambda p: p.name)
def test_html_pages_have_text_and_a_fiction_notice(path: Path) -> None:
    text = article_text(path.relative_to(SAMPLE).as_posix())
    assert len(text.split()) > 150
    assert re.search(r"fiction|invented", text, re.I)


def test_plain_text_files_keep_their_messiness() -> None:
    raw = {p.name: p.read_bytes() for p in (SAMPLE / "txt").glob("*.txt")}
    assert len(raw) >= 12
    assert any(b"\r\n" in blob for blob in raw.values())
    joined = b"".join(raw.values()).decode("utf-8")
    assert "\u2011" in joined and "\u00a0" in joined and "\t" in joined


# ---------------------------------------------------------------- world, officeholders, hygiene


def test_officeholders_are_well_formed_and_one_office_changes_hands() -> None:
    rows = officeholders()
    assert list(rows[0]) == ["role", "country_or_body", "person", "start", "end", "aliases", "demonyms"]
    by_office: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        start = date.fromisoformat(row["start"])
        if row["end"]:
            assert date.fromisoformat(row["end"]) >= start
        by_office.setdefault((row["role"], row["country_or_body"]), []).append(row)
    changing = {k: v for k, v in by_office.items() if len(v) > 1}
    assert list(changing) == [("defence minister", "Varnia")]
    old, new = sorted(changing[("defence minister", "Varnia")], key=lambda r: r["start"])
    assert old["end"] and date.fromisoformat(old["end"]) < date.fromisoformat(new["start"])
    assert WORLD_START <= date.fromisoformat(new["start"]) <= WORLD_END


def test_all_urls_are_on_the_reserved_example_domain() -> None:
    url = re.compile(r"https?://([\w.-]+)")
    for path in SAMPLE.rglob("*"):
        if path.is_file():
            for host in url.findall(path.read_text(encoding="utf-8")):
                assert host.endswith(".example") or host.endswith("purl.org") or host.endswith("w3.org"), (path, host)


def test_no_machine_paths_in_corpus_or_gold() -> None:
    checkout_parent = str(Path(__file__).resolve().parents[2]) + "/"  # the folder that holds this checkout
    for base in (SAMPLE, GOLD_DIR):
        for path in base.rglob("*"):
            if path.is_file():
                assert checkout_parent not in path.read_text(encoding="utf-8"), path


def test_readme_says_it_is_fiction() -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "fiction" in readme.lower()
    for rel in [m.split("#")[0] for ms in load_stories()["stories"].values() for m in ms]:
        assert rel.split("/")[-1] in readme
