"""Rating, calibration, publication and locking, with the permission matrix of each transition."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from pembina.core.exceptions import ApplicationError
from pembina.evaluation import selectors, services
from pembina.evaluation.models import CalibrationAdjustment, Evaluation, EvaluationEvent, FollowUp
from pembina.evaluation.tests.factories import build_eval_city, open_annual, published, rated
from pembina.evaluation.tests.matrix import outcomes
from pembina.learning.models import DevelopmentNeed

pytestmark = pytest.mark.django_db
ROLES = ("owner", "rater", "rater_superior", "admin", "outsider", "admin_bkpsdm", "pimpinan", "auditor")


def _rate(e, result="sesuai", behaviour="di_atas"):
    def fn(user):
        services.evaluation_rate(
            evaluation=e,
            actor=user,
            rating_result=result,
            result_justification="Alasan",
            rating_behaviour=behaviour,
        )

    return fn


def test_rate_matrix_and_predicate(ev):
    e = open_annual(ev)
    assert outcomes(ev.users, ROLES, _rate(e)) == {
        "owner": "404",  # the employee sees nothing before publication
        "rater": "ok",
        "rater_superior": "refused",
        "admin": "refused",
        "outsider": "404",
        "admin_bkpsdm": "refused",
        "pimpinan": "refused",
        "auditor": "refused",
    }
    e = services.evaluation_rate(
        evaluation=e,
        actor=ev.users["rater"],
        rating_result="sesuai",
        result_justification="Semua IKI sesuai target.",
        rating_behaviour="di_bawah",
        behaviour_feedback={"berorientasi_pelayanan": "Sering terlambat membalas warga."},
    )
    assert (e.status, e.predicate) == ("rated", "kurang")
    assert e.achievements.count() == 2  # frozen snapshot
    assert e.behaviour_feedback.get().feedback == "Sering terlambat membalas warga."
    assert EvaluationEvent.objects.filter(evaluation=e, kind="rated").count() == 1
    # clearing one rating sends it back to draft without a predicate
    e = services.evaluation_rate(evaluation=e, actor=ev.users["rater"], rating_behaviour="")
    assert (e.status, e.predicate) == ("draft", "")


def test_rate_validation(ev):
    e = open_annual(ev)
    rater = ev.users["rater"]
    with pytest.raises(ApplicationError) as exc:
        services.evaluation_rate(evaluation=e, actor=rater, rating_result="sesuai")
    assert exc.value.field == "result_justification"
    with pytest.raises(ApplicationError) as exc:
        services.evaluation_rate(evaluation=e, actor=rater, rating_behaviour="luar_biasa")
    assert exc.value.field == "rating_behaviour"
    with pytest.raises(ApplicationError) as exc:
        services.evaluation_rate(evaluation=e, actor=rater, behaviour_feedback={"tidak-ada": "x"})
    assert exc.value.field == "behaviour_feedback"


def test_unit_head_rating_hasil_kerja_is_the_units_achievement(ev):
    kasi = open_annual(ev, "kasi_a1a")
    assert kasi.is_unit_head and kasi.unit_rating == "sesuai"
    kabid = ev.users["rater_superior"]  # kabid_a1 rates the kasi
    with pytest.raises(ApplicationError) as exc:
        services.evaluation_rate(
            evaluation=kasi,
            actor=kabid,
            rating_result="di_atas",
            result_justification="x",
            rating_behaviour="sesuai",
        )
    assert exc.value.field == "rating_result"
    kasi = services.evaluation_rate(
        evaluation=kasi,
        actor=kabid,
        rating_result="sesuai",
        result_justification="Capaian seksi.",
        rating_behaviour="sesuai",
    )
    assert kasi.predicate == "baik"


def test_opd_head_is_rated_by_pimpinan(ev):
    kadis = open_annual(ev, "kadis_a")
    assert kadis.rater_id is None
    assert outcomes(ev.users, ("pimpinan", "kadis", "admin", "rater_superior"), _rate(kadis)) == {
        "pimpinan": "ok",
        "kadis": "404",  # not even as head of the unit: the own evaluation only once published
        "admin": "refused",
        "rater_superior": "404",  # kabid_a1 leads a unit below the Kadis: out of sight
    }


def test_calibration_matrix_reason_and_log(ev):
    e = rated(ev, result="sesuai", behaviour="sesuai")

    def calibrate(user):
        services.evaluation_calibrate(
            evaluation=e, actor=user, reason="Kalibrasi OPD", rating_result="di_atas"
        )

    assert outcomes(ev.users, ROLES, calibrate) == {
        "owner": "404",
        "rater": "refused",
        "rater_superior": "refused",
        "admin": "ok",
        "outsider": "404",
        "admin_bkpsdm": "ok",
        "pimpinan": "refused",
        "auditor": "refused",
    }
    with pytest.raises(ApplicationError) as exc:
        services.evaluation_calibrate(
            evaluation=e, actor=ev.users["admin"], reason=" ", rating_result="di_atas"
        )
    assert exc.value.field == "reason"
    with pytest.raises(ApplicationError):
        services.evaluation_calibrate(
            evaluation=e, actor=ev.users["admin"], reason="x", rating_result="sesuai"
        )
    (adj,) = services.evaluation_calibrate(
        evaluation=e,
        actor=ev.users["admin"],
        reason="Distribusi OPD terlalu tinggi",
        rating_result="di_bawah",
    )
    assert (adj.before, adj.after, adj.predicate_before, adj.predicate_after) == (
        "sesuai",
        "di_bawah",
        "baik",
        "butuh_perbaikan",
    )
    e.refresh_from_db()
    assert e.predicate == "butuh_perbaikan"
    assert (
        EvaluationEvent.objects.get(evaluation=e, kind="calibrated").comment
        == "Distribusi OPD terlalu tinggi"
    )
    from pembina.core.models import AuditEntry

    assert AuditEntry.objects.filter(
        object_type="evaluation.calibrationadjustment", object_id=str(adj.pk)
    ).exists()


def test_publish_matrix_and_visibility_to_the_employee(ev):
    e = rated(ev)

    def publish(user):
        services.evaluation_publish(evaluation=e, actor=user)

    assert outcomes(ev.users, ROLES, publish) == {
        "owner": "404",
        "rater": "ok",
        "rater_superior": "refused",
        "admin": "ok",
        "outsider": "404",
        "admin_bkpsdm": "ok",
        "pimpinan": "refused",
        "auditor": "refused",
    }
    owner = ev.users["owner"]
    assert not selectors.my_evaluations(actor=owner).exists()
    report = services.evaluation_publish(evaluation=e, actor=ev.users["rater"])
    e.refresh_from_db()
    assert e.status == "published"
    assert e.appeal_deadline == timezone.localtime(e.published_at).date() + dt.timedelta(days=14)
    assert list(selectors.my_evaluations(actor=owner)) == [e]
    assert report.violations == [] and report.org_predicate == ""


def test_curve_warning_by_default_blocking_when_configured(ev):
    services.organisation_predicate_record(
        year=ev.year, opd=ev.city.dinas_a, predicate="baik", actor=ev.users["admin_bkpsdm"]
    )
    e = rated(ev, result="sesuai", behaviour="sesuai")  # one Baik, nobody Butuh Perbaikan/Kurang
    services.evaluation_settings_update(
        instansi=ev.city.instansi, actor=ev.users["admin_bkpsdm"], curve_blocking=True
    )
    with pytest.raises(ApplicationError) as exc:
        services.evaluation_publish(evaluation=e, actor=ev.users["rater"])
    messages = [x["message"] for x in exc.value.extra["errors"]]
    assert messages == [
        "Pola distribusi: paling banyak 70% pegawai Baik; saat ini 1 dari 1 (100.0%).",
        "Pola distribusi: harus ada pegawai Butuh Perbaikan dan/atau Kurang/Misconduct; saat ini 0 dari 1 (0.0%).",
    ]
    assert Evaluation.objects.get(pk=e.pk).status == "rated"
    services.evaluation_settings_update(
        instansi=ev.city.instansi, actor=ev.users["admin_bkpsdm"], curve_blocking=False
    )
    report = services.evaluation_publish(evaluation=e, actor=ev.users["rater"])
    assert len(report.violations) == 2 and not report.blocking
    assert EvaluationEvent.objects.get(evaluation=e, kind="published").data["curve_warnings"] == messages


def test_bulk_publish_of_an_opd(ev):
    for key in ("staff_a", "staff_a2", "kasi_a1a"):
        rated(ev, key)
    open_annual(ev, "kabid_a1")  # still draft: not published
    report = services.evaluations_publish(year=ev.year, opd=ev.city.dinas_a, actor=ev.users["admin"])
    assert len(report.published) == 3
    assert set(Evaluation.objects.filter(status="published").values_list("employee__name", flat=True)) == {
        "Dedi Staf",
        "Eka Epidemiolog",
        "Citra Kasi",
    }
    assert EvaluationEvent.objects.filter(kind="published").count() == 3
    with pytest.raises(ApplicationError):
        services.evaluations_publish(year=ev.year, opd=ev.city.dinas_a, actor=ev.users["admin"])


def test_lock_after_the_appeal_window_with_time_travel(ev, travel):
    travel(dt.datetime(2027, 1, 10, 9, 0))
    e = published(ev, result="di_bawah", behaviour="sesuai")  # Butuh Perbaikan
    assert e.appeal_deadline == dt.date(2027, 1, 24)

    def lock(user):
        services.evaluation_lock(evaluation=e, actor=user)

    travel(dt.date(2027, 1, 24))
    assert outcomes(ev.users, ("admin", "admin_bkpsdm"), lock) == {
        "admin": "refused",
        "admin_bkpsdm": "refused",
    }
    travel(dt.date(2027, 1, 25))
    assert outcomes(ev.users, ROLES, lock) == {
        "owner": "refused",
        "rater": "refused",
        "rater_superior": "refused",
        "admin": "ok",
        "outsider": "404",
        "admin_bkpsdm": "ok",
        "pimpinan": "refused",
        "auditor": "refused",
    }
    services.evaluation_lock(evaluation=e, actor=ev.users["admin"])
    e.refresh_from_db()
    assert e.status == "locked"
    follow = FollowUp.objects.get(evaluation=e)
    assert (follow.predicate, follow.credit_percent, follow.credit_months, follow.tpp_percent) == (
        "butuh_perbaikan",
        Decimal("75.00"),
        12,
        Decimal("80.00"),
    )
    need = DevelopmentNeed.objects.get(pk=follow.development_need_id)
    assert (need.employee_id, need.source_kind, need.source_ref) == (
        e.employee_id,
        "evaluation",
        f"evaluation:{e.pk}",
    )


def test_daily_lock_job_locks_only_due_evaluations_without_appeal(ev, travel):
    travel(dt.date(2027, 1, 10))
    a = published(ev, "staff_a", result="sesuai", behaviour="di_atas")
    b = published(ev, "staff_a2", result="di_atas", behaviour="di_atas")
    services.appeal_file(evaluation=b, reasons="Keberatan.", actor=ev.users["peer"])
    travel(dt.date(2027, 1, 20))
    c = published(ev, "staff_b")
    travel(dt.date(2027, 1, 25))
    assert services.evaluations_lock_due() == 1
    statuses = dict(Evaluation.objects.values_list("pk", "status"))
    assert (statuses[a.pk], statuses[b.pk], statuses[c.pk]) == ("locked", "published", "published")
    follow = FollowUp.objects.get(evaluation=a)
    assert (follow.predicate, follow.credit_percent, follow.development_need_id) == (
        "baik",
        Decimal(100),
        None,
    )
    assert services.evaluations_lock_due() == 0


def test_periodic_follow_up_counts_the_period_months(ev, travel):
    q1 = ev.periods[0]
    e = rated(ev, period=q1, result="di_atas", behaviour="di_atas")
    services.evaluation_publish(evaluation=e, actor=None)
    travel(dt.date.today() + dt.timedelta(days=30))
    services.evaluation_lock(evaluation=e, actor=None)
    follow = FollowUp.objects.get(evaluation=e)
    assert (follow.predicate, follow.credit_percent, follow.credit_months) == ("sangat_baik", Decimal(150), 3)


def test_timeline_records_the_whole_story(ev, travel):
    travel(dt.date(2027, 1, 10))
    e = published(ev)
    kinds = [x.kind for x in selectors.evaluation_timeline(actor=ev.users["rater"], evaluation=e)]
    assert kinds == ["created", "rated", "published"]


def test_build_eval_city_is_reusable(city):
    ev2 = build_eval_city(city, values=(1, 1, 1, 1))
    assert len(ev2.plans) == 6
    assert CalibrationAdjustment.objects.count() == 0
