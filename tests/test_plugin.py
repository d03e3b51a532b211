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
