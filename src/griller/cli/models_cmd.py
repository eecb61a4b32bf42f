"""``griller models``: see which models ask and grade, add a GGUF, and try a model with one real call."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from griller.cli.common import EXIT_FAILED, fail, settings, stdout

app = typer.Typer(
    help="Models that ask questions and grade answers (all optional: griller runs model-free).",
    no_args_is_help=True,
)
GGUF_MAGIC = b"GGUF"


@app.command("list")
def list_models(
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the configured asker, judge and fallback, and the GGUF files in the models folder."""
    from griller.llm.spec import SpecError, parse_spec
    from griller.paths import models_dir

    config = settings()
    roles = []
    for role in ("asker", "judge", "fallback"):
        text = getattr(config.models, role)
        try:
            spec = parse_spec(text, api_base=config.models.api_base) if text else None
            roles.append(
                {
                    "role": role,
                    "spec": text or "",
                    "engine": spec.engine if spec else "",
                    "problem": "",
                }
            )
        except SpecError as exc:
            roles.append({"role": role, "spec": text, "engine": "", "problem": str(exc)})
    folder = models_dir()
    files = sorted(folder.glob("*.gguf")) if folder.is_dir() else []
    local = [{"name": p.name, "spec": f"local:{p.stem}", "bytes": p.stat().st_size} for p in files]
    if json_out:
        sys.stdout.write(
            json.dumps({"roles": roles, "models_dir": str(folder), "local": local}, indent=2) + "\n"
        )
        return
    out = stdout()
    from rich.table import Table
    from rich.text import Text

    table = Table(title="configured", title_justify="left")
    for column in ("role", "spec", "engine"):
        table.add_column(column)
    for r in roles:
        engine = Text(r["problem"], style="red") if r["problem"] else Text(r["engine"] or "—")
        table.add_row(r["role"], Text(r["spec"] or "—"), engine)
    out.print(table)
    if not local:
        out.print(
            f"No GGUF models in {folder}. Add one with: griller models add PATH.gguf",
            highlight=False,
        )
        return
    files_table = Table(title=f"local models in {folder}", title_justify="left")
    files_table.add_column("spec")
    files_table.add_column("size", justify="right")
    for item in local:
        files_table.add_row(Text(item["spec"]), f"{item['bytes'] / 1e6:.0f} MB")
    out.print(files_table)


@app.command("add")
def add(
    path: Annotated[Path, typer.Argument(help="A .gguf model file.", show_default=False)],
    link: Annotated[bool, typer.Option("--link", help="Symlink instead of copying.")] = False,
    name: Annotated[
        str | None, typer.Option("--name", help="File name in the models folder.")
    ] = None,
) -> None:
    """Copy (or link) a GGUF model into griller's models folder, so local:NAME finds it."""
    import shutil

    from griller.paths import models_dir

    source = path.expanduser()
    if not source.is_file():
        fail(f"{path}: no such file")
    with source.open("rb") as handle:
        if handle.read(4) != GGUF_MAGIC:
            fail(f"{path}: not a GGUF model file")
    target_name = name or source.name
    if not target_name.endswith(".gguf"):
        target_name += ".gguf"
    folder = models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / target_name
    if target.exists() or target.is_symlink():
        fail(f"{target} already exists (remove it, or pass --name)")
    if link:
        target.symlink_to(source.resolve())
    else:
        shutil.copyfile(source, target)
    stdout().print(f"added {target}\nuse it with: --judge local:{target.stem}", highlight=False)


@app.command("test")
def test(
    spec: Annotated[
        str,
        typer.Argument(
            help="Model spec: a .gguf path, local:NAME or provider/model.", show_default=False
        ),
    ],
    api_base: Annotated[
        str | None, typer.Option("--api-base", help="OpenAI-compatible server URL.", metavar="URL")
    ] = None,
    threads: Annotated[
        int | None, typer.Option("--threads", min=1, help="CPU threads for a local model.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Run one structured grading call and report latency, tokens/s and whether the JSON validated."""
    from griller.coach.model_check import check_model
    from griller.llm.spec import SpecError

    config = settings()
    try:
        report = check_model(
            config,
            spec,
            api_base=api_base if api_base is not None else config.models.api_base,
            n_threads=threads,
        )
    except SpecError as exc:
        fail(str(exc))
    if json_out:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        out = stdout()
        status = (
            "[green]valid JSON[/green]"
            if report["valid"]
            else f"[red]failed[/red]: {_escape(report['error'])}"
        )
        out.print(f"{_escape(report['engine'])}: {status}", highlight=False)
        out.print(
            f"latency {report['seconds']:.2f} s, {report['completion_tokens']} tokens, "
            f"{report['tokens_per_second']:.1f} tokens/s",
            highlight=False,
        )
    if not report["valid"]:
        raise typer.Exit(EXIT_FAILED)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
