"""The service's settings: the ``server:`` config section, environment variables, and their errors."""

from __future__ import annotations

import textwrap

import pytest

from pubcheck.config import Config, load_config
from pubcheck.errors import ConfigError
from pubcheck.server.adapters import FieldMap
from pubcheck.server.settings import load_settings


def settings_from(tmp_path, text: str, **environ: str):
    path = tmp_path / ".pubcheck.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_settings({"PUBCHECK_CONFIG": str(path), **environ})


def error_from(tmp_path, text: str, **environ: str) -> str:
    with pytest.raises(ConfigError) as caught:
        settings_from(tmp_path, text, **environ)
    return str(caught.value)


def test_the_config_keeps_the_server_section_for_the_service(tmp_path):
    (tmp_path / "base.yaml").write_text("server:\n  timeout: 3\n", encoding="utf-8")
    (tmp_path / "child.yaml").write_text("extends: base.yaml\nfail-on: error\n", encoding="utf-8")
    assert load_config(tmp_path / "child.yaml").shell_section("server") == {"timeout": 3}  # inherited like any other key
    assert Config().shell_section("server") is None
    hash(load_config(tmp_path / "child.yaml"))  # a Config stays hashable


def test_file_settings_with_environment_overrides(tmp_path):
    settings = settings_from(tmp_path, """\
        server:
          max-body-size: 512KB
          timeout: 4
          max-queue: 10
          lint-memory: 256MB
          header-timeout: 3
          max-connections-per-client: 8
          replay-cache: state/replay.sqlite3
          hooks:
            ghost:
              secret: [new-secret, old-secret]
            contentful:
              locale: de-DE
              content-types:
                story: {title: headline, body: [copy, body], format: markdown}
        """, PUBCHECK_TIMEOUT="2.5", PUBCHECK_GHOST_SECRET="from-env", PUBCHECK_STRAPI_SECRET="token", PUBCHECK_MAX_QUEUE="")
    assert settings.max_body_size == 512 * 1024 and settings.max_queue == 10  # an empty variable counts as unset
    assert (settings.lint_memory, settings.header_timeout, settings.max_connections_per_client) == (256 * 1024**2, 3, 8)
    assert settings.endpoints["lint"].timeout == 2.5 and settings.endpoints["ghost"].timeout == 1.5  # Ghost waits 2 s
    assert settings.endpoints["ghost"].secrets == ("from-env",)
    assert settings.endpoints["strapi"].secrets == ("token",) and settings.endpoints["sanity"].secrets == ()
    assert settings.replay_cache == tmp_path / "state/replay.sqlite3"
    contentful = settings.endpoints["contentful"]
    assert contentful.locale == "de-DE"
    story = contentful.fields_for("story")
    assert (story.title, story.body, story.format) == (("headline",), ("copy", "body"), "markdown")
    assert story.description == contentful.default_fields.description  # unmapped parts keep the defaults
    assert contentful.fields_for("other") == contentful.default_fields
    assert isinstance(story, FieldMap)
    assert settings.enabled(settings.endpoints["ghost"]) and not settings.enabled(settings.endpoints["sanity"])


@pytest.mark.parametrize("text, expected", [
    ("server:\n  timout: 3\n", ":2: server.timout: unknown key; expected one of webhook-secret,"),
    ("server:\n  timeout: -1\n", ":2: server.timeout: expected a number of seconds above 0 and up to 86400, got -1"),
    ("server:\n  max-body-size: huge\n", ":2: server.max-body-size: expected a size such as 10MB or 500KB, got 'huge'"),
    ("server:\n  lint-memory: 0MB\n", ":2: server.lint-memory: expected a size from 1 byte to 1TB, such as 10MB or 500KB, got '0MB'"),
    ("server:\n  header-timeout: 0\n", ":2: server.header-timeout: expected a number of seconds above 0 and up to 86400, got 0"),
    ("server:\n  max-connections-per-client: 0\n", ":2: server.max-connections-per-client: expected a whole number, at least 1, got 0"),
    ("server:\n  hooks:\n    drupal: {}\n", ":3: server.hooks.drupal: unknown key; expected one of ghost, wordpress, contentful, strapi, sanity"),
    ("server:\n  hooks:\n    strapi:\n      legacy-signature: true\n", ":4: server.hooks.strapi.legacy-signature: only Ghost has a legacy signature form"),
    ("server:\n  hooks:\n    sanity:\n      content-types:\n        article: {body: 7}\n", ":5: server.hooks.sanity.content-types.article.body: expected a dotted field path"),
    ("server:\n  callback-url: https://newsroom.example/hook\n", ":2: server.callback-url: a callback URL needs callback-secret"),
    ("server: [1]\n", ": server: expected a mapping of settings"),
])
def test_mistakes_name_the_file_line_and_key(tmp_path, text, expected):
    message = error_from(tmp_path, text, PUBCHECK_WEBHOOK_SECRET="s")
    assert message.startswith(str(tmp_path / ".pubcheck.yaml")) and expected in message


def test_environment_mistakes_name_the_variable(tmp_path):
    assert error_from(tmp_path, "{}", PUBCHECK_WEBHOOK_SECRET="s", PUBCHECK_MAX_CONCURRENT="two") == (
        "environment variable PUBCHECK_MAX_CONCURRENT: expected a whole number, at least 1, got 'two'")
    assert "PUBCHECK_INSECURE_NO_AUTH" in error_from(tmp_path, "{}", PUBCHECK_INSECURE_NO_AUTH="maybe")


def test_no_secret_anywhere_refuses_unless_insecure(tmp_path):
    assert "no webhook secret is configured" in error_from(tmp_path, "{}")
    settings = settings_from(tmp_path, "{}", PUBCHECK_INSECURE_NO_AUTH="1")
    assert settings.insecure_no_auth and all(settings.enabled(e) for e in settings.endpoints.values())
