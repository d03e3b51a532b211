"""Bytes to text: BOMs, an HTML file's declared charset, and the one-line errors a user sees."""

from __future__ import annotations

import codecs

import pytest

from pubcheck.document import decode, format_for, read
from pubcheck.errors import InputError

TEXT = "Beyoncé’s “Renaissance” 📖\nLine two\n"


def decode_error(data: bytes, fmt: str = "text") -> str:
    with pytest.raises(InputError) as caught:
        decode(data, fmt)
    message = str(caught.value)
    assert message and "\n" not in message, message
    return message


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_utf8_without_bom(fmt):
    assert decode(TEXT.encode("utf-8"), fmt) == (TEXT, "utf-8")


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_utf8_with_bom_drops_the_bom(fmt):
    text, codec = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"), fmt)
    assert text == TEXT
    assert not text.startswith("\ufeff")
    assert (codecs.BOM_UTF8 + TEXT.encode("utf-8")) == text.encode(codec)  # writes back byte for byte


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_bom(codec):
    data = TEXT.encode(codec)
    if not codec.endswith(("16", "32")):  # the endian-specific codecs write no BOM: add the one for that order
        bom = {
            "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE,
            "utf-32-be": codecs.BOM_UTF32_BE,
        }[codec]
        data = bom + data
    text, _ = decode(data, "markdown")
    assert text == TEXT


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("fmt", ["html", "text"])
def test_utf16_without_bom_is_read_in_its_byte_order_with_a_notice(codec, fmt):
    page = "<p>Plain article text, Beyoncé’s “hit”</p>\n"
    notices: list[str] = []
    assert decode(page.encode(codec), fmt, notices) == (page, codec)
    assert notices == [f"read as {codec.upper()}: the file has no byte-order mark, but every other byte is NUL"]


def test_utf16_without_bom_that_does_not_decode_is_named_not_called_binary():
    message = decode_error("Plain article text\n".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    assert "UTF-16" in message and "byte-order mark" in message


def test_page_saved_as_utf8_under_an_old_single_byte_declaration_reads_as_utf8():
    page = '<meta charset="windows-1252"><p>Beyoncé’s “hit”</p>'
    notices: list[str] = []
    assert decode(page.encode("utf-8"), "html", notices) == (page, "utf-8")
    assert notices == ["read as UTF-8: the bytes are UTF-8, not the windows-1252 that <meta charset> declares"]
    # A page that is windows-1252, as declared, is not: the same characters are not valid UTF-8 there.
    notices.clear()
    assert decode(page.encode("cp1252"), "html", notices) == (page, "cp1252")
    assert notices == []


def test_page_the_declared_charset_cannot_decode_reads_as_utf8_with_a_notice():
    page = '<meta charset="euc-kr"><p>Beyoncé ✨ €</p>'
    data = page.encode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        data.decode("euc-kr")
    notices: list[str] = []
    assert decode(data, "html", notices) == (page, "utf-8")
    assert notices == ["read as UTF-8: the declared <meta charset=euc-kr> cannot decode it"]


def test_undeclared_page_that_is_not_utf8_reads_as_windows_1252_as_browsers_do():
    data = "<p>It’s “here” — café</p>".encode("cp1252")
    notices: list[str] = []
    assert decode(data, "html", notices) == ("<p>It’s “here” — café</p>", "cp1252")
    assert "windows-1252" in notices[0]
    assert "cannot decode as utf-8" in decode_error(data, "html")  # without notices (a fix): refused, never written back


@pytest.mark.parametrize("label", ["bogus-encoding", "base64"])
def test_unusable_meta_charset_on_a_page_is_ignored_with_a_notice(label):
    page = f'<meta charset="{label}"><p>café</p>'
    notices: list[str] = []
    assert decode(page.encode("utf-8"), "html", notices)[0] == page
    assert label in notices[0] and "ignored" in notices[0]


def test_bytes_nothing_decodes_become_replacement_characters_on_a_page_only_with_a_notice():
    data = b'<meta charset="utf-8">\n<p>caf\xe9</p>'
    notices: list[str] = []
    text, _ = decode(data, "html", notices)
    assert text == '<meta charset="utf-8">\n<p>caf\ufffd</p>'
    assert "0xe9" in notices[0] and "line 2" in notices[0] and "U+FFFD" in notices[0]
    with pytest.raises(InputError):  # text and Markdown stay refused: no browser rules apply to them
        decode(b"caf\xe9", "text", [])


def test_html_meta_charset_is_honoured():
    page = '<html><head><meta charset="windows-1252"><title>Café</title></head><body><p>It’s “here”</p></body></html>'
    text, codec = decode(page.encode("cp1252"), "html")
    assert text == page
    assert codec == "cp1252"
    doc = read(text, "html")
    assert doc.body[0].text == "It’s “here”"


def test_html_http_equiv_content_type_charset():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>日本語の記事</p>'
    text, codec = decode(page.encode("shift_jis"), "html")
    assert text == page and codec == "shift_jis"


@pytest.mark.parametrize("label", ["iso-8859-1", "ISO-8859-1", "latin1", "us-ascii"])
def test_latin1_labels_mean_windows_1252_as_in_browsers(label):
    page = f"<meta charset={label}><p>Beyonc\xe9\x92s \x93hit\x94 \x80 5</p>".encode("latin-1")
    text, _ = decode(page, "html")
    assert "Beyoncé’s “hit” € 5" in text


def test_latin1_label_with_bytes_windows_1252_lacks_reads_as_declared():
    page = b"<meta charset=iso-8859-1><p>caf\xe9 \x81</p>"
    text, _ = decode(page, "html")
    assert "café \x81" in text


def test_bom_wins_over_meta_charset():
    page = '<meta charset="iso-8859-1"><p>Beyoncé ’</p>'
    text, _ = decode(codecs.BOM_UTF8 + page.encode("utf-8"), "html")
    assert text == page


def test_meta_charset_utf16_in_an_ascii_compatible_file_means_utf8():
    page = '<meta charset="utf-16"><p>Beyoncé</p>'
    text, _ = decode(page.encode("utf-8"), "html")
    assert text == page


def test_meta_charset_is_only_read_for_html():
    data = '<meta charset="windows-1252"> caf\xe9'.encode("cp1252")
    message = decode_error(data, "markdown")
    assert "utf-8" in message.lower()


@pytest.mark.parametrize("label", ["bogus-encoding", "base64", "rot13", "zlib", "hex", "undefined"])
def test_unknown_or_non_text_meta_charset_is_an_input_error(label):
    message = decode_error(f'<meta charset="{label}"><p>x</p>'.encode(), "html")
    assert label in message


def test_undecodable_utf8_names_the_byte_and_line():
    data = "line one\nline two\nBeyonc".encode("utf-8") + b"\xe9 here\n"
    message = decode_error(data)
    assert "0xe9" in message and "line 3" in message and "utf-8" in message.lower()


def test_undecodable_after_a_bom_names_the_right_byte_and_line():
    data = codecs.BOM_UTF8 + b"one\ntwo\nbad \xff byte\n"
    message = decode_error(data)
    assert "0xff" in message and "line 3" in message


def test_undecodable_against_the_declared_charset():
    message = decode_error(b'<meta charset="utf-8">\n<p>caf\xe9</p>', "html")
    assert "0xe9" in message and "line 2" in message and "charset" in message


def test_truncated_utf16_is_an_input_error():
    message = decode_error(codecs.BOM_UTF16_LE + "ab\ncd".encode("utf-16-le") + b"\x00")
    assert "line 2" in message


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
        b"<p>text</p>\x00\x00\x00",
    ],
)
def test_binary_files_are_input_errors(data):
    message = decode_error(data, "html")
    assert "binary" in message


