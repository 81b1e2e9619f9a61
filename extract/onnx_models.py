"""Loading the ONNX models the accurate entity model and the claims' cross-encoder run on (ONNX Runtime, CPU)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence


def cpu_session(folder: Path, files: Sequence[str], script: str, threads: int = 1) -> Any:
    """An ONNX Runtime session on `folder/model.onnx` (CPU, `threads` intra-op threads), after checking that
    every name in `files` is in `folder` (the error names the missing ones and the `script` that exports them)."""
    import onnxruntime

    missing = [name for name in files if not (Path(folder) / name).exists()]
    if missing:
        raise FileNotFoundError(f"{folder} lacks {', '.join(missing)}; export with {script}")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(Path(folder) / "model.onnx"), options, providers=["CPUExecutionProvider"])
