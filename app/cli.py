"""The `sigap` command: ingest, serve, ask, eval."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from app.errors import ConfigError, SigapError
from app.settings import Settings, load_settings

cli = typer.Typer(help="Sigap: a self-service customer-support assistant.", no_args_is_help=True)
err = Console(stderr=True)

KnowledgeOption = Annotated[
    Path | None, typer.Option("--knowledge", help="Knowledge folder (default: ingest.knowledge_dir).")
]


@cli.callback()
def _root() -> None:
    """Sigap: answers customers from your own knowledge; hands off to a human when unsure."""


DataDirOption = Annotated[Path | None, typer.Option("--data-dir", help="Data folder (default: data_dir).")]


def _settings(knowledge: Path | None = None, data_dir: Path | None = None) -> Settings:
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    settings = load_settings(**overrides)
    if knowledge is not None:
        settings = settings.model_copy(
            update={"ingest": settings.ingest.model_copy(update={"knowledge_dir": knowledge})}
        )
    return settings


@cli.command()
def ingest(
    knowledge: KnowledgeOption = None,
    data_dir: DataDirOption = None,
    check: Annotated[bool, typer.Option("--check", help="Validate only; write nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
) -> None:
    """Index knowledge/ (only what changed). Exit status 1 when any file or entry was rejected."""
    from ingest.pipeline import run_ingest

    settings = _settings(knowledge, data_dir)
    with _progress(enabled=not as_json) as bar:
        task = bar.add_task("Embedding", total=None)
        report = run_ingest(
            settings, check=check, progress=lambda done, total: bar.update(task, completed=done, total=total)
        )
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_ingest_report(report)
    raise typer.Exit(0 if report.ok else 1)


@cli.command()
def serve(
    knowledge: KnowledgeOption = None,
    data_dir: DataDirOption = None,
    host: Annotated[str | None, typer.Option(help="Interface (default: server.host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: server.port, 7860).")] = None,
) -> None:
    """Bring the index up to date with knowledge/, then serve the chat on http://HOST:PORT/, the agent
    console on /agent, the dashboard on /dashboard and the JSON API on /api/v1 (docs: /api/docs)."""
    import logging

    import uvicorn

    from app.components.embedding import create_embedder
    from app.server.app import create_app
    from app.server.services import build_services
    from ingest.pipeline import run_ingest

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("app").setLevel(logging.INFO)
    settings = _settings(knowledge, data_dir)
    embedder = create_embedder(settings.embedding)
    if settings.server.ingest_on_start:
        with _progress(enabled=True) as bar:
            task = bar.add_task("Indexing knowledge", total=None)
            report = run_ingest(
                settings, embedder=embedder, progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
        _print_ingest_report(report)
    services = build_services(settings, embedder)
    try:
        services.engine.warm_up()
        app = create_app(settings, services)
        listen_host, listen_port = host or settings.server.host, port or settings.server.port
        err.print(f"Sigap is serving on http://{listen_host}:{listen_port}/ (agents: /agent, manager: /dashboard)")
        uvicorn.run(app, host=listen_host, port=listen_port, log_level="warning")
    finally:
        services.close()


@cli.command("agent-hash")
def agent_hash(
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
    ] = False,
) -> None:
    """Print the scrypt hash of an agent's password, for `password_hash` in an [[agents]] table of sigap.toml."""
    from app.handoff import hash_password

    min_chars = 8
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < min_chars:
        err.print(f"[red]sigap:[/red] the password has {len(password)} characters: use at least {min_chars}.")
        raise typer.Exit(2)
    typer.echo(hash_password(password))
    err.print('Put it into sigap.toml:  [[agents]]  name = "..."  password_hash = "<the line above>"  role = "agent"')


