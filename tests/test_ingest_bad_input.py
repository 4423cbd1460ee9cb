"""Bad input never stops a batch: each problem is one IngestFailure naming the
file or record and what is wrong; good inputs beside it still yield documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from storyline.ingest import iter_documents
from storyline.models import IngestFailure, RawDocument
from storyline.settings import Options

GOOD_TEXT = "The invented mayor Ola Brenn opened a library in the fictional town of Skarn.\n"


def _write(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    def build(tmp: Path) -> list[str]:
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return [str(path)]
    return build


def _mixed_folder(tmp: Path) -> list[str]:
    folder = tmp / "mix"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "sub" / "page.html").write_text("<html><body><p>Fine page.</p></body></html>", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "empty.md").write_bytes(b"")
    (folder / ".hidden.txt").write_text("skipped: hidden", encoding="utf-8")
    return [str(folder)]


def _mixed_inputs(tmp: Path) -> list[str]:
    good = tmp / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    return [str(good), str(tmp / "nowhere" / "missing.txt")]


@dataclass
class Case:
    id: str
    build: Callable[[Path], list[str]]
    docs: int  # documents expected
    failures: list[tuple[str, str]]  # (origin ends with, reason contains)
    check: Callable[[list[RawDocument]], bool] | None = None
    max_file_mb: float = 20.0


CASES = [
    Case("binary-png", _write("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0,
         [("img.txt", "PNG image")]),
    Case("binary-nul", _write("dump.txt", b"abc\x00\x01\x02def" * 50), 0, [("dump.txt", "NUL bytes")]),
    Case("binary-controls", _write("ctl.txt", bytes([1, 2, 3, 4, 5, 65, 66]) * 40), 0,
         [("ctl.txt", "control bytes")]),
    Case("binary-zip-as-jsonl", _write("a.jsonl", b"PK\x03\x04\x14\x00\x06\x00rest"), 0, [("a.jsonl", "ZIP archive")]),
    Case("binary-pdf-as-csv", _write("a.csv", b"%PDF-1.4\n..."), 0, [("a.csv", "PDF document")]),
    Case("binary-gzip-as-html", _write("a.html", b"\x1f\x8b\x08\x00\x00\x00\x00\x00"), 0,
         [("a.html", "gzip-compressed")]),
    Case("empty", _write("empty.txt", b""), 0, [("empty.txt", "file is empty")]),
    Case("whitespace-only", _write("blank.txt", b" \n\t\r\n  "), 0, [("blank.txt", "only whitespace")]),
    Case("empty-feed-file", _write("feed.rss", b""), 0, [("feed.rss", "file is empty")]),
    Case("latin-1", _write("latin.txt", "Le président a visité le café à Zoë.\n".encode("latin-1")), 1, [],
         lambda docs: docs[0].content.startswith("Le président a visité le café à Zoë.")),
    Case("cp1252-quotes", _write("cp.txt", "He said \u201cno\u201d \u2013 it\u2019s over.\n".encode("cp1252")), 1, [],
         lambda docs: docs[0].content.strip() == "He said \u201cno\u201d \u2013 it\u2019s over."),
    Case("cp1252-csv", _write("cp.csv", "title,text\nT\u00e9l\u00e9,\u201cQuoted\u201d text\n".encode("cp1252")),
         1, [], lambda docs: docs[0].title == "T\u00e9l\u00e9" and docs[0].content == "\u201cQuoted\u201d text"),
    Case("malformed-html", _write("bad.html", "<html><body><p>Unclosed <b>bold <div>text</p></span>"), 1, [],
         lambda docs: docs[0].format == "html" and "Unclosed" in docs[0].content),
    Case("truncated-jsonl-line",
         _write("x.jsonl", '{"text": "First invented line."}\n{"text": "Second."}\n{"text": "cut off her\n'), 2,
         [("x.jsonl:3", "invalid JSON")]),
    Case("jsonl-not-object", _write("y.jsonl", '{"text": "Fine."}\n[1, 2]\n'), 1,
         [("y.jsonl:2", "expected a JSON object, got a list")]),
    Case("jsonl-record-without-text", _write("z.jsonl", '{"text": "Fine."}\n{"title": "No body"}\n'), 1,
         [("z.jsonl:2", "no text field")]),
    Case("csv-row-without-text", _write("r.csv", "title,body\nA,Body one.\nB,\nC,Body three.\n"), 2,
         [("r.csv:3", "empty text")]),
    Case("csv-without-text-column", _write("n.csv", "name,count\nx,1\n"), 0, [("n.csv", "no text column")]),
    Case("csv-too-many-fields", _write("w.csv", "title,body\nA,Fine.\nB,one,two\n"), 1,
         [("w.csv:3", "3 fields but the header has 2")]),
    Case("csv-header-only", _write("h.csv", "title,body\n"), 0, [("h.csv", "no rows")]),
    Case("invalid-json", _write("bad.json", '{"text": "x", }'), 0, [("bad.json", "invalid JSON")]),
    Case("json-scalar", _write("num.json", "42"), 0, [("num.json", "got a number")]),
    Case("over-large", _write("big.txt", GOOD_TEXT * 200), 0, [("big.txt", "MiB limit")], max_file_mb=0.001),
    Case("unknown-extension", _write("report.docx", GOOD_TEXT), 0, [("report.docx", "unsupported file type '.docx'")]),
    Case("missing-path", lambda tmp: [str(tmp / "does-not-exist.txt")], 0,
         [("does-not-exist.txt", "no such file or folder")]),
    Case("glob-without-match", lambda tmp: [str(tmp / "*.nothing")], 0, [("*.nothing", "no files match")]),
    Case("ftp-url", lambda tmp: ["ftp://files.example/a.txt"], 0, [("ftp://files.example/a.txt", "unsupported URL scheme")]),
    Case("missing-beside-good", _mixed_inputs, 1, [("missing.txt", "no such file")]),
    Case("not-a-feed", _write("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>a</loc></url></urlset>'), 0,
         [("sitemap.xml", "not an RSS or Atom feed")]),
    Case("text-in-feed-file", _write("notes.rss", "Just some text, no XML at all."), 0,
         [("notes.rss", "not an RSS or Atom feed")]),
    Case("feed-without-entries",
         _write("quiet.xml", '<rss version="2.0"><channel><title>Quiet</title></channel></rss>'), 0,
         [("quiet.xml", "no entries")]),
    Case("not-a-warc", _write("fake.warc", "This is a text file, not an archive.\n"), 0,
         [("fake.warc", "not a WARC/ARC archive")]),
    Case("empty-warc", _write("empty.warc.gz", b""), 0, [("empty.warc.gz", "file is empty")]),
    Case("folder-with-a-mix", _mixed_folder, 2,
         [("photo.png", "unsupported file type '.png'"), ("scan.txt", "PDF document"), ("empty.md", "file is empty")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_one_failure_and_the_batch_goes_on(case: Case, tmp_path: Path) -> None:
    inputs = case.build(tmp_path)
    items = list(iter_documents(inputs, Options(max_file_mb=case.max_file_mb)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert len(docs) == case.docs, items
    assert len(failures) == len(case.failures), failures
    for suffix, reason in case.failures:
        named = [f for f in failures if f.origin.endswith(suffix)]
        assert len(named) == 1, (suffix, failures)
        assert reason in named[0].reason, named[0]
    assert all(d.content.strip() for d in docs)
    if case.check:
        assert case.check(docs), docs


def test_failures_come_in_input_order_and_good_files_are_not_lost(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(GOOD_TEXT, encoding="utf-8")
    items = list(iter_documents([str(tmp_path)], Options()))
    assert [(type(i).__name__, Path(i.origin).name) for i in items] == [
        ("RawDocument", "a.txt"), ("IngestFailure", "b.txt"), ("RawDocument", "c.txt")]
