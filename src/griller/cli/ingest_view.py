"""Terminal views for ingest, match and plan: what a person reads after each command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape

if TYPE_CHECKING:
    from rich.console import Console

    from griller.coach.ingesting import IngestResult
    from griller.domain.match import MatchReport
    from griller.domain.plan import InterviewPlan


def _dates(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    return f"{start or '?'} – {end or '?'}"


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def render_result(out: Console, result: IngestResult) -> None:
    search = "hybrid search" if result.vectors else "keyword search only"
    out.print(
        f"[bold]{result.status}[/bold] {result.document_id}  {escape(result.name)}  "
        f"[dim]({result.kind}, {result.extractor}, {result.chunks} chunks, {search})[/dim]"
    )
    if result.profile is not None:
        profile = result.profile
        metric = sum(c.has_metric for c in result.claims)
        out.print(
            f"  {len(profile.experience)} roles · {len(result.claims)} claims ({metric} with a number) · "
            f"{len(profile.skills)} skills · {len(profile.education)} schools · {len(profile.projects)} projects"
        )
        for role in profile.experience:
            out.print(
                f"  • {escape(role.title or '?')} — {escape(role.company or '?')}  "
                f"[dim]{_dates(role.start, role.end)}  {len(role.bullets)} bullets[/dim]"
            )
        if profile.skills:
            shown = ", ".join(profile.skills[:15]) + (" …" if len(profile.skills) > 15 else "")
            out.print(f"  skills: {escape(shown)}")
    if result.job is not None:
        job = result.job
        out.print(
            f"  seniority: {job.seniority or '?'} · {len(job.must)} must-have · {len(job.nice)} nice-to-have · "
            f"skills: {escape(', '.join(job.skills[:12]) or '-')}"
        )


def render_list(out: Console, docs: list[dict[str, Any]]) -> None:
    if not docs:
        out.print("no documents yet: griller ingest resume.pdf")
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for column in ("id", "kind", "name", "claims/reqs", "chunks", "updated"):
        table.add_column(column)
    for doc in docs:
        count = doc["claims"] if doc["kind"] == "resume" else doc["requirements"]
        table.add_row(
            doc["id"],
            doc["kind"],
            escape(doc["name"] or ""),
            str(count),
            str(doc["chunks"]),
            (doc["updated_at"] or "")[:16].replace("T", " "),
        )
    out.print(table)


def render_match(out: Console, report: MatchReport, mode: str) -> None:
    must = [r for r in report.requirements if r.kind == "must"]
    nice = [r for r in report.requirements if r.kind == "nice"]
    out.print(
        f"[bold]Match {report.score}/100[/bold]  {escape(report.job_title)}  "
        f"[dim](résumé {report.resume_id} vs job {report.job_id}; {mode} search; "
        f"seniority {report.seniority or '?'}; ~{report.candidate_years:g} years of roles)[/dim]"
    )
    got_must, got_nice = sum(r.matched for r in must), sum(r.matched for r in nice)
    out.print(f"must-have {got_must}/{len(must)} · nice-to-have {got_nice}/{len(nice)}")
    for req in report.requirements:
        mark = "[green]✓[/green]" if req.matched else "[red]✗[/red]"
        out.print(f" {mark} {escape(f'[{req.kind}]')} {escape(req.text)}")
        if req.matched and req.evidence:
            out.print(f"     [dim]{req.how}:[/dim] “{escape(_short(req.evidence.text))}”")
            if req.missing_skills:
                out.print(f"     [dim]but not on the résumé: {escape(', '.join(req.missing_skills))}[/dim]")
        elif req.missing_skills:
            out.print(f"     [dim]not on the résumé: {escape(', '.join(req.missing_skills))}[/dim]")
    if report.missing_terms:
        out.print(f"key terms the résumé never mentions: {escape(', '.join(report.missing_terms))}")


def render_plan(out: Console, plan: InterviewPlan) -> None:
    s = plan.settings
    out.print(
        f"[bold]Interview plan[/bold]  {len(plan.questions)} questions · {s.type} · start {plan.difficulty}"
        f" · {s.domain}/{s.industry}/{s.persona}  [dim](résumé {plan.resume_id}"
        f"{', job ' + plan.job_id if plan.job_id else ''})[/dim]"
    )
    for q in plan.questions:
        out.print(f"\n[bold]{q.id}[/bold] {escape(f'[{q.kind}, {q.difficulty}]')} {escape(q.text)}")
        ground = "; ".join(f"{g.type} {g.ref}" for g in q.grounding)
        out.print(f"   [dim]why: {escape(q.reason)} — grounded in {escape(ground)}[/dim]")
    if plan.missing_requirements:
        out.print("\njob requirements the résumé does not show: " + escape("; ".join(plan.missing_requirements)))
    for note in plan.notes:
        out.print(f"[yellow]note:[/yellow] {escape(note)}")
