"""Literal words and phrases as one regex that branches on one character at a time (a trie), so
the engine rejects a position after a character or two instead of trying every phrase."""

from __future__ import annotations

import re

__all__ = ["phrase_tree", "trie"]


def phrase_tree(phrases: list[str]) -> dict:
    """The phrases as nested dicts, one level a character; ``""`` marks where a phrase ends."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def trie(phrases: list[str]) -> str:
    """A regex for literal ``phrases`` (a space in one matches any run of white space)."""

    def emit(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(phrase_tree(phrases))
