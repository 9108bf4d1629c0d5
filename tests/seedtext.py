"""Reading the seed documents as a person reads them: sentence by sentence."""

import html
import os
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

# The checkout sits beside shared/ (CI clones it so); SEED_DIR overrides.
SEED_DIR = Path(
    os.environ.get("SEED_DIR", Path(__file__).resolve().parents[2] / "shared" / "seeds")
)

_QUOTES = str.maketrans({'"': "”", "“": "”"})


def normalize(text: str) -> str:
    """NFC, one space for any run of blanks, no space before punctuation, one kind of quote."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ([;:,.)])", r"\1", text).strip()


def join_page_breaks(raw: str, drop=lambda line: False) -> list[str]:
    """Paragraphs of a seed file, re-joining sentences that a page break cut in two."""
    paragraphs: list[str] = []
    for line in raw.splitlines():
        line = line.strip()
        if not line or drop(line):
            continue
        if paragraphs and line[0].islower() and not paragraphs[-1].endswith((".", ":", ";")):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def sentences(paragraphs: list[str]) -> list[str]:
    result = []
    for paragraph in paragraphs:
        for part in re.split(r"(?<=[.;:!?])\s+", normalize(paragraph)):
            if part:
                result.append(part)
    return result


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(markup)
    return normalize(html.unescape("".join(parser.parts)))
