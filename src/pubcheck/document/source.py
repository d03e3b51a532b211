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


def decode(data: bytes, fmt: str, notices: list[str] | None = None) -> tuple[str, str]:
    """Decode an article's bytes: BOM first, then an HTML file's declared charset, then UTF-8.

    Returns the text (without any BOM) and the codec, so a fix can write the file back as it was.
    Given a ``notices`` list, an HTML page is read as a browser reads it instead of being refused:
    a declaration that cannot be right is set aside and bytes that decode in no way become U+FFFD
    (a notice says so); without one, such a page is an error, so that a fix never writes it back.
    """
    for bom, codec, body_codec, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, len(bom), body_codec, f"its {name} byte-order mark", notices, fmt), codec
    sample = data[:8192]
    if sample.translate(None, _TEXT_BYTES):  # control bytes are left (10x faster than a regex scan)
        kind = next((name for magic, name in _MAGIC if sample.startswith(magic)), None)
        if kind:  # before the UTF-16 guess, which an executable's runs of NUL bytes can pass
            raise InputError(f"binary file ({kind}), not an article; skipped")
        order = _utf16_order(sample)
        if order:
            try:
                text = data.decode(order)
            except UnicodeDecodeError:
                raise InputError("looks like UTF-16 without a byte-order mark but does not decode as it; save the file as UTF-8") from None
            _notice(notices, f"read as {order.upper()}: the file has no byte-order mark, but every other byte is NUL")
            return text, order
        raise InputError("binary file, not an article (it contains control bytes); skipped")
    lenient = notices is not None and fmt == "html"
    if fmt == "html":
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                encoding = _html_encoding(name)
            except InputError as exc:
                if not lenient:
                    raise
                _notice(notices, f"{exc} (ignored, as browsers ignore it)")
                return _undeclared_html(data, notices)
            because = f"its <meta charset={name}>"
            if encoding in _SINGLE_BYTE and _utf8_beyond_ascii(data):
                # Valid UTF-8 with non-ASCII characters is never what a single-byte page means to say:
                # the page was saved as UTF-8 and kept its old declaration.
                _notice(notices, f"read as UTF-8: the bytes are UTF-8, not the {name} that <meta charset> declares")
                return data.decode("utf-8"), "utf-8"
            if encoding in _WINDOWS_1252_LABELS:
                # WHATWG: these labels mean windows-1252, whose curly quotes such pages routinely use.
                # Five bytes are undefined there but not in ISO-8859-1: then read the bytes as declared.
                try:
                    return data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    pass
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                if _is_utf8(data):
                    _notice(notices, f"read as UTF-8: the declared <meta charset={name}> cannot decode it")
                    return data.decode("utf-8"), "utf-8"
            return _decode(data, 0, encoding, because, notices, fmt), encoding
        if lenient:
            return _undeclared_html(data, notices)
    return _decode(data, 0, "utf-8", "UTF-8, the default", notices, fmt), "utf-8"


# Python's names for single-byte encodings a page may declare and no longer be in.
_SINGLE_BYTE = frozenset({"cp1252", "iso8859-1", "iso8859-15", "cp1250", "cp1251", "iso8859-2", "ascii", "latin-1"})


def _undeclared_html(data: bytes, notices: list[str]) -> tuple[str, str]:
    """A page without a usable declaration: UTF-8 when it is, else windows-1252, the WHATWG default."""
    if _is_utf8(data):
        return data.decode("utf-8"), "utf-8"
    _notice(notices, "read as windows-1252: not UTF-8 and no usable <meta charset>, so read as browsers do")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"  # the five bytes windows-1252 lacks, as browsers show them


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf8_beyond_ascii(data: bytes) -> bool:
    return not data.isascii() and _is_utf8(data)


def _notice(notices: list[str] | None, text: str) -> None:
    if notices is not None:
        notices.append(text)


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


def _utf16_order(sample: bytes) -> str | None:
    """Text in UTF-16 without a BOM, and its byte order: mostly ASCII, so every other byte is NUL
    (the high byte: first in big-endian, second in little-endian)."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return None
    if odd.count(0) > len(odd) * 0.8 and not even.count(0) > len(even) * 0.8:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.8 and not odd.count(0) > len(odd) * 0.8:
        return "utf-16-be"
    return None


def _decode(data: bytes, skip: int, encoding: str, because: str, notices: list[str] | None = None, fmt: str = "") -> str:
    """``data[skip:]`` decoded; an error names the offending byte and its line in the file. With
    ``notices``, an HTML page's undecodable bytes become U+FFFD as in a browser, with a notice."""
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        at = skip + exc.start
        line = data[skip:at].decode(encoding, "replace").count("\n") + 1
        problem = f"cannot decode as {encoding} ({because}): byte 0x{data[at]:02x} on line {line}"
        if notices is not None and fmt == "html":
            notices.append(f"{problem}; such bytes read as U+FFFD, as in a browser (--fix leaves this file alone)")
            return data[skip:].decode(encoding, "replace")
        raise InputError(f"{problem}; save the file as UTF-8 or declare its encoding") from None
