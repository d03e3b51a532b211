"""YAML rule packs: the four kinds, and validation errors that name the file, the rule and the line."""

from __future__ import annotations

import textwrap

import pytest

import pubcheck
from pubcheck.config import Config
from pubcheck.errors import RulePackError
from pubcheck.rules.packs import load_pack, load_rule_file


def pack(tmp_path, **files: str):
    folder = tmp_path / "desk"
    folder.mkdir(exist_ok=True)
    for name, body in files.items():
        (folder / f"{name}.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


def lint_with(folder, text: str, fmt: str = "text", **config):
    rules = tuple(p.stem for p in folder.glob("*.yaml"))
    return pubcheck.lint(text, format=fmt, config=Config(packs=(folder,), select=rules, **config)).findings


EXISTENCE = """
    kind: existence
    category: attribution
    summary: Weasel sourcing
    message: 'Unsourced: "{match}"'
    tokens: [sources say, reportedly]
    patterns: ['\\bit is (?:widely )?believed\\b']
    unless: ['according to [A-Z]']
"""


def test_existence_flags_tokens_and_patterns_with_exact_positions(tmp_path):
    folder = pack(tmp_path, weasel=EXISTENCE)
    text = "The film is reportedly over budget.\nIt is widely believed the sequel is next."
    findings = lint_with(folder, text)
    assert [(f.rule, f.line, f.column, f.text, f.message) for f in findings] == [
        ("weasel", 1, 13, "reportedly", 'Unsourced: "reportedly"'),
        ("weasel", 2, 1, "It is widely believed", 'Unsourced: "It is widely believed"'),
    ]


def test_existence_unless_excuses_the_sentence(tmp_path):
    folder = pack(tmp_path, weasel=EXISTENCE)
    assert lint_with(folder, "The film is reportedly over budget, according to Variety.") == ()
    assert lint_with(folder, "The film reportedly ran long.\n\nThe studio declined comment.")[0].text == "reportedly"


def test_existence_matches_where_lowercasing_changes_the_length(tmp_path):
    """"İ" lowercases to two characters, so such text is searched with the case-folding regex."""
    folder = pack(tmp_path, weasel=EXISTENCE)
    (finding,) = lint_with(folder, "İstanbul's mayor REPORTEDLY left.")
    assert (finding.column, finding.text) == (len("İstanbul's mayor ") + 1, "REPORTEDLY")


def test_existence_matches_whole_words_only(tmp_path):
    folder = pack(tmp_path, weasel=EXISTENCE)
    assert lint_with(folder, "The reportedlyish word is not a match.") == ()


def test_existence_outside_quotes_skips_quoted_words(tmp_path):
    folder = pack(tmp_path, weasel=EXISTENCE + "    outside-quotes: true\n")
    assert lint_with(folder, '"Reportedly I am the villain now," Calloway said. She heard “it is believed” twice.') == ()
    assert [f.text for f in lint_with(folder, 'Calloway, "the villain," reportedly left.')] == ["reportedly"]
    (tmp_path / "plain").mkdir()
    plain = pack(tmp_path / "plain", weasel=EXISTENCE)
    assert [f.text for f in lint_with(plain, '"Reportedly I am the villain now," Calloway said.')] == ["Reportedly"]


def test_existence_tokens_stop_at_a_hyphenated_word(tmp_path):
    folder = pack(tmp_path, weasel=EXISTENCE.replace("[sources say, reportedly]", "[sources say, it is thought]"))
    assert lint_with(folder, "It is thought-provoking work.") == ()
    assert [f.text for f in lint_with(folder, "It is thought the sequel is next.")] == ["It is thought"]


def test_alternation_matches_as_pythons_re_did():
    import re

    from pubcheck.rules.kinds import alternation

    parts = [r"\bsources?\s+say\b", r"\b(?:some|many)\s+critics\b", r"\breportedly\b", r"\b(?:a\s+)?friend\b", r"\b[xz]oo\b"]
    plain = re.compile("|".join(f"(?:{p})" for p in parts), re.I)
    text = "Sources say a friend of Many critics, reportedly; zoo and XOO, a  friend, sourcessay, unreportedly."
    assert alternation(parts, re.I).spans(text) == [m.span() for m in plain.finditer(text)]
    assert alternation([r"\b(?i:according)\s+to", r"\bper\b"], 0).search("According to Variety")


def test_substitution_suggests_and_offers_a_fix(tmp_path):
    folder = pack(
        tmp_path,
        swap="""
        kind: substitution
        summary: House style
        message: 'Use "{replacement}" instead of "{match}"'
        swap: {red-carpet event: premiere, A-lister: star}
        """,
    )
    (finding,) = lint_with(folder, "<p>The A-lister arrived &amp; waved.</p>", fmt="html")
    assert finding.message == 'Use "star" instead of "A-lister"'
    assert (finding.fix.start, finding.fix.end, finding.fix.replacement, finding.fix.safe) == (7, 15, "star", False)


def test_occurrence_flags_once_above_max(tmp_path):
    folder = pack(
        tmp_path,
        repeat="""
        kind: occurrence
        summary: Too many superlatives
        message: '"{match}" used {count} times'
        scope: body
        tokens: [iconic]
        max: 2
        """,
    )
    assert lint_with(folder, "An iconic look. An iconic night.") == ()
    (finding,) = lint_with(folder, "An iconic look. An iconic night. An iconic dress.")
    assert finding.message == '"iconic" used 3 times' and finding.column == 4


def test_occurrence_bound_is_a_config_option(tmp_path):
    from pubcheck.config import RuleSettings

    folder = pack(tmp_path, repeat="kind: occurrence\nsummary: s\nmessage: m\nscope: body\ntokens: [iconic]\nmax: 2\n")
    findings = lint_with(folder, "iconic iconic", rules=(("repeat", RuleSettings(options=(("max", 1),))),))
    assert len(findings) == 1


def test_metric_points_at_the_measured_field(tmp_path):
    folder = pack(
        tmp_path,
        description="""
        kind: metric
        category: seo
        summary: Meta description length
        message: 'Meta description is {value} characters; keep it between {min} and {max}'
        metric: description-length
        min: 50
        max: 160
        formats: [html]
        """,
    )
    page = '<html><head>\n<meta name="description" content="Too short">\n</head><body><p>Hi.</p></body></html>'
    (finding,) = lint_with(folder, page, fmt="html")
    assert (finding.line, finding.column, finding.text) == (2, 35, "Too short")
    assert lint_with(folder, "Plain text has no description.") == ()  # formats: [html]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("kind: existance\nsummary: s\nmessage: m\ntokens: [x]\n", r"bad\.yaml:1: rule 'bad': unknown kind 'existance'; expected one of existence, metric"),
        ("kind: existence\nsummary: s\nmessage: m\ntokens: [x]\npatterns:\n  - ok\n  - '(unclosed'\n", r"bad\.yaml:7: rule 'bad': bad regex '\(unclosed' in patterns"),
        ("kind: existence\nsummary: s\ntokens: [x]\n", r"bad\.yaml:1: rule 'bad': missing field 'message'"),
        ("kind: existence\nsummary: s\nmessage: m\n", r"bad\.yaml:1: rule 'bad': missing field 'tokens' or 'patterns'"),
        ("kind: existence\nsummary: s\nmessage: m\ntokens: [x]\ntokenz: [y]\n", r"bad\.yaml:5: rule 'bad': unknown field 'tokenz'"),
        ("kind: existence\nsummary: s\nmessage: 'got {count}'\ntokens: [x]\n", r"bad\.yaml:3: .*unknown placeholder \{count\}"),
        ("id: Bad_Id\nkind: existence\nsummary: s\nmessage: m\ntokens: [x]\n", r"bad\.yaml:1: rule 'Bad_Id': id must be a kebab-case slug"),
        ("kind: metric\nsummary: s\nmessage: m\nmetric: wordz\nmax: 3\n", r"bad\.yaml:4: .*unknown 'metric'"),
        ("kind: existence\nsummary: s\nmessage: m\ntokens: [x]\nseverity: fatal\n", r"bad\.yaml:5: .*severity must be one of info, warning, error"),
        ("kind: [unclosed\n", r"bad\.yaml: invalid YAML, line 2"),
        ("- just\n- a list\n", r"bad\.yaml:1: a rule file must be a mapping"),
        ("kind: existence\nsummary: s\nmessage: m\ntokens: [x]\noutside-quotes: yes please\n", r"bad\.yaml:5: .*'outside-quotes' must be true or false"),
        ("kind: existence\nsummary: s\nmessage: m\ntokens: [x]\nunless-next-sentence: according to\n", r"bad\.yaml:5: .*'unless-next-sentence' must be a list of non-empty strings"),
        ("kind: existence\nsummary: s\nmessage: m\ntokens: [x]\nunless-next-sentence: ['(a+)\\1']\n", r"bad\.yaml:5: .*bad regex"),
    ],
)
def test_validation_errors_name_file_rule_and_line(tmp_path, body, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RulePackError, match=expected):
        load_rule_file(path)


