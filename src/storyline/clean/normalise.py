"""Unicode and whitespace normalisation of article text.

Quotation marks are kept exactly as found (straight, curly, single,
guillemets): the quote extractor needs to see which kind opened a quote.
"""

from __future__ import annotations

import re
import unicodedata

# Spaces that scrapers leave behind: NBSP, narrow NBSP, thin/hair/figure spaces,
# ideographic space, the en/em quads and the Ogham mark that renders as a space.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Hyphen look-alikes that break token matching ("pro\u2011Russian"): plain "-".
_HYPHENS = "\u2010\u2011\u2043"
# Invisible characters: zero-width space/joiners, word joiner, BOM, soft hyphen,
# LTR/RTL marks and embeddings that come with copied bylines.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_TRANSLATE = {ord(c): " " for c in _SPACES}
_TRANSLATE.update({ord(c): "-" for c in _HYPHENS})
_TRANSLATE.update({ord(c): None for c in _INVISIBLE})
# Unicode line/paragraph separators and form/vertical tabs end a line.
_TRANSLATE.update({ord(c): "\n" for c in "\u2028\u2029\x0b\x0c\x85"})

# C0/C1 controls other than tab and newline (carriage returns are handled first).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_H_SPACE = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with uniform spaces, hyphens and line endings.

    Runs of spaces/tabs become one space, lines are stripped, there is at most
    one blank line between paragraphs, and the whole is stripped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_TRANSLATE)
    text = _CONTROLS.sub("", text)
    lines = [_H_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
