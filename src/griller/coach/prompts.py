"""Prompt templates (``prompts/*.md``, Jinja2): one per task, each with a system and a user block.

Users can point ``prompts_dir`` at their own copies. Untrusted text (answers, résumés) goes in as
data: ``untrusted`` defuses the delimiters a template wraps it in, so it cannot close them early.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

_DELIMITER = re.compile(r"<(/?)(answer|resume|job)\b", re.IGNORECASE)


class PromptError(ValueError):
    """A template is missing or broken; the message names the file."""


def untrusted(text: str, limit: int = 6000) -> str:
    """Text safe to place between ``<answer>`` tags: tag look-alikes defused, length bounded."""
    clean = _DELIMITER.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text or "")
    return clean if len(clean) <= limit else clean[:limit] + " [...]"


@lru_cache(maxsize=8)
def _environment(root: str) -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(root),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=False,
        lstrip_blocks=False,
    )


class Prompts:
    """Renders ``<name>.md`` into chat messages."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def messages(self, name: str, **variables: Any) -> list[dict[str, str]]:
        from jinja2 import TemplateError

        try:
            template = _environment(str(self.root)).get_template(f"{name}.md")
            context = template.new_context(variables)
            out = []
            for role in ("system", "user"):
                block = template.blocks.get(role)
                if block is None:
                    raise PromptError(f"{self.root / (name + '.md')}: no {{% block {role} %}}")
                out.append({"role": role, "content": "".join(block(context)).strip()})
            return out
        except TemplateError as exc:
            raise PromptError(f"{self.root / (name + '.md')}: {exc}") from None
