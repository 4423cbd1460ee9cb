"""Main-text and metadata extraction from HTML (trafilatura, with an lxml fallback)."""

from __future__ import annotations

import copy
import json
import logging
import re
from dataclasses import dataclass
from datetime import date

import lxml.etree
import lxml.html

from ..errors import MalformedRecord

log = logging.getLogger(__name__)

# Elements whose text is never article text. Scripts of type ld+json are kept
# for trafilatura's metadata pass and dropped by it from the text.
_NEVER_TEXT = ("script", "style", "noscript", "template", "iframe", "svg", "math", "object", "embed",
               "canvas", "button", "select", "textarea", "input", "form", "head", "title", "meta", "link")
_BOILERPLATE = ("nav", "header", "footer", "aside", "menu", "dialog", "figure", "figcaption")
# class/id words of page furniture, for the fallback path only.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:cookie|consent|gdpr|banner|nav|navbar|menu|footer|header|sidebar|share|social|related|"
    r"newsletter|subscribe|promo|advert|ad-slot|ads|comments?|breadcrumbs?|tags|popup|modal|byline|meta)"
    r"(?:$|[\s_-])", re.I)
# The subset removed before trafilatura runs: never article text.
_ALWAYS_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|share|sharing|social|newsletter|subscribe|promo|advert|ad-slot|"
    r"related|popup|modal|paywall)(?:$|[\s_-])", re.I)
