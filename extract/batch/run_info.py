"""What `extract run` records about a run in `OUT/.extract/run.json`: the absolute input folder.

The outputs name each PDF relative to that folder, so `extract review OUT` finds the pages without
being told where the PDFs are.
"""

from __future__ import annotations

import json
from pathlib import Path

from extract.batch.atomic import write_text_atomic

RUN_INFO = Path(".extract") / "run.json"


def save_input_folder(out_dir: Path, source: Path) -> None:
    """Record the folder the file names of the run are relative to (`source`, or its folder when it is a file)."""
    folder = source if source.is_dir() else source.parent
    write_text_atomic(out_dir / RUN_INFO, json.dumps({"pdf_dir": str(folder.resolve())}, indent=2) + "\n")


def recorded_input_folder(out_dir: Path) -> Path | None:
    """The input folder the last `extract run` into `out_dir` recorded; None when there is no record."""
    try:
        info = json.loads((out_dir / RUN_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = info.get("pdf_dir") if isinstance(info, dict) else None
    return Path(folder) if isinstance(folder, str) else None
