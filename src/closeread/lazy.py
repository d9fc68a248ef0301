"""Lazy re-exports for package ``__init__`` modules (pure, standard library only).

The reader imports the models at start-up but the heavy modules (the analysis pipeline,
the YAML store, the sentence rules) only after its first frame. A package lists where each
public name lives and gets a module ``__getattr__``/``__dir__`` pair that imports the name
on first use and caches it in the package's namespace.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(
    package: str, namespace: dict[str, Any], where: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return ``(__getattr__, __dir__)`` for ``package`` re-exporting ``where``'s names."""

    def getattr_(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value  # later look-ups skip this function
        return value

    def dir_() -> list[str]:
        return sorted({*namespace, *where})

    return getattr_, dir_
