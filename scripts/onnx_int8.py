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


def read_int8(path: Path) -> dict[str, Any]:
    """The weights of a model `export_int8` wrote, dequantized, as a float32 state dict of torch tensors under
    the model's own names (a MatMul weight is named after the bias added to its product), so training can go
    on from a shipped model whose full-precision weights were not kept."""
    import numpy as np
    import onnx
    import torch
    from onnx import numpy_helper

    graph = onnx.load(path).graph
    arrays = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    consumers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)

    def bias_after(output: str) -> str:
        """The bias initializer of the first Add downstream of `output`."""
        frontier = [output]
        while frontier:
            for node in consumers.get(frontier.pop(0), []):
                bias = next((n for n in node.input if n.endswith(".bias") and n in arrays), None)
                if node.op_type == "Add" and bias:
                    return bias
                frontier += list(node.output)
        raise ValueError(f"no bias follows {output} in {path}")

    state = {name: torch.from_numpy(array.copy()) for name, array in arrays.items()
             if array.dtype == np.float32 and array.ndim > 0}
    for node in graph.node:
        quantized = next((n for n in node.input if n.endswith("_quantized") and n in arrays), None)
        if quantized is None:
            continue
        stem = quantized[: -len("_quantized")]
        weight = (arrays[quantized].astype(np.float32) - arrays[f"{stem}_zero_point"].astype(np.float32)) * arrays[f"{stem}_scale"]
        if node.op_type == "MatMulInteger":  # stored as x @ W: torch's Linear keeps W transposed
            state[bias_after(node.output[0])[: -len("bias")] + "weight"] = torch.from_numpy(weight.T.copy())
        else:
            state[stem] = torch.from_numpy(weight)
    return state
