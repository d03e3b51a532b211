"""The service's settings: the ``server:`` section of the pubcheck config, then environment variables.

Configuration comes only from the config file (``--config``/``PUBCHECK_CONFIG``, else the one
found from the working directory), the environment, and ``pubcheck serve``'s flags (which it
passes to its worker processes as environment variables). An environment variable overrides the
file, so secrets can stay out of it. Every mistake is one line naming the file, line and key (or
the variable), like the rest of pubcheck's config errors.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Callable, Mapping

from ..config import Config, discover, load_config, parse_seconds, parse_size
from ..errors import ConfigError
from ..yamlfile import LineDict
from . import signatures
from .adapters import ADAPTERS, FORMATS, FieldMap

DEFAULT_TIMEOUT = 5.0  # seconds; well inside Strapi's 10 s (Ghost's endpoint has its own, shorter)
DEFAULT_MAX_BODY_SIZE = 2 * 1024 * 1024  # a 100,000-word article as Contentful Rich Text fits
DEFAULT_MAX_CONCURRENT = 1  # lint processes per worker process; one per core in all, with --workers
DEFAULT_MAX_QUEUE = 64  # lint jobs waiting per worker process before 503
DEFAULT_LINT_MEMORY = 1024**3  # bytes one lint may add to its worker process; a 2 MB article needs 100-150 MB
DEFAULT_HEADER_TIMEOUT = 10.0  # seconds for a request's headers to arrive; a slowloris sender is cut off
DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 64  # per client address and worker process: above a proxy's pool or benchmarks/load.py's 32 clients
DEFAULT_REPLAY_WINDOW = 300.0  # seconds; covers Ghost's retries, which resend the original timestamp
INSECURE_ENV = "PUBCHECK_INSECURE_NO_AUTH"
CONFIG_ENV = "PUBCHECK_CONFIG"
TOP_KEYS = ("webhook-secret", "max-body-size", "timeout", "header-timeout", "max-concurrent", "max-queue",
            "lint-memory", "max-connections-per-client", "replay-window", "replay-cache", "callback-url", "callback-secret", "hooks")
HOOK_KEYS = ("secret", "timeout", "content-types", "locale", "legacy-signature")
FIELD_KEYS = ("title", "body", "description", "keyphrase", "url", "format")


@dataclass(frozen=True)
class Endpoint:
    """One webhook endpoint: ``lint`` (``/v1/lint``) or a CMS (``/v1/hooks/<name>``)."""

    name: str
    secrets: tuple[str, ...]
    timeout: float
    scheme: signatures.Scheme | None  # the CMS's own signature; None: only X-Pubcheck-Signature
    fields: Mapping[str, FieldMap] = field(default_factory=dict)  # content type ("*": any) -> field map
    default_fields: FieldMap = FieldMap()
    locale: str | None = None  # Contentful: which locale to read

    @property
    def path(self) -> str:
        return "/v1/lint" if self.name == "lint" else f"/v1/hooks/{self.name}"

    @property
    def secret_variable(self) -> str:
        return secret_variable(self.name)

    def fields_for(self, content_type: str | None) -> FieldMap:
        return self.fields.get(content_type or "", self.fields.get("*", self.default_fields))


@dataclass(frozen=True)
class Settings:
    config: Config
    endpoints: Mapping[str, Endpoint]
    insecure_no_auth: bool = False
    max_body_size: int = DEFAULT_MAX_BODY_SIZE
    max_concurrent: int = DEFAULT_MAX_CONCURRENT
    max_queue: int = DEFAULT_MAX_QUEUE
    lint_memory: int = DEFAULT_LINT_MEMORY
    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    max_connections_per_client: int = DEFAULT_MAX_CONNECTIONS_PER_CLIENT
    replay_window: float = DEFAULT_REPLAY_WINDOW
    replay_cache: Path = Path(tempfile.gettempdir()) / f"pubcheck-{os.getuid() if hasattr(os, 'getuid') else 'user'}" / "replay.sqlite3"
    callback_url: str | None = None
    callback_secrets: tuple[str, ...] = ()

    def enabled(self, endpoint: Endpoint) -> bool:
        """An endpoint without a secret is refused unless the operator passed --insecure-no-auth."""
        return bool(endpoint.secrets) or self.insecure_no_auth


def env_name(key: str) -> str:
    return "PUBCHECK_" + key.upper().replace("-", "_")


def secret_variable(endpoint: str) -> str:
    """PUBCHECK_WEBHOOK_SECRET for /v1/lint, PUBCHECK_<CMS>_SECRET for a CMS endpoint."""
    return env_name("webhook-secret" if endpoint == "lint" else f"{endpoint}-secret")


def load_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """Read and validate everything; raises ConfigError (one line) when something is wrong or nothing is secured."""
    config_path = environ.get(CONFIG_ENV)
    config = load_config(config_path) if config_path else discover(Path.cwd())
    top = _Section(config, config.shell_section("server"), "server", environ)
    top.only(TOP_KEYS)
    timeout = top.value("timeout", parse_seconds, DEFAULT_TIMEOUT)
    hooks = top.child("hooks")
    hooks.only(tuple(ADAPTERS))
    endpoints = {"lint": Endpoint("lint", top.value("webhook-secret", _secrets, ()), timeout, None)}
    for name, adapter in ADAPTERS.items():
        hook = hooks.child(name)
        hook.only(HOOK_KEYS)
        scheme = adapter.scheme
        if hook.value("legacy-signature", _flag, False, env=False):
            if name != "ghost":
                raise hook.error("legacy-signature", "only Ghost has a legacy signature form")
            scheme = replace(scheme, verifier=partial(signatures.ghost, legacy=True))
        endpoints[name] = Endpoint(
            name,
            hook.value("secret", _secrets, (), env=secret_variable(name)),
            hook.value("timeout", parse_seconds, min(timeout, adapter.timeout or timeout), env=False),
            scheme,
            _content_types(hook.child("content-types"), adapter.fields),
            adapter.fields,
            hook.value("locale", _string, None, env=False),
        )
    settings = Settings(
        config=config,
        endpoints=endpoints,
        insecure_no_auth=_insecure(environ),
        max_body_size=top.value("max-body-size", parse_size, DEFAULT_MAX_BODY_SIZE),
        max_concurrent=top.value("max-concurrent", _count(1), DEFAULT_MAX_CONCURRENT),
        max_queue=top.value("max-queue", _count(0), DEFAULT_MAX_QUEUE),
        lint_memory=top.value("lint-memory", parse_size, DEFAULT_LINT_MEMORY),
        header_timeout=top.value("header-timeout", parse_seconds, DEFAULT_HEADER_TIMEOUT),
        max_connections_per_client=top.value("max-connections-per-client", _count(1), DEFAULT_MAX_CONNECTIONS_PER_CLIENT),
        # a window for telling replayed deliveries, not a timer: any finite length (tests use years)
        replay_window=top.value("replay-window", partial(parse_seconds, most=1e12), DEFAULT_REPLAY_WINDOW),
        replay_cache=top.value("replay-cache", top.path, Settings.replay_cache),
        callback_url=top.value("callback-url", _url, None),
        callback_secrets=top.value("callback-secret", _secrets, ()),
    )
    if not any(settings.enabled(e) for e in endpoints.values()):
        raise ConfigError(
            "no webhook secret is configured, so every endpoint would be refused: set PUBCHECK_WEBHOOK_SECRET "
            "or a CMS secret (PUBCHECK_GHOST_SECRET, …; see docs/webhook.md), or pass --insecure-no-auth"
        )
    if settings.callback_url and not settings.callback_secrets:
        raise top.error("callback-url", "a callback URL needs callback-secret (or PUBCHECK_CALLBACK_SECRET) to sign what it sends")
    return settings


def _insecure(environ: Mapping[str, str]) -> bool:
    try:
        return _flag(environ.get(INSECURE_ENV, ""))
    except ValueError as exc:
        raise ConfigError(f"environment variable {INSECURE_ENV}: {exc}") from None


def _content_types(section: "_Section", defaults: FieldMap) -> dict[str, FieldMap]:
    """``content-types: {TYPE: {title: PATH, body: [PATH, …], format: markdown}}``, each over the adapter's defaults."""
    result = {}
    for content_type in section.data:
        entry = section.child(content_type)
        entry.only(FIELD_KEYS)
        given = {name: entry.value(name, _paths, None, env=False) for name in FIELD_KEYS[:-1]}
        fmt = entry.value("format", _choice(FORMATS), defaults.format, env=False)
        result[str(content_type)] = replace(defaults, format=fmt, **{k: v for k, v in given.items() if v is not None})
    return result


