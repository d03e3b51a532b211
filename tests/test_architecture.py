"""The one-way arrows between pubcheck's parts, read from the source with ``ast``: a rule imports no
other rule, and the layers below the rules (reading, shared text knowledge, data tables, cache)
never import a rule, a reporter or a shell."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "pubcheck"
# The rule framework: what every rule may build on, and the YAML kinds' own machinery.
FRAMEWORK = {"__init__", "base", "registry", "packs", "kinds", "linear"}
SHELLS = ("pubcheck.report", "pubcheck.cli", "pubcheck.server", "pubcheck.engine", "pubcheck.executor")


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    return imported(path.read_text(encoding="utf-8"), package)


def imported(source: str, package: str) -> set[str]:
    """Every module ``source`` (a module of ``package``) imports, anywhere in it (inside functions
    too), as absolute names; ``from .x import y`` counts as importing ``.x`` and ``.x.y``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def modules(folder: str) -> list[Path]:
    return sorted((SOURCE / folder).rglob("*.py")) if (SOURCE / folder).is_dir() else [SOURCE / f"{folder}.py"]


def test_the_reader_resolves_relative_imports():
    path = SOURCE / "rules" / "spelling.py"
    found = imports(path)
    assert "pubcheck.rules.base" in found and "pubcheck.text.lexicon" in found and "pubcheck.document.sentences" in found


RULE_MODULES = [path for path in modules("rules") if path.stem not in FRAMEWORK]


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.stem)
def test_a_rule_imports_no_other_rule(path):
    """Shared knowledge lives in ``pubcheck.text``; a rule module reaches only the rule framework."""
    rules = {name for name in imports(path) if name.startswith("pubcheck.rules.")}
    others = {name for name in rules if name.split(".")[2] not in FRAMEWORK}
    assert not others, f"{path.name} imports {sorted(others)}: move what is shared to pubcheck.text"


def private_names(source: str) -> set[str]:
    """The underscored names ``source`` takes from other modules (``from .kinds import _fix``)."""
    return {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.level
        for alias in node.names
        if alias.name.startswith("_") and alias.name != "__version__"
    }


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.stem)
def test_a_rule_takes_no_private_name_from_another_module(path):
    assert not private_names(path.read_text(encoding="utf-8")), "ask for a public name of pubcheck.text or the framework"


def test_the_private_name_check_can_fail():
    assert private_names("def fix():\n    from .kinds import _replacement_fix\n") == {"_replacement_fix"}


@pytest.mark.parametrize("path", RULE_MODULES + [SOURCE / "rules" / f"{name}.py" for name in sorted(FRAMEWORK)], ids=lambda p: p.stem)
def test_a_rule_imports_no_reporter_or_shell(path):
    assert not {name for name in imports(path) if name.startswith(SHELLS)}


LOWER_LAYERS = [path for folder in ("document", "text", "data", "cache") for path in modules(folder)]


@pytest.mark.parametrize("path", LOWER_LAYERS, ids=lambda p: module_name(p))
def test_the_layers_below_the_rules_never_import_them(path):
    above = {name for name in imports(path) if name == "pubcheck.rules" or name.startswith(("pubcheck.rules.", *SHELLS))}
    assert not above, f"{module_name(path)} imports {sorted(above)}"


def test_the_check_sees_a_rule_reaching_into_another():
    """The check itself can fail: relative imports of a sibling rule and of a shared module, at
    the top and inside a function, resolve to the modules they name."""
    source = "from .spelling import misspellings\n\ndef check():\n    from ..text import quotes\n"
    found = imported(source, "pubcheck.rules")
    assert {"pubcheck.rules.spelling", "pubcheck.text", "pubcheck.text.quotes"} <= found
    assert {n for n in found if n.startswith("pubcheck.rules.") and n.split(".")[2] not in FRAMEWORK}


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.stem)
def test_a_rule_asks_the_data_layer_for_its_tables(path):
    """A rule asks ``pubcheck.data`` for "the English word table" and never sees a cache file."""
    assert "pubcheck.cache" not in imports(path), f"{path.name} imports pubcheck.cache: add an accessor to pubcheck.data"


@pytest.mark.parametrize("path", [SOURCE / "report", SOURCE / "cli.py", SOURCE / "server"], ids=lambda p: p.stem)
def test_the_shells_and_reporters_never_reach_into_a_rule(path):
    """Shells and reporters see rules through the engine and the registry, never a rule module."""
    for module in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
        reach = {n for n in imports(module) if n.startswith("pubcheck.rules.") and n.split(".")[2] not in FRAMEWORK}
        assert not reach, f"{module_name(module)} imports {sorted(reach)}"


def entry_points() -> dict[str, str]:
    """The built-in rules' entry points in pyproject.toml: rule id -> "module:Class"."""
    import tomllib

    project = tomllib.loads((SOURCE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    return project["project"]["entry-points"]["pubcheck.rules"]


def rule_classes(path: Path) -> list[str]:
    return [node.name for node in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(node, ast.ClassDef) and any(getattr(base, "id", None) == "Rule" for base in node.bases)]


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.stem)
def test_one_rule_a_module_named_after_its_id(path):
    registered = {rule: target for rule, target in entry_points().items() if target.startswith(f"{module_name(path)}:")}
    assert len(rule_classes(path)) == 1 and len(registered) == 1, f"{path.name}: one rule a module"
    ((rule, target),) = registered.items()
    assert rule.replace("-", "_") == path.stem and target.endswith(f":{rule_classes(path)[0]}")


def test_every_built_in_rule_has_its_module():
    assert {rule.replace("-", "_") for rule in entry_points()} == {path.stem for path in RULE_MODULES}