def test_control_characters_that_text_files_do_hold_are_fine():
    data = b"Tab\there\r\nform feed\x0c and escape \x1b[0m\n"
    assert decode(data, "text")[0] == data.decode()


def test_empty_file():
    assert decode(b"", "html") == ("", "utf-8")


@pytest.mark.parametrize(
    "path, explicit, fmt",
    [
        ("a.html", None, "html"),
        ("A.HTM", None, "html"),
        ("a.xhtml", None, "html"),
        ("post.md", None, "markdown"),
        ("post.markdown", None, "markdown"),
        ("post.mdx", None, "markdown"),
        ("notes.txt", None, "text"),
        ("README", None, "text"),
        ("a.html", "md", "markdown"),
        ("a.txt", "HTML", "html"),
    ],
)
def test_format_for(path, explicit, fmt):
    assert format_for(path, explicit) == fmt


def test_unknown_explicit_format():
    with pytest.raises(InputError) as caught:
        format_for("a.html", "pdf")
    assert "pdf" in str(caught.value)


def test_decoded_crlf_file_maps_positions():
    data = codecs.BOM_UTF8 + "<p>One</p>\r\n<p>Natalie &amp; Portman</p>\r\n".encode("utf-8")
    text, _ = decode(data, "html")
    doc = read(text, "html")
    block = doc.body[1]
    at = block.text.index("Portman")
    start, end = block.source_span(at, at + 7)
    assert text[start:end] == "Portman"
    assert doc.lines.position(start) == (2, 18)  # the BOM is not a column


def test_a_lone_surrogate_in_text_handed_to_the_library_is_linted_not_a_crash():
    # A file's decoding refuses one (above); text handed to the library as a str may hold one.
    import pubcheck

    report = pubcheck.lint("The letter \ud800 was written by teh studio, sources say.", format="text")
    assert {f.rule for f in report.findings} >= {"spelling", "unsourced-claim", "passive-voice"}
    assert any("\ud800" in f.text for f in report.findings)  # the passive sentence holds it
