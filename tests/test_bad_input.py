"""Bad input never stops the batch and never loses what was already written.

Unreadable files: the tests run as root, where `chmod 000` is still readable, so they use a
dangling symbolic link and a monkeypatched `PermissionError`; the `chmod 000` test runs only
for other users.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from make_pdfs import encrypted_pdf, image_only_pdf, text_pdf, write
from run_helpers import PARSE_ONLY_CLI, parse_only_pipeline

from extract.batch import runner as runner_module
from extract.batch.discover import discover
from extract.batch.outputs import CSV_ENCODING
from extract.batch.runner import RunReport, run_batch
from extract.batch.worker import WorkerContext

GOOD = ("a_good.pdf", "z_good.pdf")
TESTS = Path(__file__).resolve().parent


def run(folder: Path, out: Path, workers: int = 1) -> RunReport:
    return run_batch(discover(folder), out, workers=workers, pipeline_factory=parse_only_pipeline)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        return list(csv.DictReader(handle))


def statuses(out: Path) -> dict[str, str]:
    return {row["file"]: row["status"] for row in read_csv(out / "studies.csv")}


def documents(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def good_folder(folder: Path) -> Path:
    for name in GOOD:
        write(folder, name, text_pdf(f"Good paper {name}"))
    return folder


BAD_FILES = {
    "empty_file": lambda: b"",
    "truncated": lambda: text_pdf("Cut short", pages=3)[:300],
    "corrupt": lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40,
    "encrypted": lambda: encrypted_pdf("Locked paper", user_password="reviewer-only"),
    "not_a_pdf": lambda: b"<!DOCTYPE html><html><body>Sign in to download</body></html>",
    "image_only": image_only_pdf,
}
EXPECTED_KIND = {
    "empty_file": "empty_file",
    "truncated": "corrupt_pdf",
    "corrupt": "corrupt_pdf",
    "encrypted": "encrypted_pdf",
    "not_a_pdf": "not_pdf",
    "image_only": "no_text_layer",
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_reported_and_the_rest_is_kept(tmp_path: Path, case: str) -> None:
    folder, out = good_folder(tmp_path / "in"), tmp_path / "out"
    run(folder, out)
    before = documents(out)
    write(folder, "m_bad.pdf", BAD_FILES[case]())

    report = run(folder, out)

    assert report.skipped == 2 and report.processed == 1  # the good ones were not redone
    assert statuses(out) == {"a_good.pdf": "ok", "m_bad.pdf": EXPECTED_KIND[case], "z_good.pdf": "ok"}
    assert documents(out) == before
    (error,) = read_csv(out / "errors.csv")
    assert error["file"] == "m_bad.pdf" and error["kind"] == EXPECTED_KIND[case] and error["message"]


def test_image_only_status_says_there_is_no_text_layer(tmp_path: Path) -> None:
    write(tmp_path / "in", "scan.pdf", image_only_pdf())
    run(tmp_path / "in", tmp_path / "out")
    (error,) = read_csv(tmp_path / "out" / "errors.csv")
    assert error["kind"] == "no_text_layer" and "no text layer" in error["message"]


def test_an_empty_user_password_opens_and_parses(tmp_path: Path) -> None:
    write(tmp_path / "in", "open.pdf", encrypted_pdf("Openly encrypted trial", user_password=""))
    run(tmp_path / "in", tmp_path / "out")
    assert statuses(tmp_path / "out") == {"open.pdf": "ok"}
    assert "Openly encrypted trial" in documents(tmp_path / "out")[0]["text"]


def test_the_same_file_twice_is_a_duplicate(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    write(folder, "copies/a_good (1).pdf", (folder / "a_good.pdf").read_bytes())
    run(folder, tmp_path / "out")
    rows = {row["file"]: row for row in read_csv(tmp_path / "out" / "studies.csv")}
    assert rows["a_good.pdf"]["status"] == "ok"
    assert rows["copies/a_good (1).pdf"]["status"] == "duplicate"
    assert rows["copies/a_good (1).pdf"]["doc_id"] == rows["a_good.pdf"]["doc_id"]
    assert rows["copies/a_good (1).pdf"]["n_pages"] == rows["a_good.pdf"]["n_pages"]
    assert [d["file"] for d in documents(tmp_path / "out")] == list(GOOD)  # parsed once
    assert read_csv(tmp_path / "out" / "errors.csv") == []


def test_non_ascii_file_names_survive_every_output(tmp_path: Path) -> None:
    names = ["Étude_randomisée.pdf", "研究/アクネ.pdf", "Müller et al. 2021 — ß.pdf"]
    for name in names:
        write(tmp_path / "in", name, text_pdf(f"Paper {name}"))
    run(tmp_path / "in", tmp_path / "out", workers=2)
    assert statuses(tmp_path / "out") == {name: "ok" for name in names}
    assert sorted(d["file"] for d in documents(tmp_path / "out")) == sorted(names)


def test_a_file_name_that_is_not_utf8_is_processed_and_every_output_written(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    with open(os.fsencode(folder) + b"/M\xfcller.pdf", "wb") as handle:  # a Latin-1 name, as zip files leave them
        handle.write(text_pdf("Latin-1 named paper"))
    run(folder, tmp_path / "out", workers=2)
    assert statuses(tmp_path / "out")["M\\xfcller.pdf"] == "ok"
    assert "M\\xfcller.pdf" in {d["file"] for d in documents(tmp_path / "out")}
    assert read_csv(tmp_path / "out" / "errors.csv") == []


def test_a_fifo_or_a_device_link_is_reported_not_a_file_and_never_read(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    os.mkfifo(folder / "pipe.pdf")
    (folder / "zero.pdf").symlink_to("/dev/zero")
    run(folder, tmp_path / "out")
    found = statuses(tmp_path / "out")
    assert found["pipe.pdf"] == found["zero.pdf"] == "not_a_file"
    assert all(found[name] == "ok" for name in GOOD)


def test_a_dangling_link_is_reported_unreadable(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    (folder / "gone.pdf").symlink_to(tmp_path / "deleted-meanwhile.pdf")
    run(folder, tmp_path / "out")
    assert statuses(tmp_path / "out")["gone.pdf"] == "unreadable"
    (error,) = read_csv(tmp_path / "out" / "errors.csv")
    assert error["file"] == "gone.pdf" and "No such file" in error["message"]


def test_a_file_without_read_permission_is_reported_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = good_folder(tmp_path / "in")
    write(folder, "locked.pdf", text_pdf("Locked"))
    real_hash = runner_module.sha256_file

    def refuse_locked(path: Path) -> str:  # what open() does on a chmod 000 file for non-root
        if path.name == "locked.pdf":
            raise PermissionError(13, "Permission denied", str(path))
        return real_hash(path)

    monkeypatch.setattr(runner_module, "sha256_file", refuse_locked)
    run(folder, tmp_path / "out")
    assert statuses(tmp_path / "out") == {"a_good.pdf": "ok", "locked.pdf": "unreadable", "z_good.pdf": "ok"}
    assert "Permission denied" in read_csv(tmp_path / "out" / "errors.csv")[0]["message"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read chmod 000 files")
def test_chmod_000_is_reported_unreadable(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    locked = write(folder, "locked.pdf", text_pdf("Locked"))
    locked.chmod(0)
    try:
        run(folder, tmp_path / "out")
    finally:
        locked.chmod(0o644)
    assert statuses(tmp_path / "out")["locked.pdf"] == "unreadable"


def test_a_300_page_pdf_parses_with_bounded_memory(tmp_path: Path) -> None:
    """Peak RSS growth of a worker-like process (all stages) on 300 pages, after a warm-up file."""
    big = write(tmp_path, "big.pdf", text_pdf("A very long report", pages=300, paragraphs=6))
    small = write(tmp_path, "small.pdf", text_pdf("Warm-up"))
    probe = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from extract.pipeline import Pipeline\n"
        "pipeline = Pipeline(); pipeline.load()\n"
        "pipeline.process('small.pdf', Path(sys.argv[1]).read_bytes())\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "result = pipeline.process('big.pdf', Path(sys.argv[2]).read_bytes())\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(result.status, result.n_pages, (after - before) // 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(small), str(big)], capture_output=True, text=True, check=True
    )
    status, pages, growth_mb = done.stdout.split()
    assert (status, pages) == ("ok", "300")
    assert int(growth_mb) < 400, f"peak RSS grew by {growth_mb} MB for a 300-page PDF"

    run(tmp_path, tmp_path / "out")
    assert statuses(tmp_path / "out") == {"big.pdf": "ok", "small.pdf": "ok"}
    assert documents(tmp_path / "out")[0]["pages"] == 300


@pytest.mark.parametrize("to_group", [False, True], ids=["sigint-to-main", "sigint-to-process-group"])
def test_ctrl_c_keeps_finished_files_and_a_rerun_finishes_the_rest(tmp_path: Path, to_group: bool) -> None:
    """SIGINT to the main process only, or to the whole group with the workers (a terminal's Ctrl-C)."""
    folder, out = tmp_path / "in", tmp_path / "out"
    total = 24
    for number in range(total):
        write(folder, f"paper_{number:02d}.pdf", text_pdf(f"Paper number {number}", pages=6))
    command = [
        sys.executable,
        "-c",
        PARSE_ONLY_CLI,
        "run",
        str(folder),
        "-o",
        str(out),
        "--workers",
        "2" if to_group else "1",
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=to_group,
        env=env,
    )
    records = out / ".extract" / "docs"
    deadline = time.monotonic() + 60
    while (
        len(list(records.glob("*[0-9a-f].json"))) < 3 and time.monotonic() < deadline
    ):  # records, not documents
        time.sleep(0.02)
    if to_group:
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 130, output
    assert "interrupted" in output and "Traceback" not in output

    first = read_csv(out / "studies.csv")  # consistent: every listed file is complete
    assert 3 <= len(first) < total, "the run was not interrupted mid-way"
    assert all(row["status"] == "ok" for row in first)
    assert [d["file"] for d in documents(out)] == [row["file"] for row in first]
    assert not list(out.glob(".*.tmp")) and not list(records.glob(".*.tmp"))

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    final = read_csv(out / "studies.csv")
    assert [row["file"] for row in final] == [f"paper_{n:02d}.pdf" for n in range(total)]
    assert {row["status"] for row in final} == {"ok"}
    assert len({d["id"] for d in documents(out)}) == total == len(documents(out))


def test_a_ctrl_c_while_a_file_is_submitted_is_deferred_not_lost() -> None:
    """A Ctrl-C while submitting is raised right after; workers start with Ctrl-C ignored."""
    reached_the_end = False
    with pytest.raises(KeyboardInterrupt):
        with runner_module.sigint_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # the handler has run by now
            reached_the_end = True
    assert reached_the_end  # not raised inside, where it would leave a submitted file untracked
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the usual handler is back

    worker = WorkerContext().Process(target=time.sleep, args=(60,))
    with runner_module.sigint_deferred():
        worker.start()
    try:
        os.kill(worker.pid, signal.SIGINT)  # as a terminal's Ctrl-C to the whole group would
        worker.join(1.0)
        assert worker.is_alive()
    finally:
        worker.terminate()
        worker.join()


def test_a_second_run_into_the_same_folder_is_told_who_holds_it(tmp_path: Path) -> None:
    from extract.batch.lock import output_lock

    folder = good_folder(tmp_path / "in")
    out = tmp_path / "out"
    with output_lock(out):
        second = subprocess.run(
            [sys.executable, "-c", PARSE_ONLY_CLI, "run", str(folder), "-o", str(out)],
            capture_output=True, text=True, cwd=TESTS, timeout=120,
        )
    assert second.returncode == 2
    assert f"PID {os.getpid()}" in second.stderr and "--wait" in second.stderr
    assert not (out / "studies.csv").exists()
    again = subprocess.run(
        [sys.executable, "-c", PARSE_ONLY_CLI, "run", str(folder), "-o", str(out)],
        capture_output=True, text=True, cwd=TESTS, timeout=120,
    )
    assert again.returncode == 0 and (out / "studies.csv").exists()


def _start_run(tmp_path: Path, workers: int = 2) -> tuple[subprocess.Popen, Path]:
    folder, out = tmp_path / "in", tmp_path / "out"
    for number in range(24):
        write(folder, f"paper_{number:02d}.pdf", text_pdf(f"Paper number {number}", pages=6))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen(
        [sys.executable, "-c", PARSE_ONLY_CLI, "run", str(folder), "-o", str(out), "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    deadline = time.monotonic() + 60
    while len(list((out / ".extract" / "docs").glob("*[0-9a-f].json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    return process, out


def test_sigterm_stops_like_ctrl_c_with_exit_code_143(tmp_path: Path) -> None:
    process, out = _start_run(tmp_path)
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 143, output
    assert "terminated" in output and "Traceback" not in output
    assert read_csv(out / "studies.csv")  # the finished files were flushed


def test_workers_end_when_the_main_process_is_killed(tmp_path: Path) -> None:
    import psutil

    process, _ = _start_run(tmp_path)
    workers = psutil.Process(process.pid).children(recursive=True)
    assert workers
    process.kill()
    process.wait(timeout=30)
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive, [w.cmdline() for w in alive]
