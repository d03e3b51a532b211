"""Bytes to text: format detection, encodings, and the input errors a user must see."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

FORMATS = ("html", "markdown", "text")
EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".txt": "text",
    ".text": "text",
}
FORMAT_ALIASES = {"html": "html", "htm": "html", "markdown": "markdown", "md": "markdown", "text": "text", "txt": "text"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
# Control bytes that never appear in text files (NUL, and C0 controls other than tab/newlines/FF/ESC).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def format_for(path: str, explicit: str | None = None) -> str:
    if explicit:
        try:
            return FORMAT_ALIASES[explicit.lower()]
        except KeyError:
            raise InputError(f"unknown format {explicit!r}; use html, markdown or text") from None
    lowered = path.lower()
    for suffix, fmt in EXTENSIONS.items():
        if lowered.endswith(suffix):
            return fmt
    return "text"


def decode(data: bytes, fmt: str) -> tuple[str, str]:
    """Decode an article's bytes: BOM first, then an HTML file's declared charset, then UTF-8.

    Returns the text (without any BOM) and the codec, so a fix can write the file back as it was.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, f"its {encoding.upper()} byte-order mark")
    sample = data[:8192]
    if _BINARY_BYTES.search(sample):
        raise InputError("binary file, not an article (it contains control bytes); skipped")
    if fmt == "html":
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                encoding = codecs.lookup(name).name
            except LookupError:
                raise InputError(f"unknown <meta charset> {name!r}; declare a standard encoding such as utf-8") from None
            return _decode(data, encoding, f"its <meta charset={name}>")
    return _decode(data, "utf-8", "UTF-8, the default")


def _decode(data: bytes, encoding: str, because: str) -> tuple[str, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"cannot decode as {encoding} ({because}): byte 0x{data[exc.start]:02x} on line {line}; "
            "save the file as UTF-8 or declare its encoding"
        ) from None
