"""``lazy_attribute()``: a package's public name, imported from its module on first use (PEP 562).

``spasmfacts`` and ``spasmfacts.rules`` both keep start-up cheap this way: each maps its
public names to the modules that define them, and its module ``__getattr__`` calls this.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["lazy_attribute"]


def lazy_attribute(package: str, module_of: dict[str, str], namespace: dict[str, Any], name: str) -> Any:
    """``name`` from the module of ``package`` that ``module_of`` names, kept in ``namespace`` for next time."""
    module = module_of.get(name)
    if module is None:
        msg = f"module {package!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(import_module(f"{package}.{module}"), name)
    namespace[name] = value
    return value
