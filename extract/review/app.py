"""The reviewer's workbench: a Flask app over the outputs of one `extract run`."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, abort, redirect, render_template, request, session, url_for
from werkzeug.exceptions import BadRequest, HTTPException
from werkzeug.wrappers import Response as BaseResponse

from extract.review.agreement import agreement_by_group, paired_decisions
from extract.review.consensus import CONFLICT, PENDING, REJECTED, VERIFIED, FieldState, field_states
from extract.review.decisions import FIELD_ACTIONS, MAX_NAME, RESOLVE, DecisionError, DecisionStore
from extract.review.export import audit_table, items_table, studies_table, to_csv, to_xlsx
from extract.review.pages import SourceMissingError, render_page, source_pdf
from extract.review.recurring import recurring_fields
from extract.review.run_outputs import DOC_ID, Paper, RunOutputs
from extract.review.security import install_guards

DECISIONS_DB = Path(".extract") / "review.sqlite"
PAPER_FILTERS = ("all", "todo", "conflicts", "done")


def create_app(
    out_dir: Path,
    *,
    pdf_dir: Path | None = None,
    access_token: str | None = None,
    loopback_only: bool = True,
) -> Flask:
    """The app for the run in `out_dir`; page images come from the PDFs in `pdf_dir`."""
    outputs = RunOutputs(out_dir)
    store = DecisionStore(out_dir / DECISIONS_DB)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),
        SESSION_COOKIE_SAMESITE="Strict",
        MAX_CONTENT_LENGTH=1 << 20,
    )
    install_guards(app, access_token=access_token, loopback_only=loopback_only)

    def paper_or_404(doc_id: str) -> Paper:
        if not DOC_ID.fullmatch(doc_id) or not outputs.has(doc_id):
            abort(404, f"no paper {doc_id[:80]!r} in this run")
        return outputs.paper(doc_id)

    def reviewer_or_redirect() -> str | BaseResponse:
        name = session.get("reviewer")
        if not name:
            return redirect(url_for("reviewer", next=request.referrer and _local(request.referrer)))
        return str(name)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {"reviewer_name": session.get("reviewer", ""), "run_dir": out_dir.name or str(out_dir)}

    @app.errorhandler(HTTPException)
    def _error(exc: HTTPException) -> tuple[str, int]:
        return render_template("error.html", error=exc), exc.code or 500

    @app.errorhandler(DecisionError)
    def _bad_decision(exc: DecisionError) -> tuple[str, int]:
        return _error(BadRequest(str(exc)))

    @app.get("/")
    def papers() -> str:
        show = request.args.get("show", "all")
        if show not in PAPER_FILTERS:
            abort(400, f"unknown filter {show!r}: use one of {', '.join(PAPER_FILTERS)}")
        query = request.args.get("q", "").strip()
        states = field_states(store.standing())
        me = session.get("reviewer", "")
        listed = []
        for paper in outputs.papers():
            counts = _counts(paper, states, me)
            if query and query.casefold() not in f"{paper.title} {paper.file}".casefold():
                continue
            if (show == "todo" and not counts["pending"]) or (show == "conflicts" and not counts["conflict"]):
                continue
            if show == "done" and (counts["pending"] or counts["conflict"]):
                continue
            listed.append((paper, counts))
        return render_template("papers.html", listed=listed, show=show, query=query, total=len(outputs.doc_ids),
                               filters=PAPER_FILTERS)

    @app.route("/reviewer", methods=["GET", "POST"])
    def reviewer() -> str | BaseResponse:
        target = _local(request.values.get("next") or "") or url_for("papers")
        if request.method == "POST":
            name = " ".join(request.form.get("name", "").split())
            if not 0 < len(name) <= MAX_NAME:
                abort(400, f"enter a reviewer name of 1 to {MAX_NAME} characters")
            session["reviewer"] = name
            return redirect(target, code=303)
        return render_template("reviewer.html", next=target)

    @app.get("/paper/<doc_id>")
    def paper(doc_id: str) -> str:
        item = paper_or_404(doc_id)
        me = session.get("reviewer", "")
        standing = store.standing(doc_id)
        mine = {d.field: d for d in standing if d.reviewer == me and d.action != RESOLVE}
        selected = request.args.get("field") or next((f.key for f in item.fields if f.key not in mine), "")
        selected_field = item.field(selected) or (item.fields[0] if item.fields else None)
        try:
            source_pdf(app.config["PDF_DIR"], item.source)
            source_problem = ""
        except SourceMissingError as exc:
            source_problem = str(exc)
        page = _int_arg("page") or (selected_field.evidence.page if selected_field else None) or 1
        ids = outputs.doc_ids
        position = ids.index(doc_id)
        return render_template(
            "paper.html",
            paper=item,
            mine=mine,
            selected=selected_field.key if selected_field else "",
            page=min(max(page, 1), max(len(item.pages), 1)),
            source_problem=source_problem,
            viewer=_viewer_data(item),
            history=store.history(doc_id),
            previous_id=ids[position - 1] if position > 0 else None,
            next_id=ids[position + 1] if position + 1 < len(ids) else None,
        )

    @app.get("/paper/<doc_id>/page/<int:number>.png")
    def page_image(doc_id: str, number: int) -> Response:
        item = paper_or_404(doc_id)
        try:
            png = render_page(source_pdf(app.config["PDF_DIR"], item.source), number)
        except SourceMissingError as exc:
            abort(404, str(exc))
        except IndexError as exc:
            abort(404, str(exc))
        return Response(png, mimetype="image/png", headers={"Cache-Control": "private, max-age=3600"})

    @app.post("/paper/<doc_id>/decide")
    def decide(doc_id: str) -> BaseResponse:
        item = paper_or_404(doc_id)
        me = reviewer_or_redirect()
        if not isinstance(me, str):
            return me
        key, action = request.form.get("field", ""), request.form.get("action", "")
        field = item.field(key)
        if field is None:
            abort(400, f"this paper has no field {key[:200]!r}")
        if action not in FIELD_ACTIONS:
            abort(400, f"action must be one of {', '.join(FIELD_ACTIONS)}")
        value = request.form.get("value") if action == "edit" else None
        if value is not None and key in NUMERIC_FIELDS and not NUMBER.fullmatch(value.strip()):
            abort(400, f"{field.label} takes a number (such as 60 or 12.5), not {value[:40]!r}")
        store.record(doc_id, key, me, action, value=value, suggested=field.value, note=request.form.get("note", "").strip())
        keys = [f.key for f in item.fields]
        following = keys[(keys.index(key) + 1) % len(keys)]
        return redirect(url_for("paper", doc_id=doc_id, field=following), code=303)

    @app.post("/paper/<doc_id>/undo")
    def undo(doc_id: str) -> BaseResponse:
        item = paper_or_404(doc_id)
        me = reviewer_or_redirect()
        if not isinstance(me, str):
            return me
        undone = store.undo_last(doc_id, me)
        key = undone.field if undone else request.form.get("field", "")
        return redirect(url_for("paper", doc_id=doc_id, field=key if item.field(key) else None), code=303)

    @app.get("/agreement")
    def agreement() -> str:
        standing = store.standing()
        reviewers = sorted({d.reviewer for d in standing if d.action != RESOLVE})
        first = request.args.get("a") or (reviewers[0] if reviewers else "")
        second = request.args.get("b") or next((r for r in reviewers if r != first), "")
        pairs = paired_decisions(standing, first, second) if first and second and first != second else {}
        states = field_states(standing)
        conflicts = []
        for (doc_id, key), (a, b) in sorted(pairs.items()):
            if a.outcome != b.outcome and outputs.has(doc_id):
                item = outputs.paper(doc_id)
                field = item.field(key)
                if field is not None:
                    conflicts.append((item, field, a, b, states[doc_id, key].resolution))
        return render_template("agreement.html", reviewers=reviewers, first=first, second=second,
                               rows=agreement_by_group(pairs), conflicts=conflicts)

    @app.post("/resolve")
    def resolve() -> BaseResponse:
        me = reviewer_or_redirect()
        if not isinstance(me, str):
            return me
        doc_id, key = request.form.get("doc_id", ""), request.form.get("field", "")
        item = paper_or_404(doc_id)
        field = item.field(key)
        if field is None:
            abort(400, f"this paper has no field {key[:200]!r}")
        rejected = request.form.get("outcome") == "rejected"
        store.record(doc_id, key, me, RESOLVE, value=None if rejected else request.form.get("value", ""),
                     suggested=field.value, note=request.form.get("note", "").strip())
        back = {k: request.form[k] for k in ("a", "b") if request.form.get(k)}
        return redirect(url_for("agreement") + ("?" + urlencode(back) if back else "") + "#conflicts", code=303)

    @app.get("/suggested")
    def suggested() -> str:
        min_papers = _int_arg("min") or 2
        return render_template("suggested.html", recurring=recurring_fields(outputs.papers(), min_papers),
                               total=len(outputs.doc_ids), min_papers=min_papers)

    def tables() -> dict[str, tuple[list[str], list[list[Any]]]]:
        items = outputs.papers()
        states = field_states(store.standing())
        return {
            "studies": studies_table(items, states),
            "claims": items_table(items, states, "claims"),
            "entities": items_table(items, states, "entities"),
            "decisions": audit_table(store.history()),
        }

    @app.get("/export")
    def export() -> str:
        return render_template("export.html", names=list(tables()))

    @app.get("/export/<name>.csv")
    def export_csv(name: str) -> Response:
        available = tables()
        if name not in available:
            abort(404, f"no table {name[:80]!r}: use one of {', '.join(available)}")
        return Response(to_csv(available[name]), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})

    @app.get("/export/review.xlsx")
    def export_xlsx() -> Response:
        return Response(to_xlsx(tables()), mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": 'attachment; filename="review.xlsx"'})

    app.config["PDF_DIR"] = pdf_dir
    app.config["OUTPUTS"] = outputs
    app.config["DECISIONS"] = store
    return app


def _counts(paper: Paper, states: dict[tuple[str, str], FieldState], me: str) -> dict[str, int]:
    """Field counts of a paper by consensus status, plus how many `me` has decided."""
    counts = {"fields": len(paper.fields), "verified": 0, "pending": 0, "rejected": 0, "conflict": 0, "mine": 0}
    for field in paper.fields:
        state = states.get((paper.doc_id, field.key), FieldState())
        status = state.status
        counts["verified"] += status in VERIFIED
        counts["pending"] += status == PENDING
        counts["rejected"] += status == REJECTED
        counts["conflict"] += status == CONFLICT
        counts["mine"] += me in state.by_reviewer
    return counts


def _viewer_data(paper: Paper) -> dict[str, Any]:
    """What the page viewer's script needs: page sizes and every field's evidence boxes."""
    return {
        "pages": [[p.width, p.height] for p in paper.pages],
        "fields": {
            f.key: {"page": f.evidence.page, "boxes": [[page, *box] for page, box in f.evidence.boxes]}
            for f in paper.fields
        },
    }


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    if not raw.isdigit() or len(raw) > 6:
        abort(400, f"{name} must be a positive whole number")
    return int(raw)


NUMERIC_FIELDS = frozenset({"sample_size", "sample_size_analyzed", "n_studies", "n_animals", "follow_up_weeks", "n_arms"})
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _local(target: str) -> str:
    """`target` when it is a path on this site (no scheme or host); else empty. Whitespace and control
    characters are refused: browsers drop them, so "/\t/evil.example/" would lead to //evil.example/."""
    if target.startswith(request.host_url):
        target = "/" + target[len(request.host_url):]
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return ""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else ""
