"""`extract review` on the command line: it serves on loopback, and refuses unsafe or wrong setups."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from typer.testing import CliRunner

from extract.cli import app
from review_fixtures import make_review_run


@pytest.fixture(scope="module")
def run_dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_review_run(tmp_path_factory.mktemp("cli"))


def test_it_serves_the_run_on_loopback_until_interrupted(run_dirs: tuple[Path, Path]) -> None:
    out_dir, pdf_dir = run_dirs
    command = [sys.executable, "-c", "from extract.cli import main; main()", "review", str(out_dir), "--pdfs", str(pdf_dir), "--port", "0"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})
    try:
        deadline, url = time.monotonic() + 60, ""
        while not url and time.monotonic() < deadline:
            line = server.stderr.readline()
            url = next(iter(re.findall(r"http://127\.0\.0\.1:\d+/", line)), "")
        assert url, "the server did not print its address"
        page = requests.get(url, timeout=10)
        assert page.status_code == 200 and "Ceramide cream versus glycerol cream" in page.text
        doc_id = re.search(r'href="/paper/([0-9a-f]{64})"', page.text).group(1)
        assert requests.get(f"{url}paper/{doc_id}/page/1.png", timeout=10).headers["Content-Type"] == "image/png"
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=20) == 0


def test_binding_beyond_loopback_needs_an_explicit_flag(run_dirs: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(app, ["review", str(run_dirs[0]), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--allow-remote" in result.output


def test_a_folder_without_run_outputs_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["review", str(tmp_path)])
    assert result.exit_code == 2 and "studies.csv" in " ".join(result.output.split())
    result = CliRunner().invoke(app, ["review", str(tmp_path), "--pdfs", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "is not a folder" in " ".join(result.output.split())
