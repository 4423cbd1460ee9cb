"""Each reader on small fixtures written for these tests (tests/fixtures/ingest),
plus the two press-release CSVs of ../shared/data when present."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.errors import BinaryInput, ConfigError, EmptyInput
from storyline.ingest import FieldMap, discover, iter_documents, read_source
from storyline.ingest.files import decode, declared_charset, read_bytes
from storyline.ingest.tabular import looks_like_html, sniff_delimiter
from storyline.models import IngestFailure, RawDocument
from storyline.settings import Options

FIX = Path(__file__).parent / "fixtures" / "ingest"
OPTS = Options()


def read(*inputs: str | Path, options: Options = OPTS, mapping: FieldMap | None = None):
    items = list(iter_documents([str(i) for i in inputs], options, mapping))
    return ([i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, IngestFailure)])


# -- discover -----------------------------------------------------------------

def test_discover_walks_folders_sorted_skips_hidden_and_keeps_urls(tmp_path: Path) -> None:
    for rel in ("b.txt", "a/z.html", "a/c.jsonl", ".git/x.txt", "a/.DS_Store", "c.md~"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    sources = discover([str(tmp_path), "https://news.example/a", str(tmp_path / "b.txt")])
    names = [Path(s.origin).name if s.path else s.origin for s in sources]
    assert names == ["c.jsonl", "z.html", "b.txt", "https://news.example/a"]  # b.txt only once
    assert [s.kind for s in sources] == ["jsonl", "html", "text", "url"]
    assert sources[0].size == 1


def test_discover_expands_globs_and_reports_missing(tmp_path: Path) -> None:
    for name in ("one.csv", "two.csv", "three.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    sources = discover([str(tmp_path / "*.csv"), str(tmp_path / "gone.txt")])
    assert [Path(s.origin).name for s in sources] == ["one.csv", "two.csv", "gone.txt"]
    assert sources[2].kind == "error" and "no such file" in (sources[2].error or "")


def test_folder_walk_skips_folder_documentation_and_officeholder_tables(tmp_path: Path) -> None:
    files = {
        "README.md": "# About this corpus", "LICENSE": "CC BY 4.0", "sub/readme.txt": "notes",
        "Licence.TXT": "terms", "readme_first_story.txt": "An article whose name starts with readme.",
        "office.csv": "role,country_or_body,person,start,end\npresident,Varnia,Teodor Valesk,2021-05-02,\n",
        "office.tsv": "Role\tCountry_or_body\tPerson\nmayor\tSolvik\tOskar Teravel\n",
        "articles.csv": "title,text,role\nA headline,Body text of the article.,person\n",
        "story.txt": "Body.",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    said: list[tuple[str, str]] = []
    walked = sorted(Path(s.origin).name for s in discover([str(tmp_path)], said))
    assert walked == ["articles.csv", "readme_first_story.txt", "story.txt"]
    # every skipped file is told, with why (the CLI prints them)
    assert sorted((Path(f).name, why) for f, why in said) == [
        ("LICENSE", "folder documentation"), ("Licence.TXT", "folder documentation"),
        ("README.md", "folder documentation"), ("office.csv", "office-holder table"),
        ("office.tsv", "office-holder table"), ("readme.txt", "folder documentation")]
    globbed = sorted(Path(s.origin).name for s in discover([str(tmp_path / "*")]))
    assert globbed == walked  # a glob's matches too; the folder "sub" is walked (its readme skipped)
    # a file named as such is always read
    named = discover([str(tmp_path / "README.md"), str(tmp_path / "office.csv")])
    assert [s.kind for s in named] == ["text", "csv"]


def test_sample_folder_ingests_the_demo_articles() -> None:
    """`storyline ingest <sample folder>` reads what `storyline demo` reads: its README and
    office-holder table are not articles (no bogus README article, no "no text column" failure)."""
    from storyline.cli import sample_inputs, sample_path

    whole = [s for s in discover([str(sample_path())])]
    assert sorted(s.origin for s in whole) == sorted(s.origin for s in discover([str(p) for p in sample_inputs()]))
    docs, failures = read(sample_path())
    assert failures == []
    assert len(docs) == 35
    assert not any(Path(d.origin).name.lower().startswith(("readme", "officeholders")) for d in docs)


@pytest.mark.parametrize("name,kind", [
    ("a.TXT", "text"), ("a.text", "text"), ("a.md", "text"), ("a.htm", "html"), ("a.html", "html"),
    ("a.ndjson", "jsonl"), ("a.json", "json"), ("a.tsv", "csv"), ("a.rss", "feed"), ("a.atom", "feed"),
    ("a.xml", "feed"), ("a.warc", "warc"), ("a.warc.gz", "warc"), ("a.arc.gz", "warc"), ("a.pdf", "error"),
    ("a.gz", "error"), ("noext", "error"),
])
def test_kind_by_extension(tmp_path: Path, name: str, kind: str) -> None:
    (tmp_path / name).write_text("x", encoding="utf-8")
    assert discover([str(tmp_path / name)])[0].kind == kind


def test_read_source_per_source_gives_the_same_items_as_iter_documents() -> None:
    per_source = [item for source in discover([str(FIX)]) for item in read_source(source, OPTS)]
    assert per_source == list(iter_documents([str(FIX)], OPTS))
    assert len(per_source) > 15


# -- decode -------------------------------------------------------------------

DECODE_CASES = [
    ("utf-8", "Zelenskyy – “Kyiv” €".encode("utf-8"), None, "Zelenskyy – “Kyiv” €"),
    ("utf-8-bom", b"\xef\xbb\xbf" + "Mosk\u00e9e".encode("utf-8"), None, "Mosk\u00e9e"),
    ("utf-16-le-bom", "\ufeffНовини дня".encode("utf-16-le"), None, "Новини дня"),
    ("utf-16-be-bom", "\ufeffNews “quoted”".encode("utf-16-be"), None, "News “quoted”"),
    ("utf-16-le-no-bom", "Plain English text here".encode("utf-16-le"), None, "Plain English text here"),
    ("cp1252-curly", b"He said \x93we will\x94 and left \x96 caf\xe9.", None, "He said “we will” and left – café."),
    ("cp1252-short", b"\x93Hello\x94", None, "“Hello”"),
    ("latin-1", "Gr\u00fc\u00dfe aus K\u00f6ln, sagte Jos\u00e9.".encode("latin-1"), None, "Grüße aus Köln, sagte José."),
    ("cp1251-declared", "Президент заявив".encode("cp1251"), "windows-1251", "Президент заявив"),
    ("cp1251-detected", "Президент заявил, что переговоры продолжатся в понедельник.".encode("cp1251"), None,
     "Президент заявил, что переговоры продолжатся в понедельник."),
    ("iso-8859-1-label-means-cp1252", b"\x93Yes\x94", "iso-8859-1", "“Yes”"),
    ("lying-declaration-ignored", "caf\u00e9".encode("utf-8"), "windows-1251", "café"),
    ("stray-nul-after-sample", b"a" * 70000 + b"\x00b", None, "a" * 70000 + "b"),
]


@pytest.mark.parametrize("data,declared,expected", [c[1:] for c in DECODE_CASES], ids=[c[0] for c in DECODE_CASES])
def test_decode(data: bytes, declared: str | None, expected: str) -> None:
    assert decode(data, "x.txt", declared) == expected


@pytest.mark.parametrize("data,error,words", [
    (b"%PDF-1.5\n", BinaryInput, "PDF"),
    (b"PK\x03\x04....", BinaryInput, "ZIP"),
    (b"\xff\xd8\xff\xe0JFIF", BinaryInput, "JPEG"),
    (b"ab\x00cd", BinaryInput, "NUL"),
    (b"", EmptyInput, "empty"),
    (b"\n\n   \t", EmptyInput, "whitespace"),
    (b"\xef\xbb\xbf  \n", EmptyInput, "whitespace"),
])
def test_decode_refuses(data: bytes, error: type, words: str) -> None:
    with pytest.raises(error) as info:
        decode(data, "in.txt")
    assert words in info.value.reason and info.value.origin == "in.txt"


def test_read_bytes_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 100)
    assert read_bytes(path, 100) == b"x" * 100
    with pytest.raises(Exception, match="over the"):
        read_bytes(path, 99)


@pytest.mark.parametrize("head,charset", [
    (b'<html><head><meta charset="windows-1251">', "windows-1251"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "ISO-8859-1"),
    (b'<?xml version="1.0" encoding="koi8-r"?><html>', "koi8-r"),
    (b"<html><head><title>none</title>", None),
])
def test_declared_charset(head: bytes, charset: str | None) -> None:
    assert declared_charset(head) == charset


# -- text and html ------------------------------------------------------------

def test_text_and_markdown_files() -> None:
    docs, failures = read(FIX / "article.txt", FIX / "notes.md")
    assert not failures
    assert [d.format for d in docs] == ["text", "text"]
    assert docs[0].content.startswith("Harbour talks resume in Veltavia")
    assert docs[0].origin.endswith("article.txt")


def test_html_is_passed_on_raw() -> None:
    (doc,), _ = read(FIX / "page.html")
    assert doc.format == "html"
    assert doc.content.startswith("<!DOCTYPE html>") and "“It took 14 months,”" in doc.content


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Новини з Києва</p></body></html>'
    (tmp_path / "ua.html").write_bytes(page.encode("cp1251"))
    (doc,), _ = read(tmp_path / "ua.html")
    assert "Новини з Києва" in doc.content


# -- field map, JSONL, JSON, CSV ----------------------------------------------

def test_fieldmap_parse_overrides_only_what_it_names() -> None:
    fm = FieldMap.parse("text=story|copy, title=Heading")
    assert fm.text == ("story", "copy") and fm.title == ("Heading",)
    assert fm.url == ("url", "link")
    assert FieldMap.parse("source=").source == ()
    assert FieldMap(text="body").text == ("body",)


@pytest.mark.parametrize("spec", ["txt=body", "text", "colour=red"])
def test_fieldmap_parse_errors(spec: str) -> None:
    with pytest.raises(ConfigError):
        FieldMap.parse(spec)


def test_fieldmap_resolve_is_case_insensitive_and_ordered() -> None:
    got = FieldMap().resolve(["Headline", "BODY", "Summary", "Link", "content"])
    assert got["title"] == "Headline" and got["text"] == "BODY" and got["url"] == "Link"
    assert got["date"] is None


def test_jsonl_records() -> None:
    docs, failures = read(FIX / "articles.jsonl")
    assert not failures
    assert [d.origin.rsplit(":", 1)[1] for d in docs] == ["1", "2", "4"]  # line numbers, blank line 3 skipped
    first, second, third = docs
    assert (first.title, first.published, first.url, first.source, first.author) == (
        "Ceasefire holds in Korvath", "2025-02-01T08:00:00Z", "https://news.example/korvath", "Example Wire",
        "Ana Pell, Rui Dore")
    assert first.extra == {"section": "World"} and first.format == "text"
    assert second.format == "html" and second.source == "Example Daily"
    assert third.title == "Upper-case keys work" and third.published == "Feb 3, 2025"


def test_jsonl_with_custom_mapping(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text('{"story": "Invented copy.", "meta": {"outlet": "Gull Gazette"}}\n',
                                      encoding="utf-8")
    (doc,), _ = read(tmp_path / "c.jsonl", mapping=FieldMap.parse("text=story,source=meta.outlet"))
    assert doc.content == "Invented copy." and doc.source == "Gull Gazette"


def test_json_list_object_and_wrapped_list() -> None:
    docs, failures = read(FIX / "list.json", FIX / "one.json", FIX / "newsapi.json")
    assert not failures
    assert [Path(d.origin).name for d in docs] == [
        "list.json#item-1", "list.json#item-2", "one.json", "newsapi.json#item-1", "newsapi.json#item-2"]
    assert docs[2].extra == {"tags": ["islands", "ferries"]} and docs[2].published == "2025-05-05"
    assert (docs[3].source, docs[3].author, docs[3].published) == ("Example Times", "Mara Velt", "2025-06-01T07:00:00Z")


def test_json_file_holding_jsonl(tmp_path: Path) -> None:
    (tmp_path / "lines.json").write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")
    docs, failures = read(tmp_path / "lines.json")
    assert [d.content for d in docs] == ["One.", "Two."] and not failures


def test_csv_multiline_body_and_extra_columns() -> None:
    docs, failures = read(FIX / "articles.csv")
    assert not failures
    assert [d.origin.rsplit(":", 1)[1] for d in docs] == ["2", "3"]  # spreadsheet rows: header is row 1
    first = docs[0]
    assert first.title == "Minister visits Lornholm" and first.url == "https://press.example/1"
    assert first.published == "2025-01-10T09:00:00Z"
    assert first.content.endswith('"We will rebuild the school, and the clinic, by summer."')
    assert "\n" in first.content
    assert first.extra == {"location": "Lornholm", "summary": "A short visit."}


def test_tsv_and_sniffed_semicolons(tmp_path: Path) -> None:
    docs, _ = read(FIX / "articles.tsv")
    assert docs[0].title == "River levels fall" and docs[0].author == "J. Doe" and docs[0].published == "2025-03-01"
    (tmp_path / "semi.csv").write_text("title;body\nA;Text, with a comma, and more.\n", encoding="utf-8")
    (doc,), _ = read(tmp_path / "semi.csv")
    assert doc.title == "A" and doc.content == "Text, with a comma, and more."


@pytest.mark.parametrize("header,default,expected", [
    ("a,b,c", ",", ","), ("a\tb\tc", ",", "\t"), ("a;b;c", ",", ";"), ("single", "\t", "\t"),
    ('"x;y",b', ",", ","),
])
def test_sniff_delimiter(header: str, default: str, expected: str) -> None:
    assert sniff_delimiter(header + "\n1,2,3\n", default) == expected


def test_csv_with_huge_field(tmp_path: Path) -> None:
    body = "word " * 60000  # 300 KB, over csv's default field limit
    (tmp_path / "huge.csv").write_text(f'title,body\nBig,"{body}"\n', encoding="utf-8")
    (doc,), failures = read(tmp_path / "huge.csv")
    assert not failures and len(doc.content) == len(body.strip())


@pytest.mark.parametrize("text,html", [
    ("<p>Para one.</p><p>Two.</p>", True),
    ("  <div class='a'>x</div>", True),
    ("Plain text with < and > signs, 3 < 4.", False),
    ("<Not a tag> but prose", False),
    ("Lead line\n<p>a</p><p>b</p><p>c</p>", True),
])
def test_looks_like_html(text: str, html: bool) -> None:
    assert looks_like_html(text) is html


# -- feeds --------------------------------------------------------------------

def test_rss_prefers_content_encoded_and_names_items() -> None:
    docs, failures = read(FIX / "rss.xml")
    vorn, halport = docs
    assert Path(vorn.origin).name == "rss.xml#item-1"
    assert vorn.content.startswith("<p>Shelling was reported") and vorn.format == "html"
    assert (vorn.title, vorn.url, vorn.source, vorn.author) == (
        "Shelling reported near Vorn", "https://frontier.example/vorn", "Example Frontier News", "Petra Lind")
    assert vorn.published == "Tue, 04 Mar 2025 06:30:00 GMT" and vorn.extra["tags"] == ["conflict"]
    assert halport.content.startswith("A grain ship left") and halport.format == "text"
    assert [Path(f.origin).name for f in failures] == ["rss.xml#item-3"]
    assert "no content or summary" in failures[0].reason


def test_atom_feed() -> None:
    (doc,), failures = read(FIX / "feed.atom")
    assert not failures
    assert doc.content == "<p>The council of the invented city of Brask voted 31 to 9 for the budget.</p>"
    assert (doc.format, doc.title, doc.url, doc.published, doc.source, doc.author) == (
        "html", "Council votes on budget", "https://atom.example/budget", "2025-03-06T10:00:00Z",
        "Example Atom Desk", "Ivo Starn")


def test_broken_feed_still_yields_its_entries() -> None:
    docs, failures = read(FIX / "broken_feed.xml")
    assert [d.title for d in docs] == ["Still readable"]
    assert docs[0].source == "Broken & Co Feed"
    assert len(failures) <= 1  # the cut-off last entry, if feedparser recovered it at all


def test_non_feed_xml_is_one_failure() -> None:
    docs, failures = read(FIX / "sitemap.xml")
    assert not docs and len(failures) == 1 and "not an RSS or Atom feed" in failures[0].reason


# -- WARC ---------------------------------------------------------------------

def _warc(gzip: bool = True) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "storyline tests"}))

    def response(url: str, status: str, ctype: str, body: bytes) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))

    page = "<html><body><p>Invented page {n}: the fictional port of Vessa reopened.</p>{pad}</body></html>"
    response("https://warc.example/1", "200 OK", "text/html; charset=utf-8",
             page.format(n=1, pad="<p>more</p>" * 200).encode())
    response("https://warc.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n....")
    response("https://warc.example/gone", "404 Not Found", "text/html", b"<html>missing</html>")
    response("https://warc.example/2", "200 OK", "text/html", page.format(n=2, pad="").encode("cp1252"))
    response("https://warc.example/notes.txt", "200 OK", "text/plain; charset=utf-8",
             b"Plain text record." + b" filler" * 300)
    return buf.getvalue()


@pytest.mark.parametrize("name,gzip", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_responses(tmp_path: Path, name: str, gzip: bool) -> None:
    (tmp_path / name).write_bytes(_warc(gzip))
    docs, failures = read(tmp_path / name)
    assert not failures
    assert [d.url for d in docs] == ["https://warc.example/1", "https://warc.example/2",
                                     "https://warc.example/notes.txt"]
    assert [Path(d.origin).name for d in docs] == [f"{name}#record-2", f"{name}#record-5", f"{name}#record-6"]
    assert [d.format for d in docs] == ["html", "html", "text"]
    assert all(d.published and d.published.endswith("Z") for d in docs)
    assert "Invented page 1" in docs[0].content


@pytest.mark.parametrize("name,gzip", [("cut.warc.gz", True), ("cut.warc", False)])
def test_truncated_warc_keeps_earlier_records(tmp_path: Path, name: str, gzip: bool) -> None:
    data = _warc(gzip)
    (tmp_path / name).write_bytes(data[: len(data) - 40])  # cuts into the last record
    docs, failures = read(tmp_path / name)
    assert [d.url for d in docs] == ["https://warc.example/1", "https://warc.example/2"]
    assert len(failures) == 1 and Path(failures[0].origin).name == f"{name}#record-6"
    assert "truncated" in failures[0].reason


def test_warc_record_over_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(_warc())
    docs, failures = read(tmp_path / "a.warc.gz", options=Options(max_file_mb=1500 / 2**20))
    assert [d.url for d in docs] == ["https://warc.example/2"]
    assert {Path(f.origin).name for f in failures} == {"a.warc.gz#record-2", "a.warc.gz#record-6"}
    assert all("MiB limit" in f.reason for f in failures)


# -- real data ------------------------------------------------------------------

@pytest.mark.shared_data
@pytest.mark.parametrize("name,count,titled", [("kremlin_en.csv", 816, 816), ("president_gov_ua_en.csv", 980, 979)])
def test_press_release_csvs_ingest_with_defaults(shared_data: Path, name: str, count: int, titled: int) -> None:
    docs, failures = read(shared_data / "press_releases_2021_2022" / name)
    assert not failures
    assert len(docs) == count
    assert sum(1 for d in docs if d.title) == titled  # one Ukrainian release has an empty headline
    assert all(d.content.strip() and d.url and d.url.startswith("http") for d in docs)
    assert all(d.published and d.published[:2] == "20" for d in docs)
    if name == "kremlin_en.csv":
        assert all(set(d.extra) <= {"location", "summary"} for d in docs)
        assert sum(1 for d in docs if "summary" in d.extra) > 700


def test_xhtml_page_saved_as_xml_is_read_as_html(tmp_path: Path) -> None:
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Invented XHTML page.</p></body></html>')
    (tmp_path / "page.xml").write_text(page, encoding="utf-8")
    (doc,), failures = read(tmp_path / "page.xml")
    assert doc.format == "html" and "Invented XHTML page." in doc.content and not failures


def test_json_feed_items(tmp_path: Path) -> None:
    (tmp_path / "feed.json").write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "title": "Invented JSON Feed", "items": ['
        '{"id": "1", "url": "https://jf.example/1", "title": "A", "content_html": "<p>Invented body.</p>",'
        ' "date_published": "2025-07-01T10:00:00Z"}]}', encoding="utf-8")
    (doc,), _ = read(tmp_path / "feed.json")
    assert (doc.format, doc.url, doc.published, doc.title) == (
        "html", "https://jf.example/1", "2025-07-01T10:00:00Z", "A")
