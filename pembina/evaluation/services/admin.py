"""Settings per instansi, the organisation predicate per OPD, potential scores."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW, get_scope
from pembina.evaluation.choices import EvaluationKind, EvaluationStatus, OrgPredicate
from pembina.evaluation.models import Evaluation, EvaluationSettings, OrganisationPredicate, PotentialScore
from pembina.evaluation.permissions import can_manage_potential, can_record_org_predicate
from pembina.evaluation.rules import achievement as achievement_rules
from pembina.evaluation.services.common import actor_user, full_clean, now
from pembina.org.models import Employee

SETTINGS_FIELDS = (
    "iki_above_min",
    "iki_meets_min",
    "majority_percent",
    "curve_blocking",
    "appeal_days",
    "explanation_days",
    "min_360_respondents",
    "tpp_percent",
    "potential_medium_min",
    "potential_high_min",
)


@transaction.atomic
def evaluation_settings_update(*, instansi, actor, **fields) -> EvaluationSettings:
    if actor is not None and not get_scope(actor).write_all:
        raise ApplicationError(_("Hanya Admin BKPSDM yang dapat mengubah pengaturan evaluasi."))
    unknown = sorted(set(fields) - set(SETTINGS_FIELDS))
    if unknown:
        raise ApplicationError(
            _("Pengaturan tidak dikenal: %(f)s.") % {"f": ", ".join(unknown)}, field=unknown[0]
        )
    obj = EvaluationSettings.objects.select_for_update(of=("self",)).filter(instansi=instansi).first()
    obj = obj or EvaluationSettings(instansi=instansi)
    for name, value in fields.items():
        setattr(obj, name, value)
    full_clean(obj)
    obj.save()
    return obj


@transaction.atomic
def organisation_predicate_record(
    *, year, opd, predicate: str, actor, period=None, note: str = ""
) -> OrganisationPredicate:
    """Record (or change) an OPD's own predicate; re-derives the OPD head's rating from it."""
    if not can_record_org_predicate(actor):
        raise ApplicationError(
            _("Predikat kinerja organisasi ditetapkan oleh pimpinan di atasnya (Pimpinan) atau Admin BKPSDM.")
        )
    if actor is not None and get_scope(actor).instansi_id != year.instansi_id:
        raise Http404
    if predicate not in OrgPredicate.values:
        raise ApplicationError(
            _("Predikat organisasi '%(p)s' tidak dikenal.") % {"p": predicate}, field="predicate"
        )
    if opd.instansi_id != year.instansi_id or not opd.is_opd:
        raise ApplicationError(_("Unit yang dipilih bukan OPD instansi ini."), field="opd")
    if period is not None and period.year_id != year.pk:
        raise ApplicationError(_("Periode bukan bagian tahun kinerja ini."), field="period")
    kind = EvaluationKind.PERIODIC if period is not None else EvaluationKind.ANNUAL
    evaluations = Evaluation.objects.of_opd(opd, year=year, kind=kind, period=period)
    if evaluations.filter(status=EvaluationStatus.LOCKED).exists():
        raise ApplicationError(
            _("Evaluasi OPD ini untuk periode tersebut sudah final; predikat organisasi tidak dapat diubah.")
        )
    qs = OrganisationPredicate.objects.select_for_update(of=("self",)).filter(year=year, opd=opd)
    obj = (qs.filter(period=period) if period is not None else qs.filter(period__isnull=True)).first()
    obj = obj or OrganisationPredicate(year=year, opd=opd, period=period)
    obj.predicate = predicate
    obj.note = (note or "").strip()
    obj.recorded_by = actor_user(actor)
    obj.recorded_at = now()
    full_clean(obj)
    obj.save()
    rating = achievement_rules.ORG_PREDICATE_RATING[predicate]
    heads = evaluations.filter(
        is_unit_head=True, unit_id=opd.pk, status__in=(EvaluationStatus.DRAFT, EvaluationStatus.RATED)
    ).exclude(unit_rating=rating)
    if heads.exists():
        heads.update(unit_rating=rating, updated_at=now())
    return obj


@transaction.atomic
def potential_score_set(
    *, employee, year: int, score, actor, assessed_on=None, source: str = "", note: str = ""
) -> PotentialScore:
    if actor is not None:
        if not Employee.objects.for_actor(actor, VIEW).filter(pk=employee.pk).exists():
            raise Http404
        if not can_manage_potential(actor, employee):
            raise ApplicationError(_("Anda tidak berwenang mencatat skor potensi pegawai ini."))
    try:
        value = Decimal(str(score))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Skor potensi harus berupa angka."), field="score") from None
    if not 0 <= value <= 100:
        raise ApplicationError(_("Skor potensi harus 0–100."), field="score")
    obj = PotentialScore.objects.select_for_update(of=("self",)).filter(employee=employee, year=year).first()
    obj = obj or PotentialScore(employee=employee, year=year)
    obj.score = value.quantize(Decimal("0.01"))
    obj.assessed_on = assessed_on
    obj.source = (source or "").strip()[:120]
    obj.note = (note or "").strip()[:300]
    obj.recorded_by = actor_user(actor)
    full_clean(obj)
    obj.save()
    return obj
