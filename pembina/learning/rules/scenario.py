"""Complaint-handling simulations as a graph: validation, scoring, the best achievable score.

A scenario is a directed graph of steps. A step shows the citizen's message and takes either a choice
(each choice scored on the rubric and leading to the next step) or a free-text answer scored by a
keyword rubric (enough points lead to `next`, too few to `low_next`). Ending steps close the
conversation. The rubric dimensions are the three *Berorientasi Pelayanan* behaviours of BerAKHLAK
(SE MenPANRB 20/2021) plus the complaint-handling rules of SP4N-LAPOR! (Perpres 76/2013).

A valid scenario: the start exists; every step is reachable from it; every non-ending step leads on
(at least one choice, or a free-text step with `next`); every reference points at an existing step;
there are no cycles (so every path ends); every choice is scored and explained; endings take no answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NEED = "need"
MANNER = "manner"
IMPROVEMENT = "improvement"
PROCEDURE = "procedure"
DIMENSIONS = {
    NEED: gettext_lazy("Memahami dan memenuhi kebutuhan masyarakat"),
    MANNER: gettext_lazy("Ramah, cekatan, solutif, dan dapat diandalkan"),
    IMPROVEMENT: gettext_lazy("Melakukan perbaikan tiada henti"),
    PROCEDURE: gettext_lazy("Aturan penanganan pengaduan (SP4N-LAPOR!, Perpres 76/2013)"),
}
SCORE_MIN, SCORE_MAX = -3, 3  # points of one dimension for one choice or rubric item

# What the procedure dimension rewards (shown to authors beside the rubric).
LAPOR_RULES = (
    gettext_lazy("Catat pengaduan dan beri nomor registrasi/tiket agar dapat dilacak."),
    gettext_lazy("Verifikasi laporan paling lambat 3 hari kerja."),
    gettext_lazy("Teruskan (disposisi) ke OPD yang berwenang bila bukan kewenangan unit sendiri."),
    gettext_lazy("Tindak lanjut paling lambat 5 hari kerja setelah diterima OPD, lalu kabarkan pelapor."),
    gettext_lazy("Jaga kerahasiaan identitas pelapor; jangan menyebarkan data pribadi."),
    gettext_lazy("Jangan menjanjikan hal di luar kewenangan; jangan meminta atau menerima imbalan."),
)

CHOICE = "choice"
FREE_TEXT = "free_text"


@dataclass(frozen=True)
class ChoiceSpec:
    ref: str  # how the author sees it in messages ("pilihan 2")
    label: str
    next: str | None
    scores: Mapping[str, int] = field(default_factory=dict)
    feedback: str = ""
    critical: bool = False  # a grave breach (asking for money, exposing the reporter): the attempt fails


@dataclass(frozen=True)
class RubricItem:
    label: str
    dimension: str
    points: int
    keywords: tuple[str, ...]
    feedback: str = ""


@dataclass(frozen=True)
class StepSpec:
    key: str
    response_type: str = CHOICE
    is_ending: bool = False
    choices: tuple[ChoiceSpec, ...] = ()
    rubric: tuple[RubricItem, ...] = ()
    next: str | None = None  # free text: where an answer with enough points goes
    low_next: str | None = None  # free text: where an answer below `min_points` goes (None: `next`)
    min_points: int = 1


@dataclass(frozen=True)
class Graph:
    start: str | None
    steps: Mapping[str, StepSpec]


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    step: str = ""
    choice: str = ""


def edges(step: StepSpec) -> list[str]:
    if step.is_ending:
        return []
    if step.response_type == FREE_TEXT:
        return [k for k in (step.next, step.low_next) if k]
    return [c.next for c in step.choices if c.next]


def _scores_problem(scores: Mapping[str, int]) -> str | None:
    if not scores:
        return "unscored"
    for dim, points in scores.items():
        if dim not in DIMENSIONS:
            return "bad_dimension"
        if not isinstance(points, int) or isinstance(points, bool) or not SCORE_MIN <= points <= SCORE_MAX:
            return "bad_points"
    return None


def validate(graph: Graph) -> list[Problem]:
    """Every problem of the graph, in a stable order; an empty list means publishable."""
    problems: list[Problem] = []
    steps = graph.steps
    if not steps:
        return [Problem("empty", _("Skenario belum mempunyai langkah."))]
    if not graph.start:
        problems.append(Problem("no_start", _("Langkah awal belum ditentukan.")))
    elif graph.start not in steps:
        problems.append(
            Problem("start_missing", _("Langkah awal '%(k)s' tidak ada.") % {"k": graph.start}, graph.start)
        )
    elif steps[graph.start].is_ending:
        problems.append(Problem("start_is_ending", _("Langkah awal tidak boleh berupa akhir."), graph.start))

    for key in sorted(steps):
        step = steps[key]
        if step.is_ending:
            if step.choices or step.rubric or step.next or step.low_next:
                problems.append(
                    Problem(
                        "ending_with_answers",
                        _("Langkah akhir '%(k)s' tidak boleh berisi jawaban.") % {"k": key},
                        key,
                    )
                )
            continue
        if step.response_type == FREE_TEXT:
            if not step.next:
                problems.append(
                    Problem(
                        "dead_end",
                        _("Langkah '%(k)s' (jawaban bebas) belum menentukan langkah berikutnya.")
                        % {"k": key},
                        key,
                    )
                )
            for target in (step.next, step.low_next):
                if target and target not in steps:
                    problems.append(
                        Problem(
                            "dangling",
                            _("Langkah '%(k)s' menuju langkah '%(t)s' yang tidak ada.")
                            % {"k": key, "t": target},
                            key,
                        )
                    )
            if not any(item.points > 0 for item in step.rubric):
                problems.append(
                    Problem(
                        "unscored_free_text",
                        _(
                            "Langkah '%(k)s' (jawaban bebas) belum mempunyai rubrik kata kunci yang memberi nilai."
                        )
                        % {"k": key},
                        key,
                    )
                )
            for n, item in enumerate(step.rubric, 1):
                bad = _scores_problem({item.dimension: item.points})
                if bad or not [kw for kw in item.keywords if normalise(kw)]:
                    problems.append(
                        Problem(
                            "bad_rubric",
                            _(
                                "Rubrik ke-%(n)s pada langkah '%(k)s' tidak sah (dimensi, nilai −3…3, dan kata kunci wajib)."
                            )
                            % {"n": n, "k": key},
                            key,
                            str(n),
                        )
                    )
            if step.choices:
                problems.append(
                    Problem(
                        "mixed_answers",
                        _("Langkah '%(k)s' jawaban bebas tidak boleh mempunyai pilihan.") % {"k": key},
                        key,
                    )
                )
            continue
        if not step.choices:
            problems.append(
                Problem(
                    "dead_end",
                    _("Langkah '%(k)s' bukan akhir tetapi tidak mempunyai pilihan jawaban (jalan buntu).")
                    % {"k": key},
                    key,
                )
            )
        for choice in step.choices:
            where = {"k": key, "c": choice.ref}
            if not choice.next:
                problems.append(
                    Problem(
                        "dead_end",
                        _("Pilihan %(c)s pada langkah '%(k)s' tidak menuju langkah mana pun.") % where,
                        key,
                        choice.ref,
                    )
                )
            elif choice.next not in steps:
                problems.append(
                    Problem(
                        "dangling",
                        _("Pilihan %(c)s pada langkah '%(k)s' menuju langkah '%(t)s' yang tidak ada.")
                        % {**where, "t": choice.next},
                        key,
                        choice.ref,
                    )
                )
            bad = _scores_problem(choice.scores)
            if bad == "unscored":
                problems.append(
                    Problem(
                        "unscored",
                        _("Pilihan %(c)s pada langkah '%(k)s' belum dinilai pada rubrik.") % where,
                        key,
                        choice.ref,
                    )
                )
            elif bad:
                problems.append(
                    Problem(
                        "bad_score",
                        _("Nilai pilihan %(c)s pada langkah '%(k)s' tidak sah (dimensi rubrik, −3…3).")
                        % where,
                        key,
                        choice.ref,
                    )
                )
            if not (choice.feedback or "").strip():
                problems.append(
                    Problem(
                        "no_feedback",
                        _("Pilihan %(c)s pada langkah '%(k)s' belum mempunyai umpan balik.") % where,
                        key,
                        choice.ref,
                    )
                )

    if graph.start in steps:
        reachable = _reachable(graph)
        for key in sorted(set(steps) - reachable):
            problems.append(
                Problem(
                    "unreachable",
                    _("Langkah '%(k)s' tidak dapat dicapai dari langkah awal.") % {"k": key},
                    key,
                )
            )
        cycle = find_cycle(graph)
        if cycle:
            problems.append(
                Problem("cycle", _("Ada putaran tanpa akhir: %(p)s.") % {"p": " → ".join(cycle)}, cycle[0])
            )
        elif not any(steps[k].is_ending for k in reachable):
            problems.append(Problem("no_ending", _("Tidak ada langkah akhir yang dapat dicapai.")))
        elif not problems and max_score(graph) <= 0:
            problems.append(Problem("no_points", _("Tidak ada jalur yang memberi nilai positif.")))
    return problems


def _reachable(graph: Graph) -> set[str]:
    seen: set[str] = set()
    stack = [graph.start] if graph.start in graph.steps else []
    while stack:
        key = stack.pop()
        if key in seen:
            continue
        seen.add(key)
        stack.extend(t for t in edges(graph.steps[key]) if t in graph.steps and t not in seen)
    return seen


def find_cycle(graph: Graph) -> list[str]:
    """One cycle as a list of keys (first repeated at the end), or [] when the graph is acyclic."""
    white, grey, black = 0, 1, 2
    color = dict.fromkeys(graph.steps, white)
    for root in sorted(graph.steps):
        if color[root] != white:
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterable[str]]] = [(root, iter(edges(graph.steps[root])))]
        color[root] = grey
        path.append(root)
        while stack:
            node, it = stack[-1]
            nxt = next((t for t in it if t in graph.steps), None)
            if nxt is None:
                color[node] = black
                stack.pop()
                path.pop()
                continue
            if color[nxt] == grey:
                return [*path[path.index(nxt) :], nxt]
            if color[nxt] == white:
                color[nxt] = grey
                path.append(nxt)
                stack.append((nxt, iter(edges(graph.steps[nxt]))))
    return []


# --- scoring ----------------------------------------------------------------------------------


def choice_points(choice: ChoiceSpec) -> int:
    return sum(choice.scores.values())


def step_best(step: StepSpec) -> int:
    """The most points one answer at this step can earn."""
    if step.is_ending:
        return 0
    if step.response_type == FREE_TEXT:
        return sum(i.points for i in step.rubric if i.points > 0)
    return max((choice_points(c) for c in step.choices), default=0)


def max_score(graph: Graph) -> int:
    """The best total over all paths from the start (the graph must be acyclic)."""
    memo: dict[str, int] = {}

    def best(key: str) -> int:
        if key in memo:
            return memo[key]
        memo[key] = 0  # guards against cycles in an invalid graph
        step = graph.steps[key]
        if step.is_ending:
            value = 0
        elif step.response_type == FREE_TEXT:
            top = step_best(step)
            value = top + (best(step.next) if step.next in graph.steps else 0)
            if step.low_next in graph.steps:
                low = min(top, max(step.min_points - 1, 0))
                value = max(value, low + best(step.low_next))
        else:
            value = max(
                (choice_points(c) + (best(c.next) if c.next in graph.steps else 0) for c in step.choices),
                default=0,
            )
        memo[key] = value
        return value

    if graph.start not in graph.steps:
        return 0
    return best(graph.start)


_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by single spaces, padded (for whole-word matching)."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    words = _NON_WORD.sub(" ", folded).strip()
    return f" {words} " if words else ""


@dataclass(frozen=True)
class FreeTextScore:
    points: int
    by_dimension: Mapping[str, int]
    matched: tuple[int, ...]  # indexes of the rubric items found
    next: str | None


def score_free_text(step: StepSpec, text: str) -> FreeTextScore:
    """Each rubric item counts once when any of its keywords (whole words or phrases) occurs."""
    hay = normalise(text)
    matched, by_dim, total = [], {}, 0
    for n, item in enumerate(step.rubric):
        if any((kw := normalise(k)) and kw in hay for k in item.keywords):
            matched.append(n)
            by_dim[item.dimension] = by_dim.get(item.dimension, 0) + item.points
            total += item.points
    nxt = step.next if total >= step.min_points or not step.low_next else step.low_next
    return FreeTextScore(total, by_dim, tuple(matched), nxt)


def percent(total: int, best: int) -> Decimal:
    if best <= 0:
        return Decimal("0.0")
    value = Decimal(total * 100) / Decimal(best)
    return min(max(value, Decimal(0)), Decimal(100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def passed(pct: Decimal, threshold: Decimal | int, *, critical: bool) -> bool:
    return not critical and pct >= Decimal(threshold)


def count_paths(graph: Graph, limit: int = 10_000) -> int:
    """How many distinct start-to-end paths (capped), for the author's preview."""
    memo: dict[str, int] = {}

    def paths(key: str) -> int:
        if key in memo:
            return memo[key]
        memo[key] = 0
        step = graph.steps[key]
        n = 1 if step.is_ending else sum(paths(t) for t in edges(step) if t in graph.steps)
        memo[key] = min(n, limit)
        return memo[key]

    return paths(graph.start) if graph.start in graph.steps else 0


