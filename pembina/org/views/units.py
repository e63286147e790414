"""The organisation tree and the unit page (positions with holders, people, sub-units, history)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import View

from pembina.core.audit.selectors import history_for
from pembina.core.views.base import paginate, render_page
from pembina.core.views.diff import describe_entries
from pembina.org import selectors
from pembina.org.models import Position, Unit
from pembina.org.views.employees import HISTORY_PAGE_SIZE, visible_employee_ids

OPEN_LEVELS = 2  # levels of the tree shown unfolded on first load


@dataclass
class TreeItem:
    unit: Unit
    level: int
    has_children: bool = False
    closes: int = 0  # nested lists to close after this node
    total: int = 0  # employees in the whole subtree
    head: object = None  # the Assignment of the unit head today
    vacant: bool = False  # the unit has a head position and nobody holds it today

    @property
    def close_range(self) -> range:
        return range(self.closes)

    @property
    def open(self) -> bool:
        return self.level < OPEN_LEVELS


def build_tree(units: list[Unit], heads: dict, head_units: set[int] = frozenset()) -> list[TreeItem]:
    """Units in path order → items with their nesting level and subtree totals.

    Levels come from the visible ancestors (a stack over the paths), so a hidden inactive parent
    never breaks the nesting."""
    items: list[TreeItem] = []
    stack: list[TreeItem] = []
    for unit in units:
        while stack and not unit.path.startswith(stack[-1].unit.path):
            stack.pop()
        head = heads.get(unit.pk)
        vacant = head is None and unit.pk in head_units
        item = TreeItem(unit=unit, level=len(stack), total=unit.n_employees, head=head, vacant=vacant)
        for ancestor in stack:
            ancestor.total += unit.n_employees
        stack.append(item)
        items.append(item)
    for i, item in enumerate(items):
        next_level = items[i + 1].level if i + 1 < len(items) else 0
        item.has_children = next_level > item.level
        item.closes = 0 if item.has_children else item.level - next_level
    return items


class UnitTreeView(LoginRequiredMixin, View):
    def get(self, request):
        units = selectors.unit_tree(actor=request.user)
        heads = selectors.unit_heads(unit_ids=[u.pk for u in units])
        head_units = set(
            selectors.position_list(actor=request.user)
            .filter(is_head=True, is_active=True)
            .values_list("unit_id", flat=True)
        )
        items = build_tree(units, heads, head_units)
        context = {
            "items": items,
            "n_units": len(items),
            "n_employees": sum(i.unit.n_employees for i in items),
            "linkable": visible_employee_ids(request.user, [a.employee_id for a in heads.values()]),
        }
        return render_page(request, "org/unit_tree.html", context)


class UnitView(LoginRequiredMixin, View):
    def get(self, request, pk):
        user = request.user
        unit = selectors.unit_get_for_actor(actor=user, pk=pk)
        ancestor_ids = [int(seg) for seg in unit.path.strip("/").split("/") if seg][:-1]
        ancestors = list(selectors.unit_list(actor=user).filter(pk__in=ancestor_ids).order_by("path"))
        positions = list(
            selectors.position_list(actor=user).filter(unit=unit, is_active=True).order_by("-is_head", "name")
        )
        holders = selectors.position_holders(position_ids=[p.pk for p in positions])
        for p in positions:
            p.holders = holders.get(p.pk, [])
        children = list(
            selectors.unit_list(actor=user).filter(parent=unit, is_active=True).order_by("sort_order", "name")
        )
        employees = selectors.employee_list(actor=user).filter(current_unit=unit).order_by("name", "pk")
        page = paginate(request, employees)
        holder_ids = [a.employee_id for hs in holders.values() for a in hs]
        context = {
            "unit": unit,
            "ancestors": ancestors,
            "positions": positions,
            "children": children,
            "page_obj": page,
            "employees": page.object_list,
            "linkable": visible_employee_ids(user, holder_ids),
        }
        return render_page(request, "org/unit_detail.html", context, partial="employees")


class UnitHistoryView(LoginRequiredMixin, View):
    """Audit entries of the unit and of its positions. The chart is shared within the instansi,
    so whoever may open the unit may read its history."""

    def get(self, request, pk):
        unit = selectors.unit_get_for_actor(actor=request.user, pk=pk)
        position_ids = list(
            Position.objects.for_actor(request.user).filter(unit=unit).values_list("pk", flat=True)
        )
        entries = history_for(obj=unit, related={Position: position_ids})
        page = paginate(request, entries, HISTORY_PAGE_SIZE)
        context = {"unit": unit, "page_obj": page, "rows": describe_entries(page.object_list)}
        return render_page(request, "org/unit_history.html", context, partial="history")
