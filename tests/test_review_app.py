"""The review app over a real `extract run` output folder: pages, decisions, agreement, export, safety."""

from __future__ import annotations

import csv
import io
import re
import shutil
import threading
from pathlib import Path

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from extract.review.app import NUMERIC_FIELDS, create_app
from extract.review.run_outputs import NotARunError, RunOutputs
from review_fixtures import make_review_run, serving


@pytest.fixture(scope="module")
def run_dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_review_run(tmp_path_factory.mktemp("review"))


@pytest.fixture()
def out_dir(run_dirs: tuple[Path, Path], tmp_path: Path) -> Path:
    """A fresh copy of the run, so every test starts without decisions."""
    copy = tmp_path / "out"
    shutil.copytree(run_dirs[0], copy)
    return copy


@pytest.fixture()
def app(out_dir: Path, run_dirs: tuple[Path, Path]) -> Flask:
    return create_app(out_dir, pdf_dir=run_dirs[1])


def csrf(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def login(client: FlaskClient, name: str) -> str:
    token = csrf(client.get("/reviewer").get_data(as_text=True))
    assert client.post("/reviewer", data={"name": name, "csrf_token": token}).status_code == 303
    return token


def doc_id_of(out_dir: Path, file: str) -> str:
    return next(p.doc_id for p in RunOutputs(out_dir).papers() if p.file == file)


CERAMIDE = "hydration/ceramide_cream_rct.pdf"


def test_the_paper_list_shows_every_parsed_paper_with_counts_filters_and_search(app: Flask) -> None:
    client = app.test_client()
    html = client.get("/").get_data(as_text=True)
    assert "5 of 5" in html and "Ceramide cream versus glycerol cream" in html and "acne_rct_two_column.pdf" in html
    found = client.get("/?q=GLYCEROL").get_data(as_text=True)
    assert "2 of 5" in found and "Niacinamide gel" not in found
    assert "0 of 5" in client.get("/?show=done").get_data(as_text=True)
    assert client.get("/?show=everything").status_code == 400


def test_the_paper_view_shows_fields_with_evidence_boxes_on_the_page(app: Flask, out_dir: Path) -> None:
    client = app.test_client()
    doc_id = doc_id_of(out_dir, CERAMIDE)
    html = client.get(f"/paper/{doc_id}").get_data(as_text=True)
    for text in ("Study design", "randomized controlled trial", "double-blind; parallel-group", "Sample size", "90",
                 "Claims", "skin hydration (corneometer)", "Key entities", "Dermatitis, Atopic", "MESH:D003876",
                 "Ninety patients were randomized and 84 completed the study (45 per group)."):
        assert text in html
    viewer = re.search(r'<script type="application/json" id="viewer-data">(.*?)</script>', html, re.S).group(1)
    assert '"sample_size": {"boxes": [[1,' in viewer.replace("\n", "")
    png = client.get(f"/paper/{doc_id}/page/1.png")
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    assert client.get(f"/paper/{doc_id}/page/9.png").status_code == 404


def test_a_paper_without_suggestion_columns_shows_what_there_is(tmp_path: Path, run_dirs: tuple[Path, Path]) -> None:
    out = tmp_path / "out"
    shutil.copytree(run_dirs[0], out)
    studies = out / "studies.csv"
    lines = studies.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    keep = header.index("status") + 1  # the columns before the stages land
    studies.write_text("\n".join(",".join(line.split(",")[:keep]) for line in lines[:1]) + "\n" + "\n".join(
        line for line in lines[1:] if CERAMIDE in line) + "\n", encoding="utf-8-sig")
    client = create_app(out).test_client()  # no --pdfs either
    doc_id = doc_id_of(out, CERAMIDE)
    html = client.get(f"/paper/{doc_id}").get_data(as_text=True)
    assert "Study design" not in html and "Claims" in html
    assert "Page images are not available" in html
    assert client.get(f"/paper/{doc_id}/page/1.png").status_code == 404


def test_accept_edit_reject_undo_and_the_audit_trail(app: Flask, out_dir: Path) -> None:
    client = app.test_client()
    token = login(client, "Ada Lovelace")
    doc_id = doc_id_of(out_dir, CERAMIDE)
    answer = client.post(f"/paper/{doc_id}/decide", data={"csrf_token": token, "field": "design", "action": "accept"})
    assert answer.status_code == 303 and "field=design_attributes" in answer.headers["Location"]
    client.post(f"/paper/{doc_id}/decide", data={"csrf_token": token, "field": "sample_size", "action": "edit",
                                                 "value": "88", "note": "two withdrew before allocation"})
    client.post(f"/paper/{doc_id}/decide", data={"csrf_token": token, "field": "arms", "action": "reject"})
    client.post(f"/paper/{doc_id}/undo", data={"csrf_token": token})
    html = client.get(f"/paper/{doc_id}").get_data(as_text=True)
    assert "You accepted" in html and "You edited" in html and "two withdrew before allocation" in html
    assert "You rejected" not in html
    assert html.count("<tr><td>") == 4 and "Ada Lovelace" in html  # accept, edit, reject, undo
    listing = client.get("/").get_data(as_text=True)
    assert "2 / 12" in listing  # 5 study fields, 3 claims, 4 key entities


def test_posts_need_a_reviewer_and_a_csrf_token(app: Flask, out_dir: Path) -> None:
    client = app.test_client()
    doc_id = doc_id_of(out_dir, CERAMIDE)
    form = {"field": "design", "action": "accept"}
    assert client.post(f"/paper/{doc_id}/decide", data=form).status_code == 403
    token = csrf(client.get("/").get_data(as_text=True))
    nameless = client.post(f"/paper/{doc_id}/decide", data={**form, "csrf_token": token})
    assert nameless.status_code == 302 and "/reviewer" in nameless.headers["Location"]
    login(client, "ada")
    assert client.post(f"/paper/{doc_id}/decide", data={**form, "csrf_token": "forged"}).status_code == 403
    other = app.test_client()
    login(other, "eve")
    assert other.post(f"/paper/{doc_id}/decide", data={**form, "csrf_token": token}).status_code == 403
    assert app.config["DECISIONS"].history() == []


@pytest.mark.parametrize(
    ("path", "form", "status"),
    [
        ("/paper/{doc}/decide", {"field": "no-such-field", "action": "accept"}, 400),
        ("/paper/{doc}/decide", {"field": "design", "action": "approve"}, 400),
        ("/paper/{doc}/decide", {"field": "design", "action": "edit", "value": ""}, 400),
        ("/paper/{doc}/decide", {"field": "sample_size", "action": "edit", "value": "sixty-ish"}, 400),
        ("/paper/{doc}/decide", {"field": "design", "action": "edit", "value": "x" * 20_000}, 400),
        ("/paper/{doc}/decide", {"field": "design", "action": "accept", "note": "n" * 5_000}, 400),
        ("/paper/" + "0" * 64 + "/decide", {"field": "design", "action": "accept"}, 404),
        ("/paper/..%2F..%2Fetc%2Fpasswd/decide", {"field": "design", "action": "accept"}, 404),
        ("/resolve", {"doc_id": "{doc}", "field": "design"}, 400),
        ("/reviewer", {"name": "   "}, 400),
    ],
)
def test_malformed_input_gets_a_clear_4xx(app: Flask, out_dir: Path, path: str, form: dict[str, str], status: int) -> None:
    client = app.test_client()
    token = login(client, "ada")
    doc_id = doc_id_of(out_dir, CERAMIDE)
    data = {k: v.replace("{doc}", doc_id) for k, v in {**form, "csrf_token": token}.items()}
    answer = client.post(path.replace("{doc}", doc_id), data=data)
    assert answer.status_code == status
    assert "<h1>" in answer.get_data(as_text=True)
    assert app.config["DECISIONS"].history() == []


def test_requests_cannot_reach_files_outside_the_run(app: Flask, out_dir: Path) -> None:
    client = app.test_client()
    for path in ("/paper/../../etc/passwd", "/paper/%2e%2e%2fstudies.csv/page/1.png", "/export/..%2fstudies.csv",
                 "/static/../../batch/store.py", "/paper/" + "g" * 64, "/export/secrets.csv"):
        assert client.get(path).status_code in (400, 404), path
    assert client.get("/paper/x/page/1.png?page=-1").status_code == 404
    assert client.get("/suggested?min=abc").status_code == 400
    assert client.get("/", headers={"Host": "evil.example:80"}).status_code == 400  # DNS rebinding
    assert client.get("/reviewer?next=//evil.example/").status_code == 200
    token = csrf(client.get("/").get_data(as_text=True))
    moved = client.post("/reviewer", data={"name": "ada", "csrf_token": token, "next": "//evil.example/x"})
    assert moved.headers["Location"] == "/"
    for sneaky in ("/\t/evil.example/", "/\n/evil.example/", "/ /evil.example/"):
        moved = client.post("/reviewer", data={"name": "ada", "csrf_token": token, "next": sneaky})
        assert moved.headers["Location"] == "/", sneaky


def test_every_answer_carries_the_security_headers(app: Flask) -> None:
    answer = app.test_client().get("/reviewer")
    assert "default-src 'self'" in answer.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["X-Frame-Options"] == "DENY" and answer.headers["X-Content-Type-Options"] == "nosniff"


def test_a_remote_binding_needs_the_access_token(out_dir: Path) -> None:
    client = create_app(out_dir, access_token="s3cret-token", loopback_only=False).test_client()
    assert client.get("/").status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    assert client.get("/?token=s3cret-token").status_code == 200
    assert client.get("/").status_code == 200  # remembered in the session


def test_two_reviewers_agreement_conflicts_and_resolution(app: Flask, out_dir: Path) -> None:
    doc_id = doc_id_of(out_dir, CERAMIDE)
    ada, bob = app.test_client(), app.test_client()
    for client, name, decisions in (
        (ada, "ada", [("design", "accept", ""), ("sample_size", "accept", ""), ("arms", "accept", "")]),
        (bob, "bob", [("design", "accept", ""), ("sample_size", "edit", "84"), ("arms", "accept", "")]),
    ):
        token = login(client, name)
        for field, action, value in decisions:
            client.post(f"/paper/{doc_id}/decide", data={"csrf_token": token, "field": field, "action": action, "value": value})
    html = ada.get("/agreement").get_data(as_text=True)
    assert re.search(r"<td>sample_size</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0.0%</td>", html)
    assert re.search(r"<td>all fields</td><td class=\"num\">3</td><td class=\"num\">2</td><td class=\"num\">66.7%</td>", html)
    assert "Conflicts <span class=\"muted\">1</span>" in html and "<strong>84</strong>" in html
    assert "Ceramide cream" in ada.get("/?show=conflicts").get_data(as_text=True)
    token = login(ada, "cyd")
    answer = ada.post("/resolve", data={"csrf_token": token, "doc_id": doc_id, "field": "sample_size", "value": "90",
                                        "note": "ITT population", "a": "ada", "b": "bob"})
    assert answer.status_code == 303
    assert "Resolved by cyd: <strong>90</strong>" in ada.get("/agreement?a=ada&b=bob").get_data(as_text=True)
    answer = ada.post("/resolve", data={"csrf_token": token, "doc_id": doc_id, "field": "sample_size",
                                        "outcome": "rejected", "note": "no total stated", "a": "ada", "b": "bob"})
    assert answer.status_code == 303
    assert "Resolved by cyd: <strong>rejected</strong>" in ada.get("/agreement?a=ada&b=bob").get_data(as_text=True)


def test_batch_suggested_fields_count_papers(app: Flask) -> None:
    html = app.test_client().get("/suggested").get_data(as_text=True)
    assert re.search(r"skin hydration \(corneometer\)</td><td class=\"num\">3 of 5</td>", html)
    assert re.search(r"transepidermal water loss</td><td class=\"num\">2 of 5</td>", html)
    assert "eczema area" not in html  # in one paper only
    assert "eczema area" in app.test_client().get("/suggested?min=1").get_data(as_text=True)


def test_export_holds_the_decisions_with_their_status(app: Flask, out_dir: Path) -> None:
    client = app.test_client()
    token = login(client, "ada")
    doc_id = doc_id_of(out_dir, CERAMIDE)
    client.post(f"/paper/{doc_id}/decide", data={"csrf_token": token, "field": "design", "action": "accept"})
    client.post(f"/paper/{doc_id}/decide", data={"csrf_token": token, "field": "design_attributes", "action": "edit",
                                                 "value": "=HYPERLINK(\"http://x\")"})
    claim = next(f.key for f in RunOutputs(out_dir).paper(doc_id).fields if f.group == "claims")
    client.post(f"/paper/{doc_id}/decide", data={"csrf_token": token, "field": claim, "action": "reject"})
    studies = client.get("/export/studies.csv").get_data(as_text=True)
    assert studies.startswith("\ufeffdoc_id,file,title,design,design_status")
    row = next(line for line in studies.splitlines() if doc_id in line)
    assert "randomized controlled trial,accepted" in row and "edited" in row and "pending" in row
    book = load_workbook(io.BytesIO(client.get("/export/review.xlsx").data))
    assert book.sheetnames == ["studies", "claims", "entities", "decisions"]
    sheet = book["studies"]
    header = [c.value for c in sheet[1]]
    values = next(dict(zip(header, [c.value for c in r])) for r in sheet.iter_rows(min_row=2) if r[0].value == doc_id)
    assert values["design_status"] == "accepted" and values["design_attributes_status"] == "edited"
    assert values["design_attributes"] == '=HYPERLINK("http://x")' and sheet.cell(2, 1).data_type == "s"
    claims = [dict(zip([c.value for c in book["claims"][1]], [c.value for c in r])) for r in book["claims"].iter_rows(min_row=2)]
    rejected = next(c for c in claims if c["field"] == claim and c["doc_id"] == doc_id)
    assert rejected["status"] == "rejected" and rejected["value"] in ("", None)
    assert book["decisions"].max_row == 4


def test_not_a_run_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotARunError, match="studies.csv"):
        create_app(tmp_path)


