"""A locked evaluation cannot be changed by any path: services, system code, the ORM (save, update,
bulk_update, delete), its parts, the evaluation run, the Django admin."""

from __future__ import annotations

import datetime as dt

import pytest

from pembina.accounts.tests.factories import make_user
from pembina.core.exceptions import ApplicationError
from pembina.evaluation import services
from pembina.evaluation.models import (
    Appeal,
    BehaviourFeedback,
    CalibrationAdjustment,
    Evaluation,
    EvaluationEvent,
    EvaluationLocked,
    Feedback360,
    IndicatorAchievement,
)
from pembina.evaluation.tests.factories import published, realise
from pembina.performance.models import CoreValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked(ev, travel):
    travel(dt.date(2027, 1, 10))
    e = published(ev)
    travel(dt.date(2027, 1, 30))
    services.evaluation_lock(evaluation=e, actor=ev.users["admin"])
    e.refresh_from_db()
    assert e.status == "locked"
    return e


def _snapshot(e):
    return (
        Evaluation.objects.filter(pk=e.pk).values().get(),
        list(IndicatorAchievement.objects.filter(evaluation=e).values()),
    )


def test_every_service_refuses(ev, locked):
    u = ev.users
    before = _snapshot(locked)
    attempts = [
        lambda: services.evaluation_rate(evaluation=locked, actor=u["rater"], rating_behaviour="di_atas"),
        lambda: services.evaluation_rate(evaluation=locked, actor=None, rating_behaviour="di_atas"),
        lambda: services.evaluation_calibrate(
            evaluation=locked, actor=u["admin"], reason="x", rating_result="di_atas"
        ),
        lambda: services.evaluation_refresh(evaluation=locked, actor=u["admin"]),
        lambda: services.evaluation_publish(evaluation=locked, actor=u["admin"]),
        lambda: services.evaluation_lock(evaluation=locked, actor=u["admin"]),
        lambda: services.appeal_file(evaluation=locked, reasons="x", actor=u["owner"]),
        lambda: services.feedback360_invite(
            evaluation=locked, respondents=[ev.city.people["staff_a2"]], actor=None
        ),
    ]
    for attempt in attempts:
        with pytest.raises((ApplicationError, EvaluationLocked)):
            attempt()
    assert _snapshot(locked) == before


def test_orm_paths_refuse(locked):
    e = Evaluation.objects.get(pk=locked.pk)
    e.rating_result = "di_atas"
    with pytest.raises(EvaluationLocked):
        e.save()
    with pytest.raises(EvaluationLocked):
        e.delete()
    with pytest.raises(EvaluationLocked):
        Evaluation.objects.filter(pk=e.pk).update(predicate="sangat_baik")
    with pytest.raises(EvaluationLocked):
        Evaluation.objects.all().update(predicate="sangat_baik")  # any locked row in the set
    with pytest.raises(EvaluationLocked):
        Evaluation.objects.bulk_update([e], ["rating_result"])
    with pytest.raises(EvaluationLocked):
        Evaluation.objects.filter(pk=e.pk).delete()
    with pytest.raises(EvaluationLocked):
        e.status = "draft"  # not even "unlocking" it
        e.save()
    fresh = Evaluation.objects.get(pk=locked.pk)
    assert (fresh.status, fresh.rating_result, fresh.predicate) == (
        "locked",
        locked.rating_result,
        locked.predicate,
    )


def test_parts_refuse(ev, locked):
    ach = IndicatorAchievement.objects.filter(evaluation=locked).first()
    ach.progress = 200
    with pytest.raises(EvaluationLocked):
        ach.save()
    with pytest.raises(EvaluationLocked):
        ach.delete()
    with pytest.raises(EvaluationLocked):
        IndicatorAchievement.objects.filter(evaluation=locked).update(progress=0)
    with pytest.raises(EvaluationLocked):
        IndicatorAchievement.objects.filter(evaluation=locked).delete()
    value = CoreValue.objects.first()
    with pytest.raises(EvaluationLocked):
        BehaviourFeedback.objects.create(evaluation=locked, value=value, feedback="x")
    with pytest.raises(EvaluationLocked):
        BehaviourFeedback.objects.bulk_create(
            [BehaviourFeedback(evaluation=locked, value=value, feedback="x")]
        )
    with pytest.raises(EvaluationLocked):
        Feedback360.objects.create(evaluation=locked, respondent=ev.city.people["staff_a2"], relation="peer")
    with pytest.raises(EvaluationLocked):
        CalibrationAdjustment.objects.create(
            evaluation=locked, field="rating_result", after="di_atas", reason="x"
        )
    with pytest.raises(EvaluationLocked):
        Appeal.objects.create(
            evaluation=locked, reasons="x", filed_at=locked.locked_at, deadline=dt.date(2027, 1, 1)
        )
    assert IndicatorAchievement.objects.filter(evaluation=locked).count() == 2
    # the timeline stays append-only and open: events are still recorded after the lock
    EvaluationEvent.objects.create(evaluation=locked, kind="follow_up", actor_name="uji")


def test_the_run_leaves_it_and_the_guard_does_not_block_open_evaluations(ev, locked):
    realise(ev.plans["staff_a"], [9, 9, 9, 9])
    report = services.evaluation_run(year=ev.year, actor=None)
    assert report.skipped_final == 1
    assert Evaluation.objects.get(pk=locked.pk).achievement == locked.achievement
    other = Evaluation.objects.exclude(pk=locked.pk).first()
    other.result_justification = "boleh diubah"
    other.save()  # an open evaluation saves normally
    Evaluation.objects.filter(pk=other.pk).update(behaviour_justification="juga boleh")


def test_admin_cannot_change_it(ev, locked, client, login):
    from pembina.core.models import AuditEntry

    superuser = make_user(username="root.uji", instansi=ev.city.instansi)
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    login(superuser)
    url = f"/django-admin/evaluation/evaluation/{locked.pk}/change/"
    assert client.get(url).status_code == 200  # visible, read-only
    # the last entry so far (not the count: PostgreSQL sequences keep counting across tests)
    audit = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.post(url, {"status": "draft", "rating_result": "di_atas", "predicate": "sangat_baik"})
    assert response.status_code == 403
    fresh = Evaluation.objects.get(pk=locked.pk)
    assert (fresh.status, fresh.predicate) == ("locked", locked.predicate)
    assert (
        client.post(f"/django-admin/evaluation/evaluation/{locked.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Evaluation.objects.filter(pk=locked.pk).exists()
    assert AuditEntry.objects.filter(object_type="evaluation.evaluation", pk__gt=audit).count() == 0


def test_admin_model_guard_holds_even_if_the_admin_allowed_it(ev, locked, rf):
    """The admin's own permission check is the first wall; the model is the second."""
    from django.contrib import admin

    model_admin = admin.site._registry[Evaluation]
    obj = Evaluation.objects.get(pk=locked.pk)
    obj.predicate = "sangat_baik"
    with pytest.raises(EvaluationLocked):
        model_admin.save_model(rf.post("/"), obj, form=None, change=True)
