"""Configuration: discovery by walking up, pyproject, extends, overrides, and errors that say where."""

from __future__ import annotations

import pytest

import pubcheck
from pubcheck.config import Config, discover, load_config
from pubcheck.errors import ConfigError

TEASER = "Intro.\n\n📖 Related: Ten Looks We Loved From The Night\n\nEnd.\n"


@pytest.fixture(autouse=True)
def fresh_discovery():
    discover.cache_clear()
    yield
    discover.cache_clear()


def rules_hit(path) -> list[str]:
    """The clickbait findings: these tests are about which config applies, and TEASER is the probe."""
    return [f.rule for f in pubcheck.lint(path).findings if f.rule == "clickbait-interstitial"]


def test_nearest_config_walking_up_applies(write):
    write(".pubcheck.yaml", "ignore: [clickbait-interstitial]\n")
    deep = write("desk/film/a.txt", TEASER)
    assert rules_hit(deep) == []


def test_a_nearer_config_wins(write):
    write(".pubcheck.yaml", "ignore: [clickbait-interstitial]\n")
    write("desk/.pubcheck.yaml", "select: [clickbait]\n")
    assert rules_hit(write("desk/a.txt", TEASER)) == ["clickbait-interstitial"]
    assert rules_hit(write("other/a.txt", TEASER)) == []


def test_pyproject_tool_section(write):
    write("pyproject.toml", '[project]\nname = "site"\n\n[tool.pubcheck]\nignore = ["clickbait"]\n')
    assert rules_hit(write("a.txt", TEASER)) == []


def test_pyproject_without_tool_section_is_passed_over(write):
    write(".pubcheck.yaml", "ignore: [clickbait]\n")
    write("site/pyproject.toml", '[project]\nname = "site"\n')
    assert rules_hit(write("site/a.txt", TEASER)) == []


def test_extends_and_per_rule_severity(write):
    write("base.yaml", "rules:\n  clickbait-interstitial: error\nfail-on: error\n")
    config_path = write("team/.pubcheck.yaml", "extends: ../base.yaml\n")
    config = load_config(config_path)
    assert config.fail_on == "error"
    report = pubcheck.lint(TEASER, format="text", config=config)
    assert [f.severity for f in report.findings if f.rule == "clickbait-interstitial"] == ["error"]


def test_rule_options_from_config(write):
    config = load_config(write(".pubcheck.yaml", "rules:\n  clickbait-interstitial:\n    max-words: 3\n"))
    assert rules_of(pubcheck.lint(TEASER, format="text", config=config)) == []


def test_overrides_by_path(write):
    write(".pubcheck.yaml", "overrides:\n  - files: ['sponsored/**']\n    ignore: [clickbait-interstitial]\n")
    assert rules_hit(write("sponsored/deal.txt", TEASER)) == []
    assert rules_hit(write("news/story.txt", TEASER)) == ["clickbait-interstitial"]


def rules_of(report) -> list[str]:
    return [f.rule for f in report.findings if f.rule == "clickbait-interstitial"]


def test_select_by_category_and_ignore_by_id():
    config = Config(select=("clickbait",))
    assert [f.rule for f in pubcheck.lint(TEASER, format="text", config=config).findings] == ["clickbait-interstitial"]
    config = Config(ignore=("clickbait-interstitial",))
    assert [f for f in pubcheck.lint(TEASER, format="text", config=config).findings if f.category == "clickbait"] == []


