"""Cascade integrity as pure graph checks: an RHK may not (indirectly) intervene itself."""

from __future__ import annotations

from collections.abc import Mapping


def would_cycle(*, child: int, parent: int | None, parent_of: Mapping[int, int | None]) -> bool:
    """True when linking `child` → `parent` closes a loop in the `parent_of` relation."""
    seen: set[int] = set()
    node = parent
    while node is not None:
        if node == child or node in seen:
            return True
        seen.add(node)
        node = parent_of.get(node)
    return False
