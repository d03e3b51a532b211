"""Errors a user can act on. Each carries a one-line message; the shells decide the exit code."""

from __future__ import annotations


class PubcheckError(Exception):
    """Base class: the message is shown to the user as is, on one line."""


class InputError(PubcheckError):
    """An article could not be read (binary, undecodable, too large, missing)."""


class ConfigError(PubcheckError):
    """A configuration file is broken: names the file, the key and what was expected."""


class RulePackError(PubcheckError):
    """A YAML rule pack is broken: names the pack file, the rule and the line."""


class UsageError(PubcheckError):
    """The command line asks for something that does not exist."""