@pytest.mark.parametrize(
    "body, expected",
    [
        ("selct: [x]\n", r"\.pubcheck\.yaml:1: selct: unknown key; expected one of"),
        ("fail-on: fatal\n", r"\.pubcheck\.yaml:1: fail-on: expected one of info, warning, error, got 'fatal'"),
        ("select: 3\n", r"\.pubcheck\.yaml:1: select: expected a list of strings, got 3"),
        ("rules:\n  clickbait-interstitial:\n    severity: loud\n", r"rules\.clickbait-interstitial\.severity: expected one of info, warning, error, got 'loud'"),
        ("max-file-size: huge\n", r"max-file-size: expected a size such as 10MB"),
        ("overrides:\n  - ignore: [x]\n", r"overrides\[0\]: each override needs 'files'"),
        ("rules: [\n", r"\.pubcheck\.yaml: invalid YAML, line 2"),
        ("extends: missing.yaml\n", r"missing\.yaml: config file not found"),
        ("- a\n- b\n", r"expected a mapping of settings"),
        # non-positive limits and duplicate keys
        ("rules:\n  long-sentence:\n    max-words: 0\n", r"\.pubcheck\.yaml:3: rules\.long-sentence\.max-words: expected a number above 0, got 0$"),
        ("rules:\n  long-sentence: {max-words: -5}\n", r"\.pubcheck\.yaml:2: rules\.long-sentence\.max-words: expected a number above 0, got -5$"),
        ("rules:\n  keyword-stuffing:\n    severity: info\n    max-density: -0.5\n", r"\.pubcheck\.yaml:4: rules\.keyword-stuffing\.max-density: expected a number above 0"),
        ("rules:\n  spelling:\n    max-suggestions: -1\n", r"\.pubcheck\.yaml:3: rules\.spelling\.max-suggestions: expected 0 or more, got -1$"),
        ("overrides:\n  - files: ['*.md']\n    rules:\n      long-paragraph:\n        max-words: 0\n", r"\.pubcheck\.yaml:5: .*long-paragraph\.max-words: expected a number above 0"),
        ("languagetool:\n  url: http://localhost:8081\n  timeout: 0\n", r"\.pubcheck\.yaml:3: languagetool\.timeout: expected a number above 0, got 0$"),
        ("max-file-size: -1\n", r"\.pubcheck\.yaml:1: max-file-size: expected a size"),
        ("max-file-size: 0\n", r"\.pubcheck\.yaml:1: max-file-size: expected a size from 1 byte to 1TB"),
        ("max-file-size: 0KB\n", r"\.pubcheck\.yaml:1: max-file-size: expected a size from 1 byte to 1TB"),
        ("fail-on: error\nselect: [clickbait]\nfail-on: info\n", r"\.pubcheck\.yaml:3: fail-on: duplicate key \(first on line 1\)$"),
        ("rules:\n  spelling: off\n  long-sentence: info\n  spelling: on\n", r"\.pubcheck\.yaml:4: spelling: duplicate key \(first on line 2\)$"),
        ("rules: {spelling: off, spelling: on}\n", r"\.pubcheck\.yaml:1: spelling: duplicate key"),
    ],
)
def test_broken_config_names_file_key_and_expectation(write, body, expected):
    path = write(".pubcheck.yaml", body)
    with pytest.raises(ConfigError, match=expected):
        pubcheck.Linter(load_config(path))


@pytest.mark.parametrize(
    "body, expected",
    [
        ("select: [clikbait]\n", r"select: unknown rule or category 'clikbait'"),
        ("rules:\n  nope-rule: off\n", r"rules: unknown rule or category 'nope-rule'"),
        ("rules:\n  clickbait-interstitial:\n    max-wordz: 3\n", r"rules\.clickbait-interstitial: rule clickbait-interstitial: unknown option 'max-wordz' \(options: max-words\)"),
        ("rules:\n  clickbait-interstitial:\n    max-words: lots\n", r"option 'max-words' must be int, got 'lots'"),
    ],
)
def test_unknown_names_and_bad_options(write, body, expected):
    path = write(".pubcheck.yaml", body)
    with pytest.raises(ConfigError, match=expected):
        pubcheck.Linter(load_config(path))


