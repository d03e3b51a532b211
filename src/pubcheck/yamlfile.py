"""YAML that remembers line numbers, so config and rule-pack errors can point at the line."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from . import cache


class YamlError(ValueError):
    """The file is not valid YAML; the message says what and on which line."""


class DuplicateKeyError(YamlError):
    """A mapping names the same key twice: which value was meant cannot be known."""

    def __init__(self, key, line: int, first_line: int):
        super().__init__(f"line {line}: duplicate key {key!r} (first on line {first_line})")
        self.key, self.line, self.first_line = key, line, first_line


# A config or a pack is a few kilobytes; these bounds refuse a hostile file before it costs
# time or memory. PyYAML composes an alias as a reference to its anchor's node, so a "billion
# laughs" document is small until it is built: its size is counted on the composed graph.
MAX_BYTES = 1024 * 1024
MAX_VALUES = 100_000


class LineDict(dict):
    """A mapping from a YAML file; ``line`` is where it starts, ``lines[key]`` where each key is."""

    line: int = 0
    lines: dict

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    line: int = 0
    lines: list


def _convert(node, loader):
    import yaml

    if isinstance(node, yaml.MappingNode):
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.lines = {}
        _check_unique_keys(node, loader)
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            result[key] = _convert(value_node, loader)
            result.lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LineList(_convert(item, loader) for item in node.value)
        result.line = node.start_mark.line + 1
        result.lines = [item.start_mark.line + 1 for item in node.value]
        return result
    return loader.construct_object(node, deep=True)


def _check_unique_keys(node, loader) -> None:
    """A key written twice in one mapping is an error (keys merged in with ``<<`` may be overridden)."""
    seen: dict = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            if key in seen:
                raise DuplicateKeyError(key, line, seen[key])
            seen[key] = line
        except TypeError:  # an unhashable key: left to the constructor to report
            continue


def _expanded_size(root) -> int:
    """How many values ``root`` builds into, each alias counted in full (at most MAX_VALUES + 1).
    Linear in the composed graph: each node is sized once; an alias inside its own anchor counts
    as too many."""
    import yaml

    VISITING = -1
    sizes: dict[int, int] = {}
    stack = [(root, False)]
    while stack:
        node, children_sized = stack.pop()
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            children = node.value if isinstance(node, yaml.SequenceNode) else []
        if children_sized:
            sizes[id(node)] = min(MAX_VALUES + 1, 1 + sum(sizes[id(child)] for child in children))
            continue
        state = sizes.get(id(node))
        if state == VISITING:
            return MAX_VALUES + 1
        if state is not None:
            continue
        sizes[id(node)] = VISITING
        stack.append((node, True))
        stack.extend((child, False) for child in children)
    return sizes[id(root)]


PARSES = "yaml"  # the cache folder's subfolder: one parse per file read lately
KEEP = 64


def load(text: str, path: Path | None = None):
    """Parse one YAML document; mappings and sequences carry line numbers. Raises YamlError.

    With the ``path`` it came from, a good parse is kept in the cache folder and reused while
    the file's text is the same: a run that reads only unchanged files (the shipped rule pack,
    a repository's config) does not import the YAML parser (~25 ms with parsing). A broken file
    is parsed every time, so its error is always the parser's own."""
    if path is None:
        return _parse(text)
    name = f"{PARSES}/{zlib.crc32(os.path.abspath(path).encode()):08x}.marshal"
    return _thaw(cache.cached(name, lambda: _freeze(_parse(text)), key=text, keep=KEEP))


def _parse(text: str):
    import yaml  # here, not at the top: runs that read no YAML do not pay for importing it

    if len(text) > MAX_BYTES:
        raise YamlError(f"the file is over {MAX_BYTES // 1024 // 1024} MB; a config or a rule pack is never that large")
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node) > MAX_VALUES:
            raise YamlError(f"line {node.start_mark.line + 1}: aliases expand to over {MAX_VALUES:,} values; refusing to build it")
        return _convert(node, loader)
    except RecursionError:
        raise YamlError("nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlError(f"line {mark.line + 1}: {problem}" if mark else problem) from None
    finally:
        loader.dispose()


# A parse as plain values marshal can store: ("map", line, [(key, line, value), …]) and
# ("seq", line, [(line, value), …]); YAML scalars never load as tuples, so these are unambiguous.
def _freeze(value):
    if isinstance(value, LineDict):
        return ("map", value.line, [(key, value.lines[key], _freeze(item)) for key, item in value.items()])
    if isinstance(value, LineList):
        return ("seq", value.line, [(line, _freeze(item)) for line, item in zip(value.lines, value)])
    return value


def _thaw(value):
    if type(value) is not tuple:
        return value
    kind, line, items = value
    if kind == "map":
        result = LineDict((key, _thaw(item)) for key, _, item in items)
        result.lines = {key: key_line for key, key_line, _ in items}
    else:
        result = LineList(_thaw(item) for _, item in items)
        result.lines = [item_line for item_line, _ in items]
    result.line = line
    return result
