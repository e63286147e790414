"""The cascade tree and the OPD progress page (per OPD per year), bulk cascade of an RHK to
subordinates, and collaboration links between RHKs of different units."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.fragments import cached_fragment
from pembina.core.views.base import render_page, wants_partial
from pembina.performance import selectors, services
from pembina.performance.choices import PlanStatus
from pembina.performance.forms import CascadeForm, CollaborateForm
from pembina.performance.models import PerformancePlan, ResultLink
from pembina.performance.permissions import plan_roles
from pembina.performance.rules import workflow
from pembina.performance.selectors.cascade import (
    INTERVENES_NOTHING,
    NOT_INTERVENED,
    PARENT_OUTSIDE,
    PLAN_NOT_APPROVED,
)
from pembina.performance.selectors.progress import SHOW_CHOICES
from pembina.performance.views.common import (
    direct_subordinates,
    opd_from_request,
    performance_opds,
    plan_url,
    refuse,
    result_for,
    year_from_request,
)

FLAG_LABELS = {
    INTERVENES_NOTHING: gettext_lazy("tidak mengintervensi RHK atasan"),
    NOT_INTERVENED: gettext_lazy("tidak diintervensi bawahan"),
    PLAN_NOT_APPROVED: gettext_lazy("SKP belum disetujui"),
    PARENT_OUTSIDE: gettext_lazy("RHK atasan di luar OPD/tampilan"),
}
FILTER_FLAGS = (INTERVENES_NOTHING, NOT_INTERVENED, PLAN_NOT_APPROVED)
COLLABORATORS = frozenset({workflow.OWNER, workflow.RATER, workflow.ADMIN})
TREE_BUDGET = 24  # RHK rows rendered on first load; deeper branches load on demand (htmx)
LIST_PAGE = 25  # rows per page of the flagged lists and the progress table (htmx pages)


@dataclass
class Row:
    kind: str  # "city" | "opd" | "result"
    level: int
    node: object = None
    has_children: bool = False
    lazy: bool = False  # children not rendered: fetched when opened
    closes: int = 0
    hidden_children: int = 0  # how many a lazy branch holds
    lazy_label: str = ""
    flags: list = field(default_factory=list)

    @property
    def close_range(self) -> range:
        return range(self.closes)


def lazy_label(n: int) -> str:
    return ngettext("Tampilkan %(c)s RHK bawahan", "Tampilkan %(c)s RHK bawahan", n) % {"c": n}


def _inline_set(outline, roots: list[int], budget: int) -> set[int]:
    """Ids of RHKs whose children are rendered inline: breadth first while the budget lasts, so the
    upper levels of a 1,000-person OPD show and the long leaf lists wait for a click."""
    inline: set[int] = set()
    queue = deque(roots)
    while queue:
        pk = queue.popleft()
        kids = outline.children.get(pk, ())
        if kids and len(kids) <= budget:
            inline.add(pk)
            budget -= len(kids)
            queue.extend(kids)
    return inline


def _result_rows(outline, ids: list[int], level: int, inline: set[int], rows: list[Row]) -> None:
    """Rows for `ids` and, depth first, the children of those in `inline` (node filled in later)."""
    labels = {f: str(label) for f, label in FLAG_LABELS.items()}
    stack = [(pk, level) for pk in reversed(ids)]
    while stack:
        pk, lvl = stack.pop()
        kids = outline.children.get(pk, [])
        expanded = pk in inline
        rows.append(
            Row(
                kind="result",
                level=lvl,
                node=pk,
                has_children=bool(kids),
                lazy=bool(kids) and not expanded,
                hidden_children=len(kids),
                lazy_label=lazy_label(len(kids)) if kids and not expanded else "",
                flags=[(f, labels[f]) for f in sorted(outline.flags.get(pk, ()))],
            )
        )
        if expanded:
            stack.extend((c, lvl + 1) for c in reversed(kids))


def _close(rows: list[Row]) -> list[Row]:
    """How many nested lists close after each row (the unit tree's technique: flat rows, nested HTML)."""
    for i, row in enumerate(rows):
        opens = row.has_children and not row.lazy
        nxt = rows[i + 1].level if i + 1 < len(rows) else 0
        row.has_children = opens
        row.closes = 0 if opens else row.level - nxt
    return rows


def _fill(outline, *row_lists) -> None:
    """Replace the RHK ids of the rows by their nodes (statements, names, IKI: one fetch)."""
    ids = [r.node for rows in row_lists for r in rows if r.kind == "result"]
    nodes = outline.load(ids)
    for rows in row_lists:
        for r in rows:
            if r.kind == "result":
                r.node = nodes[r.node]


def tree_rows(outline, budget: int = TREE_BUDGET) -> tuple[list[Row], list[Row], int]:
    """Flatten the cascade into rows: city goals → OPD goals → RHK (budgeted), then the loose RHKs."""
    roots = outline.goal_roots
    goal_roots = [pk for g in outline.city_goals for pk in roots.get(g.goal.pk, [])]
    for city in outline.city_goals:
        goal_roots += [pk for og in city.children for pk in roots.get(og.goal.pk, [])]
    goal_roots += [pk for og in outline.unlinked_opd_goals for pk in roots.get(og.goal.pk, [])]
    shown_loose = outline.loose[:budget]
    inline = _inline_set(outline, goal_roots + shown_loose, budget)
    rows: list[Row] = []

    def goal_rows(goal_node, level):
        ids = roots.get(goal_node.goal.pk, [])
        kids = goal_node.children if goal_node.goal.level == "city" else []
        kind = "city" if goal_node.goal.level == "city" else "opd"
        rows.append(Row(kind=kind, level=level, node=goal_node, has_children=bool(ids or kids)))
        _result_rows(outline, ids, level + 1, inline, rows)
        for child in kids:
            goal_rows(child, level + 1)

    for city in outline.city_goals:
        goal_rows(city, 0)
    for opd_goal in outline.unlinked_opd_goals:
        goal_rows(opd_goal, 0)
    loose_rows: list[Row] = []
    _result_rows(outline, shown_loose, 0, inline, loose_rows)
    _fill(outline, rows, loose_rows)
    return _close(rows), _close(loose_rows), len(outline.loose) - len(shown_loose)


def _tree_context(request):
    opds = performance_opds(request.user)
    opd = opd_from_request(request, opds)
    year, years = year_from_request(request)
    return opds, opd, year, years


class CascadeTreeView(LoginRequiredMixin, View):
    """City goals → OPD goals → superiors' RHK → employees' RHK and IKI, with the flags."""

    template_name = "performance/cascade_tree.html"

    def get(self, request):
        opds, opd, year, years = _tree_context(request)
        context = {"opds": opds, "opd": opd, "year": year, "years": years, "flag_labels": FLAG_LABELS}
        if opd is None or year is None:
            return render_page(request, self.template_name, context)
        params = {k: request.GET.get(k, "") for k in ("flag", "node", "page", "part")}
        part = "body"
        if wants_partial(request):
            if params["part"] == "without_plan":
                part = "without_plan"
            elif params["node"]:
                part = "branch"
            elif params["flag"] in FILTER_FLAGS:
                part = "flagged"

        def build() -> str:
            data = {**context, **self.data(request, opd, year, params)}
            return render_to_string(f"{self.template_name}#{part}", data, request=request)

        html = cached_fragment(
            request, f"cascade_tree#{part}", {"opd": opd.pk, "year": year.pk, **params}, build
        )
        if part != "body":
            return fragment_response(html)
        return render_page(request, self.template_name, {**context, "body": html})

    def data(self, request, opd, year, params) -> dict:
        if params["part"] == "without_plan":  # loaded after the tree
            employees, total = selectors.cascade_without_plan(actor=request.user, year=year, opd=opd)
            return {"without_plan": employees, "without_plan_count": total}
        outline = selectors.cascade_outline(actor=request.user, year=year, opd=opd)
        flag, node_id = params["flag"], params["node"]
        out = {"counts": outline.counts, "flag": flag if flag in FILTER_FLAGS else ""}
        out["tree_url"] = reverse("performance:cascade_tree")
        out["filters"] = [(f, FLAG_LABELS[f], outline.counts.get(f, 0)) for f in FILTER_FLAGS]
        if node_id:
            # the children of one RHK (a branch left closed on first load), fetched by htmx
            pk = int(node_id) if node_id.isdigit() else None
            if pk not in outline.children:
                raise Http404
            kids = outline.children[pk]
            rows: list[Row] = []
            _result_rows(outline, kids, 0, _inline_set(outline, kids, TREE_BUDGET), rows)
            _fill(outline, rows)
            out["branch_rows"] = _close(rows)
            return out
        if out["flag"]:
            if flag == PLAN_NOT_APPROVED:
                page = Paginator(outline.plans_not_approved(), LIST_PAGE).get_page(params["page"])
                out.update(page_obj=page, items=page.object_list)
            else:
                page = Paginator(outline.flagged(flag), LIST_PAGE).get_page(params["page"])
                nodes = outline.load(page.object_list, header=True)
                items = [nodes[pk] for pk in page.object_list]
                items.sort(key=lambda n: (n.plan.unit_path, n.plan.employee_name, n.result.pk))
                out.update(page_obj=page, items=items)
            return out
        rows, loose_rows, hidden_loose = tree_rows(outline)
        out.update(rows=rows, loose_rows=loose_rows, hidden_loose=hidden_loose)
        out["lazy_texts"] = {"error": _("Gagal memuat; muat ulang halaman."), "loading": _("Memuat…")}
        return out


def fragment_response(html: str) -> HttpResponse:
    response = HttpResponse(html)
    patch_vary_headers(response, ["HX-Request"])
    return response


class OpdProgressView(LoginRequiredMixin, View):
    """Realisation progress of one OPD: a chart per period and a row per plan (paginated), read
    from the progress summary the services maintain."""

    template_name = "performance/opd_progress.html"

    def get(self, request):
        opds, opd, year, years = _tree_context(request)
        context = {"opds": opds, "opd": opd, "year": year, "years": years}
        if opd is None or year is None:
            return render_page(request, self.template_name, context)
        params = {k: request.GET.get(k, "") for k in ("show", "page")}
        part = "rows" if wants_partial(request) else "body"

        def build() -> str:
            data = {**context, **self.data(request, opd, year, params, part)}
            return render_to_string(f"{self.template_name}#{part}", data, request=request)

        html = cached_fragment(
            request, f"opd_progress#{part}", {"opd": opd.pk, "year": year.pk, **params}, build
        )
        if part != "body":
            return fragment_response(html)
        return render_page(request, self.template_name, {**context, "body": html})

    def data(self, request, opd, year, params, part="body") -> dict:
        on = timezone.localdate()
        show = params["show"] if params["show"] in SHOW_CHOICES else ""
        out: dict = {"show": show}
        paginator = Paginator(
            selectors.plan_progress_rows(actor=request.user, year=year, opd=opd, on=on, show=show), LIST_PAGE
        )
        if part == "body":
            summary = selectors.opd_progress_summary(actor=request.user, year=year, opd=opd, on=on)
            chart = summary["chart"]
            out.update(
                totals=summary["totals"],
                chart=chart,
                chart_rows=list(
                    zip(chart["labels"], chart["achieved"], chart["expected"], chart["filled"], strict=True)
                ),
            )
            if not show:
                paginator.count = summary["totals"]["plans"]  # the same plans: no second COUNT
        page = paginator.get_page(params["page"])
        out.update(page_obj=page, rows=selectors.plan_progress_figures(plans=page.object_list, on=on))
        return out


class CascadeResultView(LoginRequiredMixin, View):
    """A superior distributes one RHK to many subordinates at once; each adapts their copy."""

    template_name = "performance/result_cascade.html"

    def _form(self, result, data=None):
        plan = result.plan
        subs = direct_subordinates(employee_id=plan.employee_id, on=plan.start_date)
        from pembina.org.models import Employee

        form = CascadeForm(
            data, employees=Employee.objects.filter(pk__in=[e.pk for e in subs]).order_by("name")
        )
        status = dict(
            PerformancePlan.objects.filter(year=plan.year, employee__in=subs).values_list(
                "employee_id", "status"
            )
        )
        labels = dict(PlanStatus.choices)
        form.sub_status = {eid: labels.get(s, s) for eid, s in status.items()}
        return form, subs

    def _context(self, result, form, subs):
        rows = [(e, form.sub_status.get(e.pk)) for e in subs]
        return {"plan": result.plan, "result": result, "form": form, "subordinates": rows}

    def get(self, request, pk):
        result = result_for(request, pk, "cascade_from")
        form, subs = self._form(result)
        return render_page(request, self.template_name, self._context(result, form, subs))

    def post(self, request, pk):
        result = result_for(request, pk, "cascade_from")
        form, subs = self._form(result, request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                report = services.results_cascade(
                    source_result=result,
                    employees=list(d["employees"]),
                    actor=request.user,
                    statement=d.get("statement") or None,
                    copy_indicators=d.get("copy_indicators", False),
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                names = {e.pk: e.full_name for e in subs}
                messages.success(
                    request,
                    _("RHK diturunkan kepada %(n)s bawahan (%(p)s SKP baru dibuat sebagai konsep).")
                    % {"n": len(report.created), "p": len(report.plans_created)},
                )
                for emp_id, reason in report.skipped:
                    messages.warning(
                        request, _("%(n)s dilewati: %(r)s.") % {"n": names.get(emp_id, emp_id), "r": reason}
                    )
                return redirect(plan_url(result.plan, f"rhk-{result.pk}"))
        return render_page(request, self.template_name, self._context(result, form, subs))


def _collab_result(request, pk):
    result = result_for(request, pk)
    if not plan_roles(request.user, result.plan) & COLLABORATORS:
        raise Http404
    return result


class CollaborateView(LoginRequiredMixin, View):
    """Kinerja kolaboratif: search another unit's RHK and link it (visible from both plans)."""

    template_name = "performance/result_collaborate.html"

    def _context(self, request, result, form):
        q = (request.GET.get("q") or "").strip()
        candidates = []
        if q:
            candidates = list(
                selectors.collaboration_candidates(actor=request.user, plan=result.plan, q=q)[:30]
            )
        return {"plan": result.plan, "result": result, "form": form, "q": q, "candidates": candidates}

    def get(self, request, pk):
        result = _collab_result(request, pk)
        context = self._context(request, result, CollaborateForm())
        return render_page(request, self.template_name, context, partial="candidates")

    def post(self, request, pk):
        result = _collab_result(request, pk)
        form = CollaborateForm(request.POST)
        if form.is_valid():
            other = (
                selectors.collaboration_candidates(actor=request.user, plan=result.plan)
                .filter(pk=form.cleaned_data["other"])
                .first()
            )
            try:
                if other is None:
                    raise ApplicationError(
                        _("RHK kolaborasi tidak ditemukan atau dari unit kerja yang sama.")
                    )
                services.result_collaborate(
                    result=result, other=other, actor=request.user, note=form.cleaned_data.get("note") or ""
                )
            except ApplicationError as exc:
                return refuse(request, exc, result.plan, f"rhk-{result.pk}")
            messages.success(request, _("Kolaborasi dengan RHK unit lain tercatat; tampil pada kedua SKP."))
            return redirect(plan_url(result.plan, f"rhk-{result.pk}"))
        messages.error(request, _("Pilih RHK yang akan dikolaborasikan."))
        return redirect(plan_url(result.plan, f"rhk-{result.pk}"))


class CollaborationRemoveView(LoginRequiredMixin, View):
    def post(self, request, pk):
        link = ResultLink.objects.select_related("result_a", "result_b").get_for_actor_or_404(
            request.user, pk=pk
        )
        plan_ids = {link.result_a.plan_id, link.result_b.plan_id}
        plans = PerformancePlan.objects.filter(pk__in=plan_ids).select_related("year")
        if not any(plan_roles(request.user, p) & COLLABORATORS for p in plans):
            raise Http404
        raw = request.POST.get("plan", "")
        back = int(raw) if raw.isdigit() and int(raw) in plan_ids else link.result_a.plan_id
        try:
            services.result_collaboration_remove(link=link, actor=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(plan_url(back))
        messages.success(request, _("Tautan kolaborasi dihapus."))
        return redirect(plan_url(back))