@cli.command()
def ask(
    question: Annotated[str, typer.Argument(help="The customer's message.")],
    history: Annotated[
        Path | None, typer.Option(help='JSON file: earlier turns as [{"role": "user", "content": ...}].')
    ] = None,
    data_dir: DataDirOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
) -> None:
    """Answer one message with the same engine as the chat (try knowledge changes from the shell)."""
    from app.answer.models import Answer
    from app.factory import build_engine

    turns = _read_history(history) if history else []
    engine = build_engine(_settings(data_dir=data_dir))
    result: Answer | None = None
    for event in engine.stream(question, turns):
        if isinstance(event, Answer):
            result = event
        elif not as_json:
            typer.echo(event, nl=False)
    assert result is not None
    if as_json:
        typer.echo(json.dumps({"answer": result.text, **result.as_dict()}, ensure_ascii=False, indent=2))
        return
    typer.echo()
    err.print(
        f"[dim]{result.decision}{' (' + result.reason + ')' if result.reason else ''} · confidence "
        f"{result.confidence:.2f} · {result.lang} · {result.generator} · {result.latency_ms:.0f} ms[/dim]"
    )
    for source in result.sources:
        err.print(f"[dim]- {source.title} ({source.doc_id}, {source.score:.3f})[/dim]")


@cli.command("eval")
def eval_command(
    knowledge: KnowledgeOption = None,
    cases: Annotated[Path, typer.Option(help="Eval cases: a .jsonl file or a folder of them.")] = Path("eval/cases"),
    split: Annotated[str, typer.Option(help="Which cases to measure: test, train or all.")] = "test",
    benchmark: Annotated[
        str | None, typer.Option(help="Run a public benchmark instead: banking77, clinc150 or xsid.")
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the metrics as JSON here.")] = None,
    report: Annotated[Path | None, typer.Option(help="Write an HTML report into this folder.")] = None,
    gate: Annotated[bool, typer.Option(help="Exit 1 when a metric is worse than its bound in --thresholds.")] = False,
    thresholds: Annotated[Path, typer.Option(help="Bounds for --gate.")] = Path("eval/thresholds.toml"),
    calibrate: Annotated[
        bool, typer.Option(help="Fit confidence on the train split; save it to answer.calibration.")
    ] = False,
    compare_to: Annotated[
        Path | None,
        typer.Option(
            "--compare", help="An earlier --json file: print what changed, metric by metric and case by case."
        ),
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Measure Sigap: retrieval, answers, handoffs, calibration, latency (see README § Evaluation)."""
    from eval.cli_runner import run_eval_command

    code = run_eval_command(
        _settings(data_dir=data_dir),
        knowledge=knowledge,
        cases=cases,
        split=split,
        benchmark=benchmark,
        json_out=json_out,
        report=report,
        gate=gate,
        thresholds=thresholds,
        calibrate=calibrate,
        console=Console(),
        err=err,
        compare_to=compare_to,
    )
    raise typer.Exit(code)


def _read_history(path: Path) -> list[dict[str, str]]:
    try:
        turns = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"--history {path}: cannot read a JSON list of turns: {exc}") from exc
    if not isinstance(turns, list) or not all(
        isinstance(t, dict) and t.get("role") in ("user", "assistant") and isinstance(t.get("content"), str)
        for t in turns
    ):
        raise ConfigError(f'--history {path}: expected [{{"role": "user"|"assistant", "content": "..."}}, ...]')
    return [{"role": t["role"], "content": t["content"]} for t in turns]


def _progress(*, enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("chunks"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not enabled,
    )


def _print_ingest_report(report: Any) -> None:
    for error in report.errors:
        err.print(f"[red]error[/red] {error}", markup=True, highlight=False)
    for warning in report.warnings:
        err.print(f"[yellow]warning[/yellow] {warning}", markup=True, highlight=False)
    title = "Knowledge check" if report.checked_only else "Ingestion"
    table = Table(title=f"{title} ({report.seconds:.2f} s)")
    for column in ("added", "updated", "removed", "unchanged", "rejected"):
        table.add_column(column, justify="right")
    table.add_row(*(str(getattr(report, c)) for c in ("added", "updated", "removed", "unchanged", "rejected")))
    Console().print(table)
    if report.kept:
        err.print(f"{report.kept} entries of rejected files stay live in their previous version.")
    if report.embedded_chunks:
        err.print(f"{report.embedded_chunks} chunks embedded.")


def main() -> None:
    """Entry point: turn Sigap's own errors into one clear line and exit status 2."""
    try:
        cli()
    except SigapError as exc:
        err.print(f"[red]sigap:[/red] {exc}", markup=True, highlight=False)
        sys.exit(2)