def test_two_clients_deciding_on_the_same_paper_at_once_lose_nothing(app: Flask, out_dir: Path) -> None:
    doc_id = doc_id_of(out_dir, "acne_rct_two_column.pdf")
    keys = [f.key for f in RunOutputs(out_dir).paper(doc_id).fields]
    errors: list[str] = []

    def review(base: str, name: str) -> None:
        with requests.Session() as session:
            page = session.get(f"{base}/reviewer", timeout=10).text
            token = csrf(page)
            session.post(f"{base}/reviewer", data={"name": name, "csrf_token": token}, timeout=10)
            for round_ in range(3):
                for key in keys:
                    value = str(round_ + 1) if key in NUMERIC_FIELDS else f"{name} {round_} {key}"
                    answer = session.post(f"{base}/paper/{doc_id}/decide", timeout=30, data={
                        "csrf_token": token, "field": key, "action": "edit", "value": value})
                    if answer.status_code != 200:
                        errors.append(f"{name}: {answer.status_code}")

    with serving(app) as base:
        threads = [threading.Thread(target=review, args=(base, name)) for name in ("ada", "bob")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    store = app.config["DECISIONS"]
    assert len(store.history(doc_id)) == 2 * 3 * len(keys)
    standing = {(d.reviewer, d.field): d.value for d in store.standing(doc_id)}
    assert standing == {
        (name, key): "3" if key in NUMERIC_FIELDS else f"{name} 2 {key}" for name in ("ada", "bob") for key in keys
    }


@pytest.mark.slow
def test_it_opens_a_run_of_the_real_pipeline_on_the_examples(tmp_path: Path) -> None:
    from extract.batch.discover import discover
    from extract.batch.runner import run_batch
    from review_fixtures import EXAMPLES

    report = run_batch(discover(EXAMPLES), tmp_path / "out", workers=1)
    assert {o.status for o in report.outcomes} == {"ok"}
    client = create_app(tmp_path / "out", pdf_dir=EXAMPLES).test_client()
    listing = client.get("/").get_data(as_text=True)
    assert "2 of 2" in listing and "Topical niacinamide 4% with azelaic acid 5% gel" in listing
    for outcome in report.outcomes:
        assert client.get(f"/paper/{outcome.doc_id}").status_code == 200
        assert client.get(f"/paper/{outcome.doc_id}/page/1.png").data.startswith(b"\x89PNG")
    assert client.get("/export/review.xlsx").status_code == 200


def test_csv_export_escapes_cells_a_spreadsheet_would_run_as_formulas() -> None:
    from extract.review.export import to_csv

    text = to_csv((["field", "value"], [["outcome", "=HYPERLINK(\"http://x\")"], ["change", -2.5], ["note", None]]))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["field", "value"], ["outcome", "'=HYPERLINK(\"http://x\")"], ["change", "-2.5"], ["note", ""]]
