"""Shared pieces for the LLM integration tests: a tiny random GGUF, free ports, servers that stop.

Imported by ``test_llm_*.py`` (pytest fixtures are defined in those files, built from these helpers).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
SMOLLM2 = ROOT / ".models" / "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_MISSING = f"{SMOLLM2.relative_to(ROOT)} is absent: run `make models` (make install does it)"
CHATML = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def _pieces() -> list[str]:
    """Word pieces for the vocabulary: every prefix of the words griller's prompts use, so that the
    SentencePiece merges reach whole words and a grading prompt costs ~1 token a word, not a byte."""
    import re

    text = " ".join(
        p.read_text(encoding="utf-8")
        for p in [
            *(ROOT / "prompts").glob("*.md"),
            ROOT / "rubrics" / "dimensions.toml",
            ROOT / "rubrics" / "gaps.toml",
        ]
        if p.is_file()
    )
    words = sorted(set(re.findall(r"[A-Za-z]+", text)))
    pieces: dict[str, None] = {}
    for word in words:
        for end in range(1, len(word) + 1):
            pieces["▁" + word[:end]] = None
            pieces[word[:end]] = None
    return list(pieces)


def build_tiny_gguf(path: Path, *, width: int = 64, layers: int = 2, seed: int = 0) -> Path:
    """A random llama model (~100 KB, ~20 ms): SentencePiece vocab with all 256 byte tokens typed."""
    import gguf

    rng = np.random.default_rng(seed)
    tokens = ["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"]
    types = [
        gguf.TokenType.UNKNOWN,
        gguf.TokenType.CONTROL,
        gguf.TokenType.CONTROL,
        gguf.TokenType.CONTROL,
        gguf.TokenType.CONTROL,
    ]
    tokens += [f"<0x{b:02X}>" for b in range(256)]
    types += [gguf.TokenType.BYTE] * 256
    singles = ["▁", *[chr(c) for c in range(32, 127)]]
    tokens += singles + [p for p in _pieces() if p not in singles]
    types += [gguf.TokenType.NORMAL] * (len(tokens) - len(types))
    vocab, ff, heads = len(tokens), width * 2, 4

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_context_length(8192)
    writer.add_embedding_length(width)
    writer.add_block_count(layers)
    writer.add_feed_forward_length(ff)
    writer.add_head_count(heads)
    writer.add_head_count_kv(heads)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_rope_dimension_count(width // heads)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    # Longer pieces score higher, so merges run all the way to whole words.
    writer.add_token_scores([0.0] * 5 + [-1000.0] * 256 + [float(len(t)) for t in tokens[261:]])
    writer.add_token_types(types)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    writer.add_chat_template(CHATML)

    def tensor(name: str, *shape: int) -> None:
        writer.add_tensor(name, (rng.standard_normal(shape) * 0.05).astype(np.float32))

    tensor("token_embd.weight", vocab, width)
    writer.add_tensor("output_norm.weight", np.ones(width, dtype=np.float32))
    tensor("output.weight", vocab, width)
    for i in range(layers):
        writer.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(width, dtype=np.float32))
        writer.add_tensor(f"blk.{i}.ffn_norm.weight", np.ones(width, dtype=np.float32))
        for part in ("attn_q", "attn_k", "attn_v", "attn_output"):
            tensor(f"blk.{i}.{part}.weight", width, width)
        tensor(f"blk.{i}.ffn_gate.weight", ff, width)
        tensor(f"blk.{i}.ffn_up.weight", ff, width)
        tensor(f"blk.{i}.ffn_down.weight", width, ff)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_ready(
    url: str, process: subprocess.Popen | None = None, timeout: float = 60.0
) -> None:
    """Poll ``url`` until it answers 200 (bounded); fail early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.1)
    raise TimeoutError(f"{url} not ready within {timeout:g} s")


@contextlib.contextmanager
def llama_cpp_server(model: Path, *, threads: int = 1, n_ctx: int = 2048) -> Iterator[str]:
    """``python -m llama_cpp.server`` on a free loopback port; yields its base URL; always stopped."""
    port = free_port()
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_threads",
            str(threads),
            "--n_ctx",
            str(n_ctx),
            "--verbose",
            "False",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        wait_until_ready(f"{base}/models", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
