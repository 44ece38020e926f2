"""The ``vigil`` command line: a thin typer app. Each domain adds its own sub-commands."""

from __future__ import annotations

import sys

import typer

from vigil import __version__
from vigil.ais.cli import app as ais_app
from vigil.ais.simulate.cli import simulate_command
from vigil.caps.cli import app as caps_app
from vigil.console import err, print_error
from vigil.demo_cli import demo_command
from vigil.detect.cli import register as register_detect
from vigil.documents.cli import app as docs_app
from vigil.errors import VigilError
from vigil.findings.cli import app as findings_app
from vigil.register.cli import app as register_app
from vigil.run.commands import register as register_main_job
from vigil.screening.cli import register as register_screening
from vigil.trade.cli import app as trade_app

app = typer.Typer(
    name="vigil",
    help="Open monitoring of the UN sanctions on the DPRK.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(register_app, name="register")
app.add_typer(ais_app, name="ais")
app.add_typer(findings_app, name="findings")
app.add_typer(docs_app, name="docs")
app.add_typer(caps_app, name="caps")
app.add_typer(trade_app, name="trade")
app.command("simulate")(simulate_command)
app.command("demo")(demo_command)
register_screening(app)
register_detect(app)
register_main_job(app)


@app.command()
def version() -> None:
    """Print Vigil's version."""
    print(__version__)


def main() -> None:
    """Entry point: run the app and turn Vigil's errors into a message and an exit code."""
    try:
        app(standalone_mode=False)
    except VigilError as exc:
        print_error(str(exc))
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":
    main()