def longest_path(graph: Graph) -> int:
    """Number of answers on the longest path (acyclic graphs)."""
    memo: dict[str, int] = {}

    def depth(key: str) -> int:
        if key in memo:
            return memo[key]
        memo[key] = 0
        step = graph.steps[key]
        value = (
            0 if step.is_ending else 1 + max((depth(t) for t in edges(step) if t in graph.steps), default=0)
        )
        memo[key] = value
        return value

    return depth(graph.start) if graph.start in graph.steps else 0


def graph_from_document(doc: Mapping) -> Graph:
    """The graph of a scenario JSON document (the seed bank and author import format)."""
    steps = {}
    for raw in doc.get("steps") or []:
        free = raw.get("type") == FREE_TEXT
        rubric = tuple(
            RubricItem(
                label=str(item.get("label", "")),
                dimension=str(item.get("dimension", "")),
                points=item.get("points", 0),
                keywords=tuple(item.get("keywords") or ()),
                feedback=str(item.get("feedback", "")),
            )
            for item in (raw.get("rubric") or [])
        )
        steps[raw["key"]] = StepSpec(
            key=raw["key"],
            response_type=FREE_TEXT if free else CHOICE,
            is_ending=bool(raw.get("ending")),
            choices=tuple(
                ChoiceSpec(
                    ref=str(n),
                    label=c.get("text", ""),
                    next=c.get("next"),
                    scores=dict(c.get("scores") or {}),
                    feedback=c.get("feedback", ""),
                    critical=bool(c.get("critical")),
                )
                for n, c in enumerate(raw.get("choices") or [], 1)
            ),
            rubric=rubric,
            next=raw.get("next") if free else None,
            low_next=raw.get("low_next") if free else None,
            min_points=int(raw.get("min_points", 1)),
        )
    return Graph(start=doc.get("start"), steps=steps)