# trafilatura's XML body: these elements are paragraphs of their own.
_BLOCKS = {"p", "head", "list", "item", "quote", "table", "row", "div", "code", "section", "article",
           "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "body", "main"}
_FALLBACK_BLOCKS = _BLOCKS | {"dd", "dt", "dl", "figure", "address", "header", "footer", "nav", "aside",
                              "tbody", "thead", "center", "td", "th"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class ExtractedHtml:
    """What ``extract_html`` found: body text (paragraphs separated by blank lines) and metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    description: str | None = None
    published: str | None = None  # timestamp declared in the markup, as found (keeps the time of day)
    copyright: str | None = None  # the page's copyright notice, for outlet and date-window recovery
    method: str = "trafilatura"  # "trafilatura" | "paragraphs" | "visible-text"


def _render(element: lxml.etree._Element, blocks: set[str]) -> str:
    """Text of ``element`` with one paragraph per block element, joined by blank lines."""
    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = "".join(buffer).strip()
        if text:
            paragraphs.append(text)
        buffer.clear()

    def walk(el: lxml.etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag:  # comments, processing instructions: skip text, keep tail
            if el.tail:
                buffer.append(el.tail)
            return
        if tag in _NEVER_TEXT:
            if el.tail:
                buffer.append(el.tail)
            return
        is_block = tag in blocks
        if is_block:
            flush()
        if tag in ("lb", "br"):
            buffer.append("\n")
        elif tag in ("cell", "td", "th") and buffer and "".join(buffer).strip():
            buffer.append(" | ")
        if el.text:
            buffer.append(el.text)
        for child in el:
            walk(child)
        if is_block:
            flush()
        if el.tail:
            buffer.append(el.tail)

    walk(element)
    flush()
    # A <br><br> inside one paragraph is a paragraph break too.
    text = "\n\n".join(paragraphs)
    text = re.sub(r"[ \t]*\n[ \t]*\n\s*", "\n\n", text)
    return text.strip()


def _parse(html: str) -> lxml.html.HtmlElement | None:
    html = _XML_DECL.sub("", html)  # lxml refuses str input with an encoding declaration
    # lxml parses NUL and form feeds but then refuses them when the tree is edited.
    html = _CONTROL_CHARS.sub("", html)
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        try:
            return lxml.html.fromstring(html)
        except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
            return None


def _drop(tree: lxml.html.HtmlElement, tags: tuple[str, ...], keep_ld_json: bool = False) -> None:
    for el in list(tree.iter(*tags)):
        if keep_ld_json and el.tag == "script" and "ld+json" in (el.get("type") or "").lower():
            continue
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()


def _drop_hidden(tree: lxml.html.HtmlElement) -> None:
    """Remove elements a browser would not show (hidden, aria-hidden, display:none)."""
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        style = (el.get("style") or "").replace(" ", "").lower()
        if el.get("hidden") is not None or el.get("aria-hidden") == "true" or "display:none" in style:
            el.drop_tree()


_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
                   "publishdate", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date")


def _published_in_markup(tree: lxml.html.HtmlElement) -> str | None:
    """The publication timestamp the page declares (meta tags, JSON-LD, <time itemprop>), as found."""
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _PUBLISHED_META and meta.get("content"):
            return meta.get("content").strip()
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                return item["datePublished"].strip()
    for el in tree.iter("time"):
        if (el.get("itemprop") or "").lower() == "datepublished" and el.get("datetime"):
            return el.get("datetime").strip()
    return None


def _strip_site_suffix(title: str) -> str:
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and len(parts[-1].split()) <= 4:
        return " - ".join(parts[:-1])
    return title


def _sitename_from_title(title_tag: str, headline: str | None) -> str | None:
    """The site name a <title> carries: "Headline | Site", or a <title> that is only the site name."""
    parts = re.split(r"\s+[|–—-]\s+", title_tag)
    if len(parts) > 1 and len(parts[-1].split()) <= 4 and parts[-1] != headline:
        return parts[-1].strip() or None
    if headline and title_tag != headline and len(title_tag.split()) <= 4 and title_tag[:1].isupper():
        return title_tag
    return None


def _copyright_line(tree: lxml.html.HtmlElement) -> str | None:
    """The page's copyright notice ("© 2025 Solvik Courier. All rights reserved."), usually in the footer."""
    for el in tree.iter("p", "div", "span", "small", "footer", "li"):
        text = re.sub(r"\s+", " ", el.text_content()).strip()
        if 0 < len(text) <= 200 and re.search(r"©|\(c\)\s*\d{4}|\bcopyright\b", text, re.I):
            return text
    return None


def _page_title(tree: lxml.html.HtmlElement) -> str | None:
    """The <h1>, else the <title> without a trailing " | Site name"."""
    h1 = tree.find(".//h1")
    text = h1.text_content() if h1 is not None else (tree.findtext(".//title") or "")
    text = re.sub(r"\s+", " ", text).strip()
    if h1 is None:
        text = _strip_site_suffix(text)
    return text or None


def _drop_furniture(tree: lxml.html.HtmlElement, pattern: re.Pattern[str]) -> None:
    """Remove small elements whose class/id names page furniture (cookie banner, share bar, ...)."""
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("html", "body"):
            continue
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        # A large element is a container that happens to carry such a class
        # ("post social-enabled"), not furniture.
        if marks.strip() and pattern.search(marks) and len(el.text_content()) < 600:
            el.drop_tree()


def _fallback(tree: lxml.html.HtmlElement) -> tuple[str, str]:
    """Text of <p>s outside page furniture, else all visible text; and which was used."""
    _drop(tree, _NEVER_TEXT + _BOILERPLATE)
    _drop_furniture(tree, _FURNITURE)
    paragraphs = [_render(p, _FALLBACK_BLOCKS) for p in tree.iter("p")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs:
        return "\n\n".join(paragraphs), "paragraphs"
    return _render(tree, _FALLBACK_BLOCKS), "visible-text"


def _trafilatura(tree: lxml.html.HtmlElement, url: str | None, favor_precision: bool):
    import trafilatura

    return trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, favor_precision=favor_precision, deduplicate=False,
        # No "extensive search": it turns a "© 2025" footer into 2025-01-01.
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": date.today().isoformat()})


def extract_html(html: str, url: str | None = None, origin: str | None = None, *,
                 favor_precision: bool = False) -> ExtractedHtml:
    """Return the main text and metadata of an HTML page.

    ``favor_precision`` is trafilatura's option; off by default because it
    never kept more body sentences on our test pages (see
    tests/test_clean_html.py), and debris is removed later by clean.debris.

    Uses trafilatura; when it finds nothing (short or malformed pages), falls
    back to the text of the page's <p> elements, then to all visible text.
    Raises ``MalformedRecord`` only when no text at all can be recovered.
    """
    where = origin or url or "<html>"
    tree = _parse(html)
    if tree is None:
        raise MalformedRecord(where, "could not parse the HTML", hint="is this file really HTML?")
    try:
        return _extract(tree, url, where, favor_precision)
    except (ValueError, TypeError, AttributeError, lxml.etree.LxmlError) as exc:
        # lxml refuses some trees it parsed itself; say which page, never crash the batch.
        raise MalformedRecord(where, f"could not extract text from the HTML ({type(exc).__name__}: {exc})") from None


def _extract(tree: lxml.html.HtmlElement, url: str | None, where: str, favor_precision: bool) -> ExtractedHtml:
    # <template> content is inert in browsers; trafilatura would keep it.
    _drop(tree, ("template", "noscript", "iframe", "svg", "object", "embed", "style", "script"), keep_ld_json=True)
    _drop_hidden(tree)
    _drop_furniture(tree, _ALWAYS_FURNITURE)
    doc = None
    try:
        # trafilatura prunes the tree it is given; the fallback needs it whole.
        doc = _trafilatura(copy.deepcopy(tree), url, favor_precision)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on odd pages; we fall back
        log.debug("trafilatura failed on %s: %s", where, exc)
    result = ExtractedHtml(text="")
    if doc is not None:
        result = ExtractedHtml(
            text=_render(doc.body, _BLOCKS) if doc.body is not None else (doc.text or ""),
            title=doc.title or None,
            date=doc.date or None,
            author=doc.author or None,
            sitename=doc.sitename or None,
            description=doc.description or None,
        )
    title_tag = re.sub(r"\s+", " ", tree.findtext(".//title") or "").strip()
    if result.title is None:
        result.title = _page_title(tree)
    elif title_tag and result.title != title_tag:
        # An unclosed <h2> swallows the date after it ("... sites 28.06.2025 11:40");
        # the <title> says where the headline ends.
        headline = _strip_site_suffix(title_tag)
        if len(headline.split()) >= 3 and result.title.startswith(headline + " "):
            result.title = headline
    if result.sitename is None and title_tag:
        result.sitename = _sitename_from_title(title_tag, result.title)
    result.published = _published_in_markup(tree)
    result.copyright = _copyright_line(tree)
    if result.text.strip():
        result.text = _without_title(result.text, result.title)
    if not result.text.strip():
        text, method = _fallback(tree)
        result.text, result.method = _without_title(text, result.title), method
    if not result.text.strip():
        raise MalformedRecord(where, "no text found in the HTML", hint="the page may be empty or built by JavaScript")
    return result


def _without_title(text: str, title: str | None) -> str:
    """``text`` without the paragraph that repeats the title (trafilatura keeps the <h1>)."""
    if not title:
        return text
    paragraphs = text.split("\n\n")
    key = re.sub(r"\s+", " ", title).strip().casefold()
    for i, p in enumerate(paragraphs[:3]):
        if re.sub(r"\s+", " ", p).strip().casefold() == key and len(paragraphs) > 1:
            return "\n\n".join(paragraphs[:i] + paragraphs[i + 1:])
    return text
