"""The predicate distribution of an OPD's evaluations and the curve its organisation predicate
allows (system-level reads, used by the services before publishing and by the scoped selectors)."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count

from pembina.evaluation.choices import EvaluationKind, EvaluationStatus
from pembina.evaluation.models import Evaluation, OrganisationPredicate
from pembina.evaluation.rules import curve as curve_rules

COUNTED = (EvaluationStatus.RATED, EvaluationStatus.PUBLISHED, EvaluationStatus.LOCKED)


def opd_evaluations(*, year, opd, period=None):
    kind = EvaluationKind.PERIODIC if period is not None else EvaluationKind.ANNUAL
    return Evaluation.objects.of_opd(opd, year=year, kind=kind, period=period)


def opd_counts(*, year, opd, period=None) -> Counter:
    """predicate → evaluations rated, published or locked (one query)."""
    rows = (
        opd_evaluations(year=year, opd=opd, period=period)
        .filter(status__in=COUNTED)
        .exclude(predicate="")
        .values("predicate")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter({r["predicate"]: r["n"] for r in rows})


def organisation_predicate_for(*, year, opd, period=None) -> OrganisationPredicate | None:
    qs = OrganisationPredicate.objects.filter(year=year, opd=opd)
    return (qs.filter(period=period) if period is not None else qs.filter(period__isnull=True)).first()


def curve_violations(*, year, opd, period=None, counts: Counter | None = None) -> tuple[str, list]:
    """(organisation predicate or "", violations of its curve by the OPD's current distribution)."""
    org = organisation_predicate_for(year=year, opd=opd, period=period)
    if org is None:
        return "", []
    if counts is None:
        counts = opd_counts(year=year, opd=opd, period=period)
    return org.predicate, curve_rules.check(org.predicate, counts)
