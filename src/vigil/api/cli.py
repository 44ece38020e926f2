"""``vigil serve`` (API and web UI) and ``vigil api token ...`` (create, list, revoke)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.console import out, print_json, print_table

app = typer.Typer(no_args_is_help=True, help="The HTTP API: tokens for writing (and reading).")
token_app = typer.Typer(no_args_is_help=True, help="API tokens, stored hashed.")
app.add_typer(token_app, name="token")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="vigil.toml to use.")]


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option(help="reader, analyst or admin")] = "analyst",
    name: Annotated[str, typer.Option(help="who holds the token")] = "analyst",
    as_json: JsonOpt = False,
) -> None:
    """Create a token; it is printed once and only its hash is stored."""
    from vigil.api.auth import create_token
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings()) as store:
        principal, token = create_token(store, role, name)
    if as_json:
        print_json({"id": principal.token_id, "name": name, "role": role, "token": token})
        return
    out.print(f"token {principal.token_id} ({role}, {name}); keep it, it is not shown again:")
    print(token)


@token_app.command("list")
def token_list(as_json: JsonOpt = False) -> None:
    """List tokens (never their secrets)."""
    from vigil.api.auth import list_tokens
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings()) as store:
        found = list_tokens(store)
    if as_json:
        print_json(found)
        return
    print_table("API tokens", ["id", "name", "role", "created", "revoked"],
                [tuple(t.values()) for t in found])  # fmt: skip


@token_app.command("revoke")
def token_revoke(token_id: str, as_json: JsonOpt = False) -> None:
    """Revoke a token by its id."""
    from vigil.api.auth import revoke_token
    from vigil.errors import ConfigError
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings()) as store:
        done = revoke_token(store, token_id)
    if not done:
        raise ConfigError(f"no live token {token_id!r}")
    print_json({"revoked": token_id}) if as_json else out.print(f"revoked {token_id}")


def serve_command(
    config: ConfigOpt = None,
    host: Annotated[str | None, typer.Option(help="address (default: [api] host)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default: [api] port)")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="processes answering /match (default: [api] workers)"),
    ] = None,
) -> None:
    """Serve the API and the web UI (map, findings, vessels, screening, report download)."""
    from vigil.api.workers import serve
    from vigil.run.config import load_config
    from vigil.settings import get_settings

    settings = get_settings()
    loaded = load_config(settings, config)
    if workers is not None:
        loaded = loaded.model_copy(
            update={"api": loaded.api.model_copy(update={"workers": workers})}
        )
    bind_host, bind_port = host or loaded.api.host, port or loaded.api.port
    out.print(
        f"Vigil UI: http://{bind_host}:{bind_port}/  API docs: /docs  store: {settings.db_path}"
        f"  /match processes: {loaded.api.workers}"
    )
    serve(settings, loaded, bind_host, bind_port)
