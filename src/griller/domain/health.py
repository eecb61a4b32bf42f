"""One row of ``griller doctor``: what was checked, its status, and the fix. Shared by every layer."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal


@dataclass(frozen=True)
class HealthCheck:
    name: str
    status: Literal["ok", "missing", "error"]
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)
