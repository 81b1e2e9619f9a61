"""Screenshots of the review app for docs/review.md, taken with headless chromium (Selenium).

By default it builds the demo run the tests use (three PDFs written with PyMuPDF plus the two
example PDFs, with stand-in suggestion stages), records a few decisions by two reviewers, and
photographs the paper list, a paper, the agreement page and the suggested fields:

    python scripts/screenshots.py                      # -> docs/screenshots/*.png
    python scripts/screenshots.py --out OUT --pdfs PDFS  # photograph an existing run instead (no decisions added)

Needs Debian's `chromium` and `chromium-driver` and the dev extras (selenium).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from extract.review.app import create_app  # noqa: E402
from extract.review.decisions import DecisionStore  # noqa: E402
from extract.review.run_outputs import RunOutputs  # noqa: E402
from review_fixtures import browser_missing, headless_chromium, make_review_run, serving  # noqa: E402

SCREENSHOTS = REPO / "docs" / "screenshots"


def seed_decisions(out_dir: Path) -> None:
    """Two reviewers who went through part of the run independently, and disagreed twice."""
    store = DecisionStore(out_dir / ".extract" / "review.sqlite")
    for paper in RunOutputs(out_dir).papers():
        study = [f for f in paper.fields if f.group in ("design", "sample_size")]
        for i, field in enumerate(study):
            store.record(paper.doc_id, field.key, "Ada", "accept", suggested=field.value)
            if paper.file.startswith("hydration/") or i < 2:
                store.record(paper.doc_id, field.key, "Bob", "accept", suggested=field.value)
        if paper.file == "hydration/ceramide_cream_rct.pdf":
            store.record(paper.doc_id, "sample_size", "Bob", "edit", value="84", suggested="90",
                         note="analysed population")
        if paper.file == "hydration/glycerol_cohort.pdf":
            store.record(paper.doc_id, "design_attributes", "Bob", "edit", value="prospective; single-centre",
                         suggested="prospective")
    acne = next(p for p in RunOutputs(out_dir).papers() if p.file == "acne_rct_two_column.pdf")
    store.record(acne.doc_id, "sample_size", "Ada", "edit", value="60 randomized (30 per group)", suggested="60",
                 note="arm sizes from the abstract")


def shoot(out_dir: Path, pdf_dir: Path | None, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    outputs = RunOutputs(out_dir)
    paper = next((p for p in outputs.papers() if p.file == "acne_rct_two_column.pdf"), outputs.papers()[0])
    claim = next((f.key for f in paper.fields if f.group == "claims"), "")
    shots = {
        "papers.png": ("/", 1440, 760),
        "paper.png": (f"/paper/{paper.doc_id}" + (f"?field={claim}" if claim else ""), 1440, 900),
        "agreement.png": ("/agreement?a=Ada&b=Bob", 1440, 900),
        "suggested.png": ("/suggested", 1440, 760),
    }
    written = []
    with serving(create_app(out_dir, pdf_dir=pdf_dir)) as base:
        driver = headless_chromium()
        try:
            driver.get(f"{base}/reviewer")
            driver.find_element("id", "reviewer-name").send_keys("Ada\n")
            time.sleep(0.5)
            for name, (path, width, height) in shots.items():
                driver.set_window_size(width, height)
                driver.get(base + path)
                time.sleep(1.0)  # page image and boxes
                target = folder / name
                driver.save_screenshot(str(target))
                written.append(target)
        finally:
            driver.quit()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="an `extract run` output folder (default: build the demo run)")
    parser.add_argument("--pdfs", type=Path, help="the PDF folder of that run")
    parser.add_argument("--to", type=Path, default=SCREENSHOTS, help="where to write the PNG files")
    args = parser.parse_args()
    if problem := browser_missing():
        sys.exit(f"screenshots: {problem}")
    with tempfile.TemporaryDirectory() as scratch:
        if args.out is None:
            out_dir, pdf_dir = make_review_run(Path(scratch))
            seed_decisions(out_dir)
        else:
            out_dir, pdf_dir = args.out, args.pdfs
        for path in shoot(out_dir, pdf_dir, args.to):
            print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


if __name__ == "__main__":
    main()
