"""Reading CMS payloads: rich text to HTML with node paths, field maps, and where findings land.

In-process: these are the pure functions under the webhook endpoints (which test_server.py
exercises over HTTP with the full samples).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pubcheck.config import Config
from pubcheck.server.adapters import ADAPTERS, Article, FieldMap, Skipped
from pubcheck.server.errors import ApiError
from pubcheck.server.linting import LintService, compose
from pubcheck.server.richtext import RichTextError, contentful_html, portable_text_html, strapi_blocks_html
from pubcheck.server.settings import Endpoint

SAMPLES = Path(__file__).parent / "server_samples"


def span(text: str, key: str, marks: tuple[str, ...] = ()) -> dict:
    return {"_type": "span", "_key": key, "text": text, "marks": list(marks)}


def test_contentful_rich_text_becomes_html_with_node_paths():
    document = {"nodeType": "document", "content": [
        {"nodeType": "heading-2", "content": [{"nodeType": "text", "value": "Tom & Jerry", "marks": []}]},
        {"nodeType": "paragraph", "content": [
            {"nodeType": "text", "value": "Read ", "marks": [{"type": "bold"}, {"type": "italic"}]},
            {"nodeType": "hyperlink", "data": {"uri": "https://x.example/?a=1&b=2"}, "content": [{"nodeType": "text", "value": "this", "marks": []}]},
            {"nodeType": "embedded-entry-inline", "data": {}, "content": []},
        ]},
        {"nodeType": "embedded-asset-block", "data": {}, "content": []},
        {"nodeType": "unordered-list", "content": [{"nodeType": "list-item", "content": [
            {"nodeType": "paragraph", "content": [{"nodeType": "text", "value": "one\ntwo", "marks": []}]}]}]},
        {"nodeType": "hr", "content": []},
    ]}
    converted = contentful_html(document, "fields.body.en-US")
    assert converted.html == (
        "<h2>Tom &amp; Jerry</h2>\n"
        '<p><strong><em>Read </em></strong><a href="https://x.example/?a=1&amp;b=2">this</a></p>\n'
        "<ul>\n<li><p>one<br>two</p>\n</li>\n</ul>\n"
        "<hr>\n"
    )
    assert converted.kind == "contentful-rich-text"
    assert converted.node_at(converted.html.index("two")) == "fields.body.en-US.content[3].content[0].content[0]"
    assert converted.node_at(converted.html.index("this")) == "fields.body.en-US.content[1]"


def test_portable_text_becomes_html_addressed_by_key():
    blocks = [
        {"_type": "block", "_key": "a1", "style": "h2", "markDefs": [], "children": [span("Guest list", "a1s")]},
        {"_type": "block", "_key": "b2", "style": "normal", "markDefs": [{"_key": "l1", "_type": "link", "href": "https://x.example"}],
         "children": [span("Bold", "b2a", ("strong",)), span(" and ", "b2b"), span("linked", "b2c", ("l1", "em"))]},
        {"_type": "image", "_key": "img", "asset": {"_ref": "image-1"}},
        {"_type": "block", "_key": "c3", "style": "normal", "listItem": "bullet", "level": 1, "markDefs": [], "children": [span("first", "c3a")]},
        {"_type": "block", "_key": "d4", "style": "normal", "listItem": "number", "level": 2, "markDefs": [], "children": [span("nested", "d4a")]},
        {"_type": "block", "_key": "e5", "style": "blockquote", "markDefs": [], "children": [span('"Quoted."', "e5a")]},
    ]
    converted = portable_text_html(blocks, "body")
    assert converted.html == (
        "<h2>Guest list</h2>\n"
        '<p><strong>Bold</strong> and <a href="https://x.example"><em>linked</em></a></p>\n'
        "<ul>\n<li>first</li>\n<ol>\n<li>nested</li>\n</ol>\n</ul>\n"
        '<blockquote>"Quoted."</blockquote>\n'
    )
    assert converted.node_at(converted.html.index("nested")) == 'body[_key=="d4"]'
    assert converted.node_at(converted.html.index("Quoted")) == 'body[_key=="e5"]'


def test_strapi_blocks_become_html():
    blocks = [
        {"type": "heading", "level": 3, "children": [{"type": "text", "text": "Exit rumors"}]},
        {"type": "paragraph", "children": [{"type": "text", "text": "See "},
                                           {"type": "link", "url": "https://x.example", "children": [{"type": "text", "text": "this", "bold": True}]}]},
        {"type": "list", "format": "ordered", "children": [{"type": "list-item", "children": [{"type": "text", "text": "one"}]}]},
        {"type": "quote", "children": [{"type": "text", "text": "Hi."}]},
        {"type": "image", "image": {"url": "/x.jpg"}},
    ]
    converted = strapi_blocks_html(blocks, "entry.content")
    assert converted.html == ('<h3>Exit rumors</h3>\n<p>See <a href="https://x.example"><strong>this</strong></a></p>\n'
                              "<ol>\n<li>one</li>\n</ol>\n<blockquote>Hi.</blockquote>\n")
    assert converted.node_at(converted.html.index("one")) == "entry.content[2].children[0]"


def test_rich_text_nested_too_deep_is_refused():
    node = {"nodeType": "text", "value": "x", "marks": []}
    for _ in range(80):
        node = {"nodeType": "blockquote", "content": [node]}
    with pytest.raises(RichTextError, match="nested more than 64 levels"):
        contentful_html({"nodeType": "document", "content": [node]}, "fields.body.en-US")


def endpoint(name: str, **content_types: FieldMap) -> Endpoint:
    adapter = ADAPTERS[name]
    return Endpoint(name, ("s",), 5.0, adapter.scheme, content_types, adapter.fields)


def test_a_field_map_reads_a_newsroom_s_own_content_type():
    payload = {"sys": {"id": "e1", "contentType": {"sys": {"id": "story"}}, "revision": 7},
               "fields": {"headline": {"de-DE": "Schlagzeile"}, "copy": {"de-DE": "Sources say **so**."},
                          "seo": {"de-DE": {"description": "Kurz."}}}}
    mapped = endpoint("contentful", story=FieldMap(title=("headline",), body=("copy",), description=("seo.description",), format="markdown"))
    article = ADAPTERS["contentful"].extract(payload, {"x-contentful-topic": "ContentManagement.Entry.publish"}, mapped)
    assert (article.title, article.content, article.format, article.description) == ("Schlagzeile", "Sources say **so**.", "markdown", "Kurz.")
    assert (article.id, article.revision, article.content_type) == ("e1", "7", "story")
    with pytest.raises(ApiError) as missing:
        ADAPTERS["contentful"].extract(payload, {}, endpoint("contentful"))
    assert missing.value.status == 422 and "fields.body.de-DE or fields.content.de-DE" in missing.value.message


def test_adapters_skip_events_without_copy_and_read_wordpress_titles_as_text():
    assert isinstance(ADAPTERS["strapi"].extract({"event": "media.create", "media": {}}, {}, endpoint("strapi")), Skipped)
    assert isinstance(ADAPTERS["contentful"].extract({}, {"x-contentful-topic": "ContentManagement.Entry.unpublish"}, endpoint("contentful")), Skipped)
    assert isinstance(ADAPTERS["sanity"].extract({"_id": "x", "operation": "delete"}, {}, endpoint("sanity")), Skipped)
    assert isinstance(ADAPTERS["ghost"].extract({"event": "post.unpublished", "post": {"current": {"html": "<p>x</p>"}}}, {}, endpoint("ghost")), Skipped)
    legacy = ADAPTERS["ghost"].extract({"post": {"current": {"id": "p", "html": None, "title": "T"}}}, {}, endpoint("ghost"))
    assert isinstance(legacy, Article) and legacy.content == ""  # Ghost sends html: null for an empty post
    wordpress = json.loads((SAMPLES / "wordpress-wp-webhooks-post-create.json").read_text(encoding="utf-8"))
    article = ADAPTERS["wordpress"].extract(wordpress, {}, endpoint("wordpress"))
    assert article.keyphrase == "Rhett Calloway net worth" and article.content.startswith("<!-- wp:paragraph -->")
    rest = {"id": 5, "title": {"rendered": "Who Is Rhett Calloway&#8217;s Wife?"}, "content": {"rendered": "<p>x</p>"},
            "excerpt": {"rendered": "<p>Short &amp; sweet.</p>\n"}}
    article = ADAPTERS["wordpress"].extract(rest, {}, endpoint("wordpress"))
    assert (article.title, article.description, article.id) == ("Who Is Rhett Calloway’s Wife?", "Short & sweet.", "5")


def test_compose_puts_headline_and_description_where_each_reader_finds_them():
    content = "<p>Body</p>"
    composed = compose(Article("lint", content, "html", title="Tom & Jerry", description="Cat & mouse"))
    assert composed.source == '<meta name="description" content="Cat &amp; mouse"><h1>Tom &amp; Jerry</h1>\n<p>Body</p>'
    assert composed.source[composed.prefix:] == content and composed.lines == 1
    title = dict((name, (start, end)) for name, start, end in composed.fields)["title"]
    assert composed.column(title[0], composed.source.index("Jerry")) == len("Tom & ") + 1  # counted in the title's own text
    markdown = compose(Article("lint", "Body\n", "markdown", title="T", description="D"))
    assert markdown.source == '---\ndescription: "D"\n---\n# T\n\nBody\n'
    assert compose(Article("lint", "---\ntitle: own\n---\nBody", "markdown", title="T")).prefix == 0  # its own front matter
    assert compose(Article("lint", "Body", "text", title="T", description="D")).source == "T\n\nBody"


def test_findings_in_the_headline_are_reported_against_it():
    service = LintService(Config())
    article = Article("lint", "<p>The premiere was on Friday, the studio said.</p>", "html",
                      title="Fans & critics: sources say it flopped", id="s1")
    report = json.loads(service.lint(article, sarif=False).body)
    finding = next(f for f in report["files"][0]["findings"] if f["rule"] == "unsourced-claim")
    assert (finding["path"], finding["line"], finding["column"]) == ("s1.html#title", 1, len("Fans & critics: ") + 1)
    assert finding["fix"] is None


def test_a_required_rule_that_cannot_run_fails_readiness_and_the_answer(monkeypatch):
    monkeypatch.delenv("PUBCHECK_LANGUAGETOOL_URL", raising=False)  # grammar cannot run
    service = LintService(Config(select=("grammar", "spelling"), require=("grammar",)))
    (skip,) = service.warm_up()
    assert skip.rule == "grammar" and skip.reason.startswith("no LanguageTool server configured")
    outcome = service.lint(Article("lint", "<p>The cast will will return.</p>", "html", id="s1"), sarif=False)
    report = json.loads(outcome.body)
    assert outcome.verdict == "error" and report["notices"] == [str(skip)] and report["summary"]["exit_code"] == 2
    assert str(skip) == f"grammar: {skip.reason}"  # as notices and the readiness check word it
