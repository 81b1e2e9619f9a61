"""A realistic `extract run` output folder for the review app tests.

Papers are written with PyMuPDF (plus the two example PDFs) and processed by the real batch runner;
stand-in stages that read the text with regular expressions fill the `design`, `sample_size`,
`claims` and `entities` layers and columns, the way the real stages will.
"""

from __future__ import annotations

import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pymupdf
from flask import Flask

from extract.batch.discover import discover
from extract.batch.runner import run_batch
from extract.document import Document, Span
from extract.pipeline import Pipeline
from extract.review.server import make_server

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NUMBERS = {"sixty": 60, "forty": 40, "eighty": 80, "ninety": 90, "thirty": 30}
ENTITY_TERMS = {
    "acne vulgaris": ("Disease", "MESH:D000152", "Acne Vulgaris"),
    "atopic dermatitis": ("Disease", "MESH:D003876", "Dermatitis, Atopic"),
    "niacinamide": ("Chemical", "MESH:D009536", "Niacinamide"),
    "azelaic acid": ("Chemical", "MESH:C010843", "azelaic acid"),
    "isotretinoin": ("Chemical", "MESH:D015474", "Isotretinoin"),
    "ceramide": ("Chemical", "MESH:D002518", "Ceramides"),
    "glycerol": ("Chemical", "MESH:D005990", "Glycerol"),
    "patients": ("Species", "NCBITaxon:9606", "Homo sapiens"),
}
OUTCOMES = (
    "skin hydration (corneometer)",
    "transepidermal water loss",
    "inflammatory lesions",
    "eczema area and severity index",
    "treatment success",
    "relapse",
)
PAPERS = {
    "hydration/ceramide_cream_rct.pdf": (
        "Ceramide cream versus glycerol cream for atopic dermatitis: a randomized, double-blind trial",
        [
            ("Abstract", "In this randomized, double-blind, parallel-group trial, ninety patients with atopic dermatitis "
             "were randomly assigned to a ceramide cream or a glycerol cream for four weeks. Ninety patients were randomized "
             "and 84 completed the study (45 per group)."),
            ("Methods", "Skin hydration (corneometer) and transepidermal water loss were measured at baseline and week four "
             "on the volar forearm. The eczema area and severity index was scored by a blinded investigator."),
            ("Results", "Skin hydration (corneometer) increased more with ceramide cream than with glycerol cream "
             "(mean difference 9.1 AU; p = 0.002). Transepidermal water loss fell by 3.2 g/m2/h with ceramide cream "
             "(p = 0.01). The eczema area and severity index did not differ between groups (p = 0.41)."),
            ("Discussion", "Ceramide cream improved barrier function in patients with atopic dermatitis."),
        ],
    ),
    "hydration/glycerol_cohort.pdf": (
        "Glycerol emollient use and skin barrier function: a prospective cohort study",
        [
            ("Abstract", "This prospective cohort study followed eighty patients with atopic dermatitis who used a glycerol "
             "emollient for twelve weeks. Eighty patients were enrolled and 71 completed follow-up."),
            ("Methods", "Skin hydration (corneometer) and transepidermal water loss were measured every four weeks."),
            ("Results", "Skin hydration (corneometer) rose from baseline to week twelve (p < 0.001). Transepidermal water "
             "loss did not change (p = 0.27)."),
        ],
    ),
    "acne/niacinamide_split_face.pdf": (
        "Niacinamide gel for acne vulgaris: a randomized split-face trial",
        [
            ("Abstract", "In this randomized, vehicle-controlled, split-face trial, forty patients with acne vulgaris "
             "applied niacinamide gel to one side of the face. Forty patients were randomized and 38 completed the trial."),
            ("Results", "Inflammatory lesions fell more on the niacinamide side (p = 0.003). Skin hydration (corneometer) "
             "was higher on the niacinamide side (p = 0.04)."),
        ],
    ),
}


