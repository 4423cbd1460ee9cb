"""Run the app with uvicorn: ``storyline serve`` and ``storyline demo``."""

from __future__ import annotations

from typing import Callable

from ..errors import ConfigError


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          on_ready: Callable[[str], None] | None = None, log_level: str = "warning") -> None:
    """Serve the web UI and API over ``db`` until interrupted; ``on_ready`` gets the address."""
    import uvicorn

    from .app import create_app

    if not 0 < port < 65536:
        raise ConfigError(f"port must be 1-65535, got {port}")
    app = create_app(db, token=token)
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=False)
    server = uvicorn.Server(config)
    if on_ready:
        address = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
        original = server.startup

        async def startup(sockets=None):
            await original(sockets=sockets)
            if server.started:
                on_ready(address)

        server.startup = startup  # type: ignore[method-assign]
    server.run()
