"""all-MiniLM-L6-v2 sentence embeddings with numpy alone: no torch, no onnxruntime, no download.

The weights (``model.safetensors``, Apache-2.0) and ``tokenizer.json`` come from a local folder
that ``make embeddings`` fills (see docs/ingest.md); ``tokenizers`` is already installed by
chromadb. The forward pass is the standard BERT encoder followed by mean pooling and L2
normalisation, which gives the same vectors as sentence-transformers and chroma's ONNX model.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
REQUIRED_FILES = ("model.safetensors", "tokenizer.json", "config.json")
MAX_TOKENS = 128  # what the model was trained on; longer chunks cost more than they add
BATCH_TOKENS = 2048


class EmbedderUnavailable(RuntimeError):
    """The weights are not installed (or unreadable); the message says where griller looked and what to run."""


def candidate_dirs() -> list[Path]:
    """Where the weights may be: ``GRILLER_EMBEDDINGS_DIR``, the models dir, the per-user default models dir."""
    from platformdirs import user_data_path

    from griller.paths import models_dir

    dirs = []
    env = os.environ.get("GRILLER_EMBEDDINGS_DIR")
    if env:
        return [Path(env).expanduser()]
    dirs.append(models_dir() / MODEL_NAME)
    # A GRILLER_DATA_DIR pointing elsewhere (tests, a second database) should not lose the weights
    # that `make embeddings` installed for this user.
    dirs.append(user_data_path("griller") / "models" / MODEL_NAME)
    return list(dict.fromkeys(dirs))


def locate() -> Path:
    for folder in candidate_dirs():
        if all((folder / name).is_file() for name in REQUIRED_FILES):
            return folder
    looked = ", ".join(str(d) for d in candidate_dirs())
    raise EmbedderUnavailable(
        f"embedding weights ({MODEL_NAME}) not found in {looked}; run `make embeddings` (or set GRILLER_EMBEDDINGS_DIR)"
    )


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """A minimal safetensors reader (the format is an 8-byte length, a JSON header, raw tensors)."""
    import numpy as np

    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    with path.open("rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(length))
        raw = handle.read()
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        dtype = dtypes[spec["dtype"]]
        array = np.frombuffer(raw, dtype=dtype, count=(end - start) // np.dtype(dtype).itemsize, offset=start)
        tensors[name] = array.reshape(spec["shape"]).astype(np.float32) if dtype != np.int64 else array
    return tensors


def single_thread_blas() -> None:
    """Run OpenBLAS on one thread even when numpy was imported before OPENBLAS_NUM_THREADS was set.

    On a shared 2-core machine two BLAS threads busy-wait on each other: the same batch took
    ten times longer than on one thread. Best effort, like threadpoolctl: find the loaded
    OpenBLAS and call its setter.
    """
    import ctypes
    import re

    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            libraries = set(re.findall(r"(/\S*openblas\S*\.so\S*)", maps.read()))
    except OSError:
        return
    for path in libraries:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_", "openblas_set_num_threads"):
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                break


class MiniLM:
    """Loaded once per process (about 0.2 s); ``encode`` returns unit-length float32 rows."""

    def __init__(self, folder: Path) -> None:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # 2 threads collapse on a shared 2-core box
        from tokenizers import Tokenizer

        self.folder = folder
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            weights = _read_safetensors(folder / "model.safetensors")
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except (OSError, ValueError, KeyError, struct.error) as exc:
            raise EmbedderUnavailable(f"{folder}: unreadable embedding weights ({exc})") from None
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.layers = int(config["num_hidden_layers"])
        self.w = self._prepare(weights)
        single_thread_blas()

    def _prepare(self, w: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        out: dict[str, Any] = {
            "word": w["embeddings.word_embeddings.weight"],
            "pos": w["embeddings.position_embeddings.weight"],
            "type": w["embeddings.token_type_embeddings.weight"][0],
            "ln_g": w["embeddings.LayerNorm.weight"],
            "ln_b": w["embeddings.LayerNorm.bias"],
        }
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            # One fused QKV matrix (transposed once here) keeps the per-layer matmuls few and large.
            out[f"{i}.qkv"] = np.ascontiguousarray(
                np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T
            )
            out[f"{i}.qkv_b"] = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            out[f"{i}.o"] = np.ascontiguousarray(w[p + "attention.output.dense.weight"].T)
            out[f"{i}.o_b"] = w[p + "attention.output.dense.bias"]
            out[f"{i}.ln1_g"] = w[p + "attention.output.LayerNorm.weight"]
            out[f"{i}.ln1_b"] = w[p + "attention.output.LayerNorm.bias"]
            out[f"{i}.up"] = np.ascontiguousarray(w[p + "intermediate.dense.weight"].T)
            out[f"{i}.up_b"] = w[p + "intermediate.dense.bias"]
            out[f"{i}.down"] = np.ascontiguousarray(w[p + "output.dense.weight"].T)
            out[f"{i}.down_b"] = w[p + "output.dense.bias"]
            out[f"{i}.ln2_g"] = w[p + "output.LayerNorm.weight"]
            out[f"{i}.ln2_b"] = w[p + "output.LayerNorm.bias"]
        return out

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.w["word"].shape[1]), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([t or " " for t in texts])
        # Sort by length so each batch pads little; restore the order at the end.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        result = np.zeros((len(texts), self.w["word"].shape[1]), dtype=np.float32)
        batch: list[int] = []
        for index in order:
            # Similar lengths share a batch (padding is wasted work), within a budget of padded tokens.
            length = len(encodings[index].ids)
            if batch and ((len(batch) + 1) * length > BATCH_TOKENS or length > 1.25 * len(encodings[batch[0]].ids) + 4):
                result[batch] = self._forward([encodings[i].ids for i in batch])
                batch = []
            batch.append(index)
        if batch:
            result[batch] = self._forward([encodings[i].ids for i in batch])
        return result

    def _forward(self, ids_list: list[list[int]]) -> np.ndarray:
        import numpy as np

        w = self.w
        batch, length = len(ids_list), max(len(ids) for ids in ids_list)
        ids = np.zeros((batch, length), dtype=np.int64)
        mask = np.zeros((batch, length), dtype=np.float32)
        for row, seq in enumerate(ids_list):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        x = w["word"][ids] + w["pos"][:length][None] + w["type"]
        hidden = x.shape[-1]
        # Dense layers on a 2-D (tokens × hidden) matrix: numpy's 3-D @ 2-D matmul is ~7× slower here.
        x = _layer_norm(x.reshape(batch * length, hidden), w["ln_g"], w["ln_b"], self.eps)
        head_dim = hidden // self.heads
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        scale = np.float32(1.0 / np.sqrt(head_dim))
        for i in range(self.layers):
            qkv = (x @ w[f"{i}.qkv"] + w[f"{i}.qkv_b"]).reshape(batch, length, 3, self.heads, head_dim)
            q, k, v = (qkv[:, :, j].transpose(0, 2, 1, 3) for j in range(3))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
            x = _layer_norm(x + context @ w[f"{i}.o"] + w[f"{i}.o_b"], w[f"{i}.ln1_g"], w[f"{i}.ln1_b"], self.eps)
            up = _gelu(x @ w[f"{i}.up"] + w[f"{i}.up_b"])
            x = _layer_norm(x + up @ w[f"{i}.down"] + w[f"{i}.down_b"], w[f"{i}.ln2_g"], w[f"{i}.ln2_b"], self.eps)
        x = x.reshape(batch, length, hidden)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / (var + eps) ** 0.5 * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x·Φ(x), with erf from Abramowitz & Stegun 7.1.26 (error < 1.5e-7).

    Computed in place on a few buffers: this runs on the widest activations of the network.
    """
    import numpy as np

    z = np.abs(x) * np.float32(0.7071067811865476)
    t = z * np.float32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(coefficient)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # P = 1 - erf(|x|/√2)
    # erf is odd, so GELU = 0.5·x·(1 + sign(x)·(1 - P)) = 0.5·x·(1 + sign(x) - sign(x)·P).
    np.copysign(poly, x, out=poly)
    poly -= np.sign(x)
    np.subtract(np.float32(1.0), poly, out=poly)
    poly *= x
    poly *= np.float32(0.5)
    return poly


_LOADED: dict[Path, MiniLM] = {}


def load(folder: Path | None = None) -> MiniLM:
    """The process-wide model (loading costs ~0.2 s, so it happens once)."""
    folder = folder or locate()
    if folder not in _LOADED:
        _LOADED[folder] = MiniLM(folder)
    return _LOADED[folder]