def test_broken_pack_from_config_is_a_one_line_cli_error(tmp_path, cli):
    folder = pack(tmp_path, bad="kind: nope\nsummary: s\nmessage: m\n")
    (tmp_path / ".pubcheck.yaml").write_text("packs: [desk]\n")
    (tmp_path / "a.txt").write_text("Hello.\n")
    result = cli("lint", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines() == [
        f"pubcheck: error: {folder / 'bad.yaml'}:1: rule 'bad': unknown kind 'nope'; expected one of existence, metric, occurrence, substitution"
    ]


def test_two_rules_with_one_id_is_an_error(tmp_path):
    folder = pack(tmp_path, a=EXISTENCE, b="id: a\n" + textwrap.dedent(EXISTENCE))
    with pytest.raises(RulePackError, match="defined twice"):
        pubcheck.Linter(Config(packs=(folder,)))


def test_missing_pack_folder(tmp_path):
    with pytest.raises(RulePackError, match="rule pack folder does not exist"):
        load_pack(tmp_path / "nowhere")


def test_yaml_rule_explain_reads_like_the_docs(tmp_path, cli):
    pack(tmp_path, weasel=textwrap.dedent(EXISTENCE) + "why: Readers cannot judge a claim without its source.\nexample: Sources say she left.\n")
    (tmp_path / ".pubcheck.yaml").write_text("packs: [desk]\n")
    out = cli("explain", "weasel", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert text.startswith("# weasel\n\nWeasel sourcing\n")
    assert "## Why is this bad?\nReaders cannot judge a claim without its source." in text
    assert "## Example\n```\nSources say she left.\n```" in text
    listing = cli("rules", cwd=tmp_path).stdout.decode()
    assert any(line.split()[:3] == ["weasel", "attribution", "warning"] for line in listing.splitlines())


@pytest.mark.parametrize(
    "body, expected",
    [
        ("kind: existence\nsummary: s\nmessage: m\ntokens: [x]\nsummary: t\n", r"bad\.yaml:5: rule 'bad': duplicate field 'summary' \(first on line 2\)$"),
        ("kind: occurrence\nsummary: s\nmessage: m\ntokens: [x]\nmax: -1\n", r"bad\.yaml:5: rule 'bad': 'max' must be 0 or more, not -1$"),
        ("kind: metric\nsummary: s\nmessage: m\nmetric: words\nmin: -300\n", r"bad\.yaml:5: rule 'bad': 'min' must be 0 or more, not -300$"),
        ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
         "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\ntokens: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
         r"bad\.yaml: invalid YAML, line 1: aliases expand to over 100,000 values"),
    ],
)
def test_duplicate_fields_negative_bounds_and_alias_bombs_in_packs(tmp_path, body, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RulePackError, match=expected):
        load_rule_file(path)


def test_zero_bounds_in_packs_are_fine(tmp_path):
    folder = pack(tmp_path, alt="kind: metric\nsummary: s\nmessage: 'missing alt: {value}'\nmetric: images-without-alt\nmax: 0\n")
    (finding,) = lint_with(folder, '<p>Hi <img src="a.png"></p>', fmt="html")
    assert finding.message == "missing alt: 1"


# -- linear-time matching (issue 13, item 7) ---------------------------------------------------------


def test_a_pattern_that_backtracks_exponentially_in_python_finishes(tmp_path):
    """With Python's re, (a+)+$ on 30 letters and a full stop ran for hours."""
    import subprocess
    import sys

    folder = pack(tmp_path, runaway="kind: existence\nsummary: s\nmessage: 'run: {match}'\npatterns: ['(a+)+$', '\\b(\\w+\\s?)+\\.$']\n")
    script = (
        "import sys, pubcheck; from pubcheck.config import Config; from pathlib import Path\n"
        f"config = Config(packs=(Path({str(folder)!r}),), select=('runaway',))\n"
        "text = 'a' * 30 + '!\\n\\n' + 'word ' * 5000 + 'x!\\n\\nA sentence that ends well.'\n"
        "print([f.text for f in pubcheck.lint(text, config=config).findings])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout.strip() == "['A sentence that ends well.']"


@pytest.mark.parametrize(
    "pattern, problem",
    [
        (r"(\w+) \1", "back-reference"),
        (r"(?<=Sources )say", "look-ahead and look-behind are not supported"),
        (r"\bsources(?= say) say", "look-ahead and look-behind are not supported"),
        (r"\bsay(?!s)\w*", "look-ahead and look-behind are not supported"),
        (r"\bsources++", "possessive repeats and atomic groups"),
        (r"(?>sources|source)s", "possessive repeats and atomic groups"),
        (r"\w\b\w?", "needs look-around"),
        (r"a{2000}", "a repeat of more than 1000"),
    ],
)
def test_features_only_backtracking_can_run_are_refused_with_file_line_and_rule(tmp_path, pattern, problem):
    path = tmp_path / "desk-rule.yaml"
    body = f"kind: existence\nsummary: s\nmessage: m\ntokens: [x]\nunless:\n  - '\\bfine'\n  - '{pattern}'\n"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_rule_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:7: rule 'desk-rule': bad regex ") and problem in message, message


def test_the_shipped_packs_pass_the_same_check():
    from pubcheck.rules.packs import builtin_pack_dirs

    loaded = [rule for folder in builtin_pack_dirs() for rule in load_pack(folder)]
    assert "unsourced-claim" in {rule.id for rule in loaded}


@pytest.mark.parametrize(
    "pattern, flags, texts",
    [
        # \b knows letters of every script, as Python's does: "café" is one word, "caf" is not in it
        (r"\bcaf\b", 0, ["caf", "café", "le caf é", "_caf", "caf’s"]),
        (r"\bsources? say\b", 0, ["sources say", "résources say", "sources sayé", "é sources say", "sources say sources say"]),
        (r"\bsources? say\b|’", 0, ["“sources say” — it’s sources say…", "sources\u00a0say, sources say"]),  # marks and a no-break space
        (r"\bZoë\b|\bBeyoncé\b", 0, ["Zoë and Beyoncé", "Zoëy Beyoncés", "ÉZoë"]),
        # (?i) folds non-ASCII letters too, and only one letter for one
        (r"(?i)\bécole\b", 0, ["École ÉCOLE école lÉcole"]),
        (r"straße|\bk\b", 2, ["STRASSE Straße STRAẞE K x k"]),
        (r"\w+", 0, ["Beyoncé 12 ñandú_x ü 東京 ٣٤"]),
        (r"[^\W\d_]+", 0, ["Beyoncé 12 ñandú_x ü"]),
        (r"\d+|\s+", 0, ["12٣4\u00a0\u2003x\u3000y"]),
        (r"\b(?:it is thought|it is)\b(?!-\w)", 0, ["it is thought-provoking; it is thought - so; it is"]),
        (r"\b(?!(?:Sources?|It|Some)\b)[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*\s+reported\b",
         0, ["Sources reported, Sources Netflix reported, It’s reported, Itself reported, J.K. reported, Zoë reported"]),
        (r"^ab|cd$", 0, ["ab\ncd\n", "xab cd"]),
    ],
)
def test_matches_are_those_of_pythons_re(pattern, flags, texts):
    import re

    from pubcheck.rules.linear import LinearRegex

    linear, python = LinearRegex(pattern, flags), re.compile(pattern, flags)
    for text in texts:
        for start in range(0, min(6, len(text))):
            for end in (len(text), len(text) - 1):
                assert linear.spans(text, start, end) == [m.span() for m in python.finditer(text, start, end)], (text, start, end)


def test_tokens_match_whole_words_in_any_script(tmp_path):
    folder = pack(tmp_path, weasel=EXISTENCE.replace("[sources say, reportedly]", "[caf, zoë]"))
    assert [f.text for f in lint_with(folder, "The café opened. ZOË was there. The caf closed.")] == ["ZOË", "caf"]
