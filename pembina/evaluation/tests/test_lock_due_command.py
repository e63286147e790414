"""`pembina evaluation_lock_due`: the daily command locks exactly the evaluations whose appeal window
ended without an appeal, writes their follow-up, records who acted, and is safe to repeat."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pembina.core.models import AuditEntry
from pembina.evaluation import services
from pembina.evaluation.models import Evaluation, FollowUp
from pembina.evaluation.tests.factories import published
from pembina.org.models import Instansi

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("evaluation_lock_due", *args, stdout=out)
    return out.getvalue()


def test_command_locks_only_due_evaluations_without_appeal(ev, travel):
    travel(dt.date(2027, 1, 10))
    due = published(ev, "staff_a")  # appeal_deadline 2027-01-24
    appealed = published(ev, "staff_a2")
    services.appeal_file(evaluation=appealed, reasons="Keberatan.", actor=ev.users["peer"])
    travel(dt.date(2027, 1, 20))
    late = published(ev, "staff_b")  # appeal_deadline 2027-02-03
    travel(dt.date(2027, 1, 24))
    assert "Evaluasi dikunci: 0." in _run()  # filing is still allowed on the deadline day
    travel(dt.date(2027, 1, 25))
    assert "Evaluasi dikunci: 1." in _run()
    status = dict(Evaluation.objects.values_list("pk", "status"))
    assert (status[due.pk], status[appealed.pk], status[late.pk]) == ("locked", "published", "published")
    assert FollowUp.objects.filter(evaluation=due).exists()
    entry = AuditEntry.objects.filter(
        object_type="evaluation.evaluation", object_id=str(due.pk), action="update"
    ).latest("id")
    assert (entry.source, entry.actor_repr, entry.after["status"]) == (
        "command",
        "perintah evaluation_lock_due",
        "locked",
    )
    assert "Evaluasi dikunci: 0." in _run()  # repeated the same day: nothing more


def test_command_reference_date_and_instansi(ev, travel):
    travel(dt.date(2027, 1, 10))
    e = published(ev, "staff_a")
    other = Instansi.objects.create(code="LAIN", name="Pemerintah Kabupaten Lain", region_name="Kab. Lain")
    assert "Evaluasi dikunci: 0." in _run("--on", "2027-01-25", "--instansi", str(other.pk))
    with pytest.raises(CommandError):
        _run("--instansi", "999999")
    with pytest.raises(CommandError):
        _run("--on", "25-01-2027")
    assert "Evaluasi dikunci: 0." in _run("--on", "2027-01-24", "--instansi", str(ev.year.instansi_id))
    assert "Evaluasi dikunci: 1." in _run("--on", "2027-01-25", "--instansi", str(ev.year.instansi_id))
    assert Evaluation.objects.get(pk=e.pk).status == "locked"
