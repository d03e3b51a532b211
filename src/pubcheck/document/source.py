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

# (byte-order mark, codec the caller writes the file back with, codec for the bytes after the mark, name)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le", "UTF-32"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be", "UTF-16"),
)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
# Control bytes that never appear in text files (NUL, and C0 controls other than tab/newlines/FF/ESC).
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_TEXT_BYTES = bytes(sorted(set(range(256)) - set(_BINARY_BYTES)))
# Leading bytes of the binary files most often misnamed as articles, to say what the file is.
_MAGIC = (
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive, or a .docx/.odt document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"SQLite format 3\x00", "SQLite database"),
)


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


# What an HTML page or fragment starts with, after blank space and comments: a doctype or a block-level
# tag. Markdown may hold inline HTML (<em>, <a>, <br>) anywhere, but does not start with one of these.
_HTML_START = re.compile(
    rb"(?:\s|<!--.*?-->)*<(?:!doctype\s+html|(?:html|head|body|article|main|section|header|div|p|h[1-6]|ul|ol"
    rb"|table|blockquote|figure)[\s/>])",
    re.I | re.S,
)


def sniff_format(data: bytes) -> str:
    """html when unnamed input (stdin) starts like an HTML page or fragment, else text."""
    for bom, _, body_codec, _ in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :].decode(body_codec, "replace")[:4096].encode()
            break
    return "html" if _HTML_START.match(data, 0, 4096) else "text"


def decode(data: bytes, fmt: str) -> tuple[str, str]:
    """Decode an article's bytes: BOM first, then an HTML file's declared charset, then UTF-8.

    Returns the text (without any BOM) and the codec, so a fix can write the file back as it was.
    """
    for bom, codec, body_codec, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, len(bom), body_codec, f"its {name} byte-order mark"), codec
    sample = data[:8192]
    if sample.translate(None, _TEXT_BYTES):  # control bytes are left (10x faster than a regex scan)
        kind = next((name for magic, name in _MAGIC if sample.startswith(magic)), None)
        if kind:  # before the UTF-16 guess, which an executable's runs of NUL bytes can pass
            raise InputError(f"binary file ({kind}), not an article; skipped")
        if _looks_like_utf16(sample):
            raise InputError("looks like UTF-16 without a byte-order mark; save the file as UTF-8")
        raise InputError("binary file, not an article (it contains control bytes); skipped")
    if fmt == "html":
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            encoding = _html_encoding(name)
            because = f"its <meta charset={name}>"
            if encoding in _WINDOWS_1252_LABELS:
                # WHATWG: these labels mean windows-1252, whose curly quotes such pages routinely use.
                # Five bytes are undefined there but not in ISO-8859-1: then read the bytes as declared.
                try:
                    return data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    pass
            return _decode(data, 0, encoding, because), encoding
    return _decode(data, 0, "utf-8", "UTF-8, the default"), "utf-8"


_WINDOWS_1252_LABELS = frozenset({"iso8859-1", "latin-1", "ascii"})  # Python's names for them


def _html_encoding(name: str) -> str:
    """The Python codec for an HTML ``<meta charset>`` label. A "utf-16" declaration found by
    reading the bytes as ASCII cannot be true, so it means UTF-8 (as the WHATWG Encoding standard says)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise InputError(f"unknown <meta charset> {name!r}; declare a standard encoding such as utf-8") from None
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":  # "base64", "rot13", …
        raise InputError(f"<meta charset> {name!r} is not a text encoding; declare a standard encoding such as utf-8")
    if info.name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return info.name


def _looks_like_utf16(sample: bytes) -> bool:
    """Text in UTF-16 without a BOM: mostly ASCII, so every other byte is NUL."""
    even, odd = sample[0::2], sample[1::2]
    return len(sample) >= 4 and (even.count(0) > len(even) * 0.8 or odd.count(0) > len(odd) * 0.8)


def _decode(data: bytes, skip: int, encoding: str, because: str) -> str:
    """``data[skip:]`` decoded; an error names the offending byte and its line in the file."""
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        at = skip + exc.start
        line = data[skip:at].decode(encoding, "replace").count("\n") + 1
        raise InputError(
            f"cannot decode as {encoding} ({because}): byte 0x{data[at]:02x} on line {line}; "
            "save the file as UTF-8 or declare its encoding"
        ) from None
