"""The Linters a process keeps: one bounded cache (engine.linter_for) for the library call, the
server's per-request rules and Dask workers; one Linter per configuration within a run."""

from __future__ import annotations

import json

import pytest

from pubcheck.config import Config, RuleSettings
from pubcheck.engine import Batch, LinterCache, RunOptions, linter_for
from pubcheck.errors import ConfigError
from pubcheck.server.adapters import Article
from pubcheck.server.errors import ApiError
from pubcheck.server.linting import LintService


def test_the_cache_keeps_only_the_configurations_used_last():
    cache = LinterCache(size=2)
    first, second, third = (Config(fail_on=level) for level in ("info", "warning", "error"))
    kept = cache(first)
    dropped = cache(second)
    assert cache(first) is kept  # used again: now the most recent
    cache(third)
    assert len(cache) == 2
    assert cache(first) is kept and cache(second) is not dropped  # the least recently used went


def test_a_different_configuration_gets_its_own_linter_and_an_equal_one_shares_it():
    cache = LinterCache()
    linter = cache(Config(select=("clickbait",)))
    assert cache(Config(select=("clickbait",))) is linter  # another object, the same settings: rules built once
    other = cache(Config(select=("attribution",)))
    assert other is not linter and {a.rule.category for a in other.rules_for(())} == {"attribution"}


def test_options_that_compare_equal_are_still_told_apart():
    """1 == True in Python, yet a whole-number option refuses true: a cache keyed by equality
    would hand back the Linter built for 1 and hide the config error."""
    cache = LinterCache()

    def config(value) -> Config:
        return Config(rules=(("clickbait-interstitial", RuleSettings(options=(("max-words", value),))),))

    assert cache(config(1)).config.rules[0][1].options == (("max-words", 1),)
    with pytest.raises(ConfigError, match="option 'max-words' must be int, got True"):
        cache(config(True))


def test_a_config_error_is_raised_each_time_not_kept():
    cache = LinterCache()
    broken = Config(select=("no-such-rule",))
    for _ in range(2):
        with pytest.raises(ConfigError, match="unknown rule or category 'no-such-rule'"):
            cache(broken)
    assert len(cache) == 0


def test_folders_without_a_config_share_one_linter_in_a_run(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "story.md").write_text("# Headline\n\nPlain copy.\n", encoding="utf-8")
    (tmp_path / "c" / ".pubcheck.yaml").write_text("fail-on: error\n", encoding="utf-8")
    batch = Batch([str(tmp_path)], RunOptions(select=("clickbait",)))
    assert sorted(linter.config.fail_on for linter in batch.linters.by_config.values()) == ["error", "warning"]


def test_the_server_takes_a_request_s_linter_from_the_shared_cache():
    service = LintService(Config())

    def linter(rules: dict, keyphrase: str | None = None):
        return service.linter_for(Article("lint", "<p>Copy.</p>", "html", rules=rules, keyphrase=keyphrase))

    off = {"clickbait-interstitial": "off", "passive-voice": "off"}
    shared = linter(off)
    assert linter(dict(reversed(off.items()))) is shared and linter(json.loads(json.dumps(off))) is shared
    assert shared is linter_for(shared.config)  # the engine's one cache, not a copy of its own
    assert linter(off, keyphrase="premiere") is not shared and linter({"passive-voice": "off"}) is not shared
    with pytest.raises(ApiError, match="request: rules.passive-voice: expected off, on, a severity or a mapping"):
        linter({"passive-voice": 7})