class _Section:
    """A mapping of the ``server:`` section being validated; errors read ``FILE:LINE: server.KEY: problem``."""

    def __init__(self, config: Config, data: Any, label: str, environ: Mapping[str, str]):
        self.config = config
        self.data = {} if data is None else data
        self.label = label
        self.environ = environ
        if not isinstance(self.data, dict):
            raise ConfigError(f"{config.source}: {label}: expected a mapping of settings")

    def error(self, key: str, problem: str) -> ConfigError:
        line = self.data.line_of(key) if isinstance(self.data, LineDict) else None
        where = f"{self.config.source}:{line}" if line else self.config.source
        return ConfigError(f"{where}: {self.label}.{key}: {problem}")

    def only(self, keys: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in keys:
                raise self.error(str(key), f"unknown key; expected one of {', '.join(keys)}")

    def child(self, key: str) -> "_Section":
        return _Section(self.config, self.data.get(key), f"{self.label}.{key}", self.environ)

    def value(self, key: str, parse: Callable[[Any], Any], default: Any, env: str | bool = True) -> Any:
        """The setting from its environment variable (``PUBCHECK_KEY`` unless named), else the file, else ``default``."""
        variable = env_name(key) if env is True else env
        if variable and self.environ.get(variable, "").strip():  # set but empty counts as unset
            try:
                return parse(self.environ[variable])
            except ValueError as exc:
                raise ConfigError(f"environment variable {variable}: {exc}") from None
        if key not in self.data:
            return default
        try:
            return parse(self.data[key])
        except ValueError as exc:
            raise self.error(key, str(exc)) from None

    def path(self, value: Any) -> Path:
        """A file path; relative to the config file's folder."""
        return self.config.root / _string(value)


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a non-empty string, got {value!r}")
    return value.strip()


def _secrets(value: Any) -> tuple[str, ...]:
    """One secret, or a list while rotating (a signature made with any of them passes)."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError("expected a secret (a non-empty string) or a list of them")
    return tuple(v.strip() for v in values)


def _paths(value: Any) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError("expected a dotted field path (seo.metaDescription) or a list of them, first present wins")
    return tuple(v.strip() for v in values)




def _count(minimum: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise ValueError(f"expected a whole number, at least {minimum}, got {value!r}")
        return value

    return parse


def _url(value: Any) -> str:
    url = _string(value)
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"expected an http:// or https:// URL, got {value!r}")
    return url


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on", "0", "false", "no", "off", ""):
        return value.strip().lower() in ("1", "true", "yes", "on")
    raise ValueError(f"expected true or false, got {value!r}")


def _choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, got {value!r}")
        return value

    return parse
