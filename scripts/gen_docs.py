"""Regenerate docs/cli.md (from every command's --help) and docs/settings.md
(from the settings table). tests/test_docs.py fails when they are stale:
run `python scripts/gen_docs.py` after changing a command or a setting."""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.cli import cli  # noqa: E402
from storyline.settings import SETTINGS  # noqa: E402


def _commands(group: click.Group, prefix: list[str]):
    ctx = click.Context(group, info_name=" ".join(prefix))
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield prefix + [name], command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + [name])


def _help(path: list[str], command: click.Command) -> str:
    ctx = click.Context(command, info_name=" ".join(path), max_content_width=100, terminal_width=100)
    return command.get_help(ctx)


def cli_markdown() -> str:
    parts = ["# Command-line reference", "",
             "Generated from `--help` by `python scripts/gen_docs.py`; do not edit by hand.", "",
             "```", _help(["storyline"], cli), "```", ""]
    for path, command in _commands(cli, ["storyline"]):
        parts += [f"## `{' '.join(path)}`", "", "```", _help(path, command), "```", ""]
    return "\n".join(parts)


def settings_markdown() -> str:
    rows = ["# Settings", "",
            "Each setting is an option of the commands that use it, an environment variable, or its default",
            "(in that order of precedence). Generated from `storyline/settings.py` by",
            "`python scripts/gen_docs.py`.", "",
            "| setting | environment variable | default | type | meaning |",
            "|---|---|---|---|---|"]
    for s in SETTINGS:
        rows.append(f"| `{s.name}` | `{s.env}` | `{s.default}` | {s.type.__name__} | {s.help} |")
    return "\n".join(rows) + "\n"


GENERATED = {"docs/cli.md": cli_markdown, "docs/settings.md": settings_markdown}

if __name__ == "__main__":
    for rel, make in GENERATED.items():
        (ROOT / rel).write_text(make(), encoding="utf-8")
        print(f"wrote {rel}")
