"""Export a transformers model to ONNX with int8 weights (dynamic quantization), for ONNX Runtime on the CPU.

Shared by the MiniLM training scripts (`train_ner_transformer.py`, `train_direction_encoder.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

AXES = {0: "batch", 1: "seq"}


def export_int8(model: Any, input_names: Sequence[str], path: Path, logits_per_token: bool) -> None:
    """Write `model` (eval mode) to `path` as int8 ONNX with inputs `input_names` (int64, batch x seq) and
    output `logits` (batch x seq x labels when `logits_per_token`, else batch x labels)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    ids = torch.ones(2, 12, dtype=torch.long)
    inputs = tuple(torch.zeros_like(ids) if name == "token_type_ids" else ids for name in input_names)
    fp32 = path.with_name(f"{path.stem}.fp32.onnx")
    torch.onnx.export(model, inputs, fp32, input_names=list(input_names), output_names=["logits"], opset_version=17,
                      dynamo=False, dynamic_axes={**{n: AXES for n in input_names},
                                                  "logits": AXES if logits_per_token else {0: "batch"}})
    quantize_dynamic(fp32, path, weight_type=QuantType.QInt8)
    fp32.unlink()
