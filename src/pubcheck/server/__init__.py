"""``pubcheck serve``: the newsroom CMS webhook service (docs/webhook.md).

The ASGI application can be mounted in any stack::

    uvicorn --factory pubcheck.server:create_app --workers 2     # settings from the environment
    uvicorn pubcheck.server:app                                   # the same, built on first access

``create_app`` reads the config file and environment (see :mod:`pubcheck.server.settings`);
pass a :class:`~pubcheck.server.settings.Settings` to build it from your own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from .settings import Settings


def create_app(settings: "Settings | None" = None) -> "Starlette":
    from .app import build_app
    from .settings import load_settings

    return build_app(settings or load_settings())


def __getattr__(name: str) -> Any:
    if name == "app":  # built on first access, so importing the package reads no config
        app = globals()["app"] = create_app()
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
