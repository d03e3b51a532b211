"""YAML that remembers line numbers, so config and rule-pack errors can point at the line."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from . import cache


class YamlError(ValueError):
    """The file is not valid YAML; the message says what and on which line."""


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

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _convert(node, loader)
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
