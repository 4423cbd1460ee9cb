"""Reading bytes from disk and turning them into text, refusing what is not text.

``decode`` is shared by every reader (and by URL fetches): BOMs first, then a
refusal of binary data naming what it looks like, then UTF-8, then a declared
charset (HTML ``<meta>``, HTTP header), then detection.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import BinaryInput, EmptyInput, InputError, TooLarge

MIB = 1024 * 1024

# Leading bytes of formats people drop into article folders by mistake.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx/odt/epub)"),
    (b"PK\x05\x06", "ZIP archive (empty)"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE2) document (doc/xls/ppt)"),
    (b"{\\rtf", "RTF document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "ELF executable"),
    (b"ID3\x03", "MP3 audio"),
    (b"ID3\x04", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"\x00asm", "WebAssembly module"),
    (b"PAR1", "Parquet file"),
)

_SAMPLE = 64 * 1024
# Control bytes that never occur in text (tab, LF, VT, FF, CR and ESC excluded).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_CONTROL_RATIO = 0.05

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that browsers (WHATWG Encoding) decode as another codec: a page that
# says iso-8859-1 and contains 0x93 means a curly quote, not a C1 control.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
    "latin5": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874", "gb2312": "gb18030",
    "gbk": "gb18030", "x-gbk": "gb18030", "euc-kr": "cp949", "shift_jis": "cp932",
    "x-sjis": "cp932", "sjis": "cp932",
}

# Non-ASCII characters that real Western-European text decoded as cp1252 contains.
_CP1252_PLAUSIBLE = set(
    "\u00a0¡¢£¥§¨©ª«¬\u00ad®¯°±´µ¶·¸º»¼½¾¿×÷€‚„…†‡ˆ‰‹Œ‘’“”•–—˜™›œŸŠšŽž"
) | {chr(c) for c in range(0xC0, 0x100)}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)


def max_bytes_for(max_file_mb: float) -> int:
    """The byte limit for a ``max_file_mb`` setting."""
    return int(max_file_mb * MIB)


def read_bytes(path: str | Path, max_bytes: int, origin: str | None = None) -> bytes:
    """The file's bytes; raises ``TooLarge`` past ``max_bytes``, ``InputError`` when unreadable."""
    origin = origin or str(path)
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise _too_large(origin, size, max_bytes)
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(origin, "is a directory") from None
    except OSError as err:
        raise InputError(origin, f"cannot read file: {err.strerror or err}") from None
    if len(data) > max_bytes:
        raise _too_large(origin, len(data), max_bytes)
    return data


def _too_large(origin: str, size: int, max_bytes: int) -> TooLarge:
    return TooLarge(
        origin,
        f"file is {size / MIB:.1f} MiB, over the {max_bytes / MIB:g} MiB limit",
        hint="raise the max_file_mb setting (STORYLINE_MAX_FILE_MB) or split the file",
    )


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary data ``data`` looks like, or None when it may be text."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        return "WebP image"
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return "binary data (contains NUL bytes)"
    if sample:
        controls = sum(sample.count(c) for c in _CONTROL)
        if controls / len(sample) > _CONTROL_RATIO:
            return f"binary data ({100 * controls / len(sample):.0f}% control bytes)"
    return None


def check_text_bytes(data: bytes, origin: str) -> None:
    """Raise ``EmptyInput`` or ``BinaryInput`` when ``data`` cannot be a text document."""
    if not data.strip():
        raise EmptyInput(origin, "file is empty" if not data else "file holds only whitespace")
    if _bom_encoding(data) or _utf16_without_bom(data):
        return
    kind = sniff_binary(data)
    if kind:
        raise BinaryInput(origin, f"not text: looks like {kind}",
                          hint="convert it to text or HTML first")


def decode(data: bytes, origin: str, declared: str | None = None) -> str:
    """The text of ``data``; raises ``EmptyInput`` / ``BinaryInput`` when there is none.

    ``declared`` is a charset named by the document or its transport (HTML
    ``<meta charset>``, HTTP ``Content-Type``); it is used when the bytes are
    not valid UTF-8 and it decodes them cleanly.
    """
    check_text_bytes(data, origin)
    text = _decode(data, declared)
    # PostgreSQL text columns cannot hold NUL; a stray one carries no meaning.
    text = text.replace("\x00", "")
    if not text.strip():
        raise EmptyInput(origin, "file holds only whitespace")
    return text


def _decode(data: bytes, declared: str | None) -> str:
    bom = _bom_encoding(data)
    if bom:
        enc, skip = bom
        return data[skip:].decode(enc, errors="replace")
    if _utf16_without_bom(data):
        return data.decode("utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = normalise_charset(declared)
    if codec and codec not in ("utf-8", "utf_8"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass  # the declaration lies; fall back to detection
    western = _try_western(data)
    if western is not None:
        return western
    best = from_bytes(data[: 4 * _SAMPLE]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace")


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> bool:
    """True for UTF-16-LE English-like text: every odd byte NUL, even bytes printable."""
    sample = data[:_SAMPLE]
    if len(sample) < 8 or len(sample) % 2:
        return False
    odd, even = sample[1::2], sample[0::2]
    return odd.count(0) == len(odd) and even.count(0) == 0


def _try_western(data: bytes) -> str | None:
    """cp1252 text when the bytes read as plausible Western-European text, else None.

    Why: charset-normalizer guesses cp1250/cp037 for short cp1252 texts, which
    turns “ ” and accented letters into the wrong characters.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 127]
    if any(c not in _CP1252_PLAUSIBLE for c in high):
        return None
    letters = sum(1 for c in text if c.isalpha())
    high_letters = sum(1 for c in high if c.isalpha())
    # Cyrillic or Greek bytes read as cp1252 are mostly accented letters.
    if letters and high_letters / letters > 0.3:
        return None
    return text


def normalise_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def split_content_type(value: str) -> tuple[str, str | None]:
    """(media type in lower case, charset parameter or None) of a Content-Type value."""
    media, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return media.strip().lower(), charset
