"""A third-party rule package, really installed with pip, is found through the entry-point group."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

PLUGIN = '''
import re

from pubcheck.rules.base import Problem, Rule


class ShoutedExclusive(Rule):
    """Flags "EXCLUSIVE" shouted in body copy.

    ## Why is this bad?
    House style.

    ## Example
    ```
    EXCLUSIVE: the star speaks.
    ```

    ## Not flagged
    ```
    An exclusive interview.
    ```

    ## How to fix
    Drop the label.
    """

    id = "shouted-exclusive"
    category = "style"
    severity = "error"
    summary = "EXCLUSIVE shouted in copy"

    def check(self, doc):
        for block in doc.body:
            for match in re.finditer(r"\\bEXCLUSIVE\\b", block.text):
                yield Problem("Drop the shouted EXCLUSIVE label", block, match.start(), match.end())
'''


def install_plugin(root, entry_points: str):
    """pip-installs a tiny plugin package into its own folder (kept off the test venv)."""
    package = root / "src"
    (package / "newsdesk_rules").mkdir(parents=True)
    (package / "newsdesk_rules" / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    (package / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"

            [project]
            name = "newsdesk-rules"
            version = "1.0"

            [project.entry-points."pubcheck.rules"]
            """
        )
        + entry_points,
        encoding="utf-8",
    )
    site = root / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(site), str(package)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return site


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory):
    return install_plugin(tmp_path_factory.mktemp("plugin"), 'shouted-exclusive = "newsdesk_rules:ShoutedExclusive"\n')


@pytest.fixture(scope="module")
def broken_plugin_site(tmp_path_factory):
    return install_plugin(tmp_path_factory.mktemp("broken"), 'broken = "newsdesk_rules:DoesNotExist"\n')


def run(site, *args, cwd):
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pubcheck", *args], cwd=cwd, env=env, capture_output=True, timeout=60)


def test_installed_plugin_rule_runs(plugin_site, tmp_path):
    (tmp_path / "a.txt").write_text("Intro.\n\nEXCLUSIVE: the star speaks.\n", encoding="utf-8")
    result = run(plugin_site, "lint", "a.txt", cwd=tmp_path)
    assert "a.txt:3:1: error shouted-exclusive Drop the shouted EXCLUSIVE label" in result.stdout.decode().splitlines()
    selected = run(plugin_site, "lint", "--select", "style", "a.txt", cwd=tmp_path)  # the plugin's category
    assert selected.stdout.decode().splitlines()[0] == "a.txt:3:1: error shouted-exclusive Drop the shouted EXCLUSIVE label"


def test_plugin_rule_is_listed_and_explained(plugin_site, tmp_path):
    listing = run(plugin_site, "rules", cwd=tmp_path).stdout.decode()
    assert "shouted-exclusive       style        error    EXCLUSIVE shouted in copy" in listing
    assert "## Why is this bad?\nHouse style." in run(plugin_site, "explain", "shouted-exclusive", cwd=tmp_path).stdout.decode()


def test_broken_plugin_names_itself(broken_plugin_site, tmp_path):
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    result = run(broken_plugin_site, "lint", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "pubcheck: error: rule plugin 'broken' from package 'newsdesk-rules' failed to load: "
        "AttributeError: module 'newsdesk_rules' has no attribute 'DoesNotExist'"
    )


def _dist_info(site, name: str, entry_points: str | None):
    folder = site / f"{name}-1.0.dist-info"
    folder.mkdir(parents=True)
    (folder / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    if entry_points is not None:
        (folder / "entry_points.txt").write_text(f"[pubcheck.rules]\n{entry_points}\n", encoding="utf-8")
    return folder


def test_entry_point_index_follows_installs_and_edits(tmp_path, monkeypatch, cache_home):
    """The index kept between runs answers what importlib.metadata answers, after every change."""
    import importlib
    from importlib.metadata import entry_points

    from pubcheck.rules import registry

    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))

    def truth():
        importlib.invalidate_caches()
        return [(ep.name, ep.value, ep.dist.name) for ep in entry_points(group=registry.ENTRY_POINT_GROUP)]

    builtin = registry.entry_point_index()
    assert builtin == truth() and ("spelling", "pubcheck.rules.spelling:Spelling", "pubcheck") in builtin
    plugin = _dist_info(site, "newsdesk_rules", "shouted = newsdesk_rules:Shouted")  # installed
    assert ("shouted", "newsdesk_rules:Shouted", "newsdesk_rules") in registry.entry_point_index() == truth()
    (plugin / "entry_points.txt").write_text("[pubcheck.rules]\nloud = newsdesk_rules:Loud\n", encoding="utf-8")
    os.utime(plugin / "entry_points.txt", ns=(1, 1))  # edited in place, within the same clock tick
    assert ("loud", "newsdesk_rules:Loud", "newsdesk_rules") in registry.entry_point_index() == truth()
    (plugin / "entry_points.txt").unlink()
    (plugin / "METADATA").unlink()
    plugin.rmdir()  # uninstalled
    assert registry.entry_point_index() == truth() == builtin


def test_entry_point_index_is_read_from_the_cache_until_something_changes(tmp_path, monkeypatch, cache_home):
    from pubcheck.rules import registry

    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    first = registry.entry_point_index()
    read, asked = registry._read_entry_points, []
    monkeypatch.setattr(registry, "_read_entry_points", lambda: asked.append(1) or read())
    assert registry.entry_point_index() == first and not asked  # from the cache
    _dist_info(site, "unrelated", None)  # any install asks again
    assert registry.entry_point_index() == first and len(asked) == 1
    (cache,) = (cache_home / "entry-points").iterdir()
    cache.write_bytes(b"\x00garbage")  # a corrupt index is rebuilt, not a traceback
    assert registry.entry_point_index() == first and len(asked) == 2
    assert registry.entry_point_index() == first and len(asked) == 2


def test_entry_point_values_load_like_importlib_metadata():
    from importlib.metadata import EntryPoint

    from pubcheck.rules.registry import load_entry_point

    for value in ("pubcheck.rules.spelling:Spelling", "pubcheck.rules.spelling : Spelling [extra]", "os.path:join",
                  "os:path.join", "pubcheck.rules.spelling"):
        assert load_entry_point(value) is EntryPoint("x", value, "g").load()