def write_paper(path: Path, title: str, sections: list[tuple[str, str]]) -> None:
    """A one-column paper: title, then each section's heading and paragraph."""
    pdf = pymupdf.open()
    page = pdf.new_page()
    y = 72.0
    page.insert_textbox(pymupdf.Rect(72, y, 540, y + 60), title, fontsize=16, fontname="hebo")
    y += 70
    for heading, body in sections:
        page.insert_textbox(pymupdf.Rect(72, y, 540, y + 20), heading, fontsize=12, fontname="hebo")
        y += 22
        height = 14 * (len(body) // 85 + 2)
        page.insert_textbox(pymupdf.Rect(72, y, 540, y + height), body, fontsize=10)
        y += height + 10
        if y > 650:
            page, y = pdf.new_page(), 72.0
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(path)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    return [(m.start(), m.end()) for m in re.finditer(r"[A-Z](?:[^.\n]|\.\d|\n(?!\n))*\.", text)]


def find_sentence(doc: Document, pattern: str) -> tuple[int, int] | None:
    return next(((s, e) for s, e in sentences(doc.text) if re.search(pattern, doc.text[s:e], re.I | re.S)), None)


class FakeDesignStage:
    name, version = "design", "test-1"
    columns = ("design", "design_attributes", "design_confidence", "design_evidence", "design_page")

    def load(self) -> None:
        pass

    def __call__(self, doc: Document) -> dict[str, Any]:
        found = find_sentence(doc, r"randomly assigned|randomi[sz]ed,")
        design = "randomized controlled trial"
        if found is None:
            found, design = find_sentence(doc, r"cohort"), "cohort study"
        if found is None:
            return {}
        start, end = found
        sentence = doc.text[start:end]
        attributes = [a for a in ("double-blind", "parallel-group", "split-face", "vehicle-controlled", "prospective")
                      if a in sentence.replace("\n", " ")]
        doc.add_spans("design", [Span(start, end, design, {"attributes": attributes})])
        return {"design": design, "design_attributes": "; ".join(attributes), "design_confidence": 0.91,
                "design_evidence": " ".join(sentence.split()), "design_page": doc.page_of(start)}


class FakeSampleSizeStage:
    name, version = "sample_size", "test-1"
    columns = ("sample_size", "sample_size_analyzed", "arms", "sample_size_evidence", "sample_size_page")

    def load(self) -> None:
        pass

    def __call__(self, doc: Document) -> dict[str, Any]:
        match = re.search(r"(\w+)\s+patients\s+were\s+(?:randomi[sz]ed|enrolled)[^.]*\.", doc.text, re.I)
        if match is None or match.group(1).lower() not in NUMBERS:
            return {}
        analyzed = re.search(r"(\d+)\s+completed", match.group(0))
        arms = 2 if re.search(r"randomi[sz]ed", match.group(0)) else 1
        doc.add_spans("sample_size", [Span(match.start(), match.end(), "randomized", {"n": NUMBERS[match.group(1).lower()]})])
        return {"sample_size": NUMBERS[match.group(1).lower()], "sample_size_analyzed": analyzed.group(1) if analyzed else "",
                "arms": arms, "sample_size_evidence": " ".join(match.group(0).split()),
                "sample_size_page": doc.page_of(match.start())}


class FakeClaimsStage:
    name, version, columns = "claims", "test-1", ()

    def load(self) -> None:
        pass

    def __call__(self, doc: Document) -> dict[str, Any]:
        spans = []
        for start, end in sentences(doc.text):
            sentence = " ".join(doc.text[start:end].split())
            p_value = re.search(r"p\s*([<=])\s*(0?\.\d+)", sentence)
            if p_value is None:
                continue
            outcome = next((o for o in OUTCOMES if o in sentence.lower()), " ".join(sentence.split()[:4]).lower())
            significant = float(p_value.group(2)) < 0.05
            intervention = next((t for t in ("ceramide cream", "glycerol emollient", "niacinamide", "active gel") if t in sentence.lower()), "")
            spans.append(Span(start, end, "claim", {
                "outcome": outcome, "intervention": intervention, "comparator": "",
                "direction": "improved" if significant else "no difference",
                "p_value": f"{p_value.group(1)} {p_value.group(2)}", "confidence": 0.8 if significant else 0.6,
            }))
        doc.add_spans("claims", spans)
        return {}


class FakeEntitiesStage:
    name, version, columns = "entities", "test-1", ()

    def load(self) -> None:
        pass

    def __call__(self, doc: Document) -> dict[str, Any]:
        spans = []
        for term, (label, identifier, preferred) in ENTITY_TERMS.items():
            for match in re.finditer(re.escape(term), doc.text, re.I):
                spans.append(Span(match.start(), match.end(), label, {"identifier": identifier, "preferred_name": preferred}))
        doc.add_spans("entities", spans)
        return {}


def fake_pipeline() -> Pipeline:
    """The real pipeline with the stand-in stages, in the order `default_stages()` will have."""
    return Pipeline([FakeEntitiesStage(), FakeDesignStage(), FakeSampleSizeStage(), FakeClaimsStage()])


def make_review_run(root: Path) -> tuple[Path, Path]:
    """Write the papers under `root/pdfs`, run them into `root/out`; return (out_dir, pdf_dir)."""
    pdf_dir, out_dir = root / "pdfs", root / "out"
    for name, (title, sections) in PAPERS.items():
        write_paper(pdf_dir / name, title, sections)
    for example in sorted(EXAMPLES.glob("*.pdf")):
        shutil.copy(example, pdf_dir / example.name)
    report = run_batch(discover(pdf_dir), out_dir, workers=1, pipeline_factory=fake_pipeline)
    assert report.outcomes and all(o.status == "ok" for o in report.outcomes), report.outcomes
    return out_dir, pdf_dir


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 on a free port in a thread; yields its base URL."""
    server = make_server(app, "127.0.0.1", 0)
    stopping = threading.Event()

    def run() -> None:
        try:
            server.run()
        except OSError:  # the loop's select() fails once close() shut the socket
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stopping.set()
        server.task_dispatcher.shutdown()
        server.close()
        thread.join(timeout=5)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def browser_missing() -> str:
    """Why no headless browser test can run here ('' when one can)."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    if not CHROMIUM or not CHROMEDRIVER:
        return "no chromium/chromedriver on PATH (apt-get install -y chromium chromium-driver)"
    return ""


def headless_chromium(width: int = 1440, height: int = 900) -> Any:
    """A Selenium driver for Debian's chromium and chromedriver (nothing is downloaded)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