def test_extends_loop_is_reported(write):
    write("a.yaml", "extends: b.yaml\n")
    write("b.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="loops back"):
        load_config(write("c.yaml", "extends: a.yaml\n"))


def test_broken_config_on_the_command_line_is_one_line_and_exit_2(write, cli, tmp_path):
    write(".pubcheck.yaml", "fail-on: fatal\n")
    write("a.txt", TEASER)
    result = cli("lint", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pubcheck: error: ") and "fail-on: expected one of" in lines[0]
    assert b"Traceback" not in result.stderr


def test_include_and_exclude_when_walking_a_folder(write, cli, tmp_path):
    write(".pubcheck.yaml", "exclude: ['drafts/', '*.md']\n")
    write("news/a.txt", TEASER)
    write("news/b.md", TEASER)
    write("drafts/c.txt", TEASER)
    write("news/photo.jpg", b"\xff\xd8\xff\xe0binary")
    result = cli("lint", "--format", "json", ".", cwd=tmp_path)
    import json

    paths = [entry["path"] for entry in json.loads(result.stdout)["files"]]
    assert paths == ["news/a.txt"]


@pytest.mark.parametrize(
    "body",
    [
        "rules:\n  spelling: {max-suggestions: 0}\n  passive-voice: {max-share: 0}\n  readability-grade: {min-words: 0}\n",
        # a key merged in with << may be overridden: that is what merging is for
        "rules:\n  long-paragraph: &short {max-words: 20}\n  long-sentence:\n    <<: *short\n    max-words: 25\n",
    ],
)
def test_zero_where_it_means_none_and_overridden_merge_keys_are_fine(write, body):
    assert pubcheck.Linter(load_config(write(".pubcheck.yaml", body)))


def test_zero_jobs_is_a_usage_error(cli, write, tmp_path):
    write("a.txt", TEASER)
    for jobs in ("0", "-3"):
        result = cli("lint", "--jobs", jobs, "a.txt", cwd=tmp_path)
        assert result.returncode == 2 and b"expected a whole number of processes, 1 or more" in result.stderr


def billion_laughs() -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\nselect: *lol9\n"


@pytest.mark.parametrize(
    "body",
    [billion_laughs(), "select: &loop [*loop]\n", "rules: " + "[" * 50_000 + "]" * 50_000 + "\n", "keyphrase: '" + "x" * 1_100_000 + "'\n"],
    ids=["billion-laughs", "recursive-alias", "deeply-nested", "huge"],
)
def test_hostile_yaml_config_is_refused_quickly_in_one_line(write, tmp_path, body):
    """Before the limits, the billion laughs grew without bound and the recursive alias never ended."""
    import resource
    import subprocess
    import sys

    write(".pubcheck.yaml", body)
    write("a.txt", TEASER)

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = subprocess.run(
        [sys.executable, "-m", "pubcheck", "lint", "a.txt"], cwd=tmp_path, capture_output=True, timeout=20, preexec_fn=limit_memory
    )
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, lines
    assert lines[0].startswith(f"pubcheck: error: {tmp_path / '.pubcheck.yaml'}: invalid YAML")


def test_one_run_applies_each_folders_config_and_a_linked_files_own(write, tmp_path):
    """A run looks a folder's config up once for all its files; a file linked from another folder
    still takes the config of the folder it really lives in."""
    from pubcheck.engine import lint_paths

    write(".pubcheck.yaml", "ignore: [clickbait-interstitial]\n")
    write("desk/.pubcheck.yaml", "select: [clickbait]\n")
    desk_file = write("desk/a.txt", TEASER)
    write("other/b.txt", TEASER)
    (tmp_path / "other" / "c.txt").symlink_to(desk_file)
    summary = lint_paths([str(tmp_path / "desk"), str(tmp_path / "other")])
    hits = {report.path.rsplit("/", 1)[-1]: [f.rule for f in report.findings if f.rule == "clickbait-interstitial"] for report in summary.reports}
    assert hits == {"a.txt": ["clickbait-interstitial"], "b.txt": [], "c.txt": ["clickbait-interstitial"]}


def test_a_file_named_through_a_linked_folder_takes_the_real_folders_config(write, tmp_path):
    """The folder a file is named in is resolved as the file's own path would be: through a linked
    folder, and through ".." (a linked folder's ".." is the parent of its target)."""
    from pubcheck.engine import lint_paths

    write(".pubcheck.yaml", "ignore: [clickbait-interstitial]\n")
    write("desk/.pubcheck.yaml", "select: [clickbait]\n")
    write("desk/a.txt", TEASER)
    write("desk/inner/b.txt", TEASER)
    write("other/c.txt", TEASER)
    (tmp_path / "other" / "to-desk").symlink_to(tmp_path / "desk")
    (tmp_path / "other" / "to-inner").symlink_to(tmp_path / "desk" / "inner")
    named = [tmp_path / "other" / "to-desk" / "a.txt", tmp_path / "other" / "to-inner" / ".." / "a.txt",
             tmp_path / "other" / "to-desk" / ".." / "other" / "c.txt", tmp_path / "other" / "c.txt"]
    summary = lint_paths([str(path) for path in named])
    hits = [[f.rule for f in report.findings if f.rule == "clickbait-interstitial"] for report in summary.reports]
    assert hits == [["clickbait-interstitial"], ["clickbait-interstitial"], [], []]


def test_plain_name_globs_match_as_pathspec_does():
    """Patterns of names and "*" (the default include) are matched without importing pathspec;
    on paths as pathlib writes them (with ".." parts, folders that match) the answer is pathspec's."""
    import itertools
    from pathlib import PurePosixPath

    import pathspec

    from pubcheck.config import _NameGlobs, path_spec

    patterns = ["*.md", "*.html", "drafts", "*", "a*", "*a", "*.", ".*", "..", "-", "a.b", "*.tar.gz", "x*y*z", "*-draft.*", "README", "*.MD"]
    names = ["a.md", "A.MD", "b.html", ".md", ".hidden.md", "drafts", "draft", "x.tar.gz", "xyz", "x1y2z3", "a", "ba", "..", "-", "a.b", "story-draft.txt", "README"]
    paths = {PurePosixPath(path).as_posix() for a, b in itertools.product(names, names) for path in (b, f"{a}/{b}", f"../{b}", f"x/{a}/{b}")}
    for count in (1, 2):
        for chosen in itertools.combinations(patterns, count):
            ours = path_spec(chosen)
            assert isinstance(ours, _NameGlobs)
            theirs = pathspec.PathSpec.from_lines("gitignore", chosen)
            assert [p for p in paths if ours.match_file(p) != theirs.match_file(p)] == [], chosen
    assert not isinstance(path_spec(("drafts/",)), _NameGlobs)  # a slash, "**", "?", "[", "!": pathspec's own reading
    assert not isinstance(path_spec(("**/*.md",)), _NameGlobs)
    assert not isinstance(path_spec(("!keep.md",)), _NameGlobs)
