"""YAML that remembers line numbers, so config and rule-pack errors can point at the line."""

from __future__ import annotations


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


def load(text: str):
    """Parse one YAML document; mappings and sequences carry line numbers. Raises YamlError."""
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
