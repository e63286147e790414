"""Early warning: behind-pace and missing realisations notify the right people, once."""

import datetime as dt

import pytest
from django.core import mail

from pembina.core.jobs.services import job_run
from pembina.performance import services, tasks
from pembina.performance.models import Notification
from pembina.performance.tests.factories import approve

pytestmark = pytest.mark.django_db


def test_early_warning_is_idempotent_and_targets_the_right_people(skp, django_capture_on_commit_callbacks):
    u = skp.users
    u["owner"].email = "dedi@example.test"
    u["owner"].save()
    approve(skp.plan)
    ind = skp.plan.results.get().indicators.get()
    periods = list(skp.year.periods.order_by("number"))
    # Q1: 1 of an expected 3 documents (behind); Q2 not entered (missing once the grace days pass)
    services.realisation_record(indicator=ind, period=periods[0], value=1, actor=u["owner"])
    on = dt.date(2026, 7, 20)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.early_warning_run(year=skp.year, on=on)
    assert first.flags == 2 and first.notifications > 0
    warnings = Notification.objects.filter(kind__in=["indicator_behind", "realisation_missing"])
    mine = warnings.filter(recipient=u["owner"])
    assert set(mine.values_list("kind", flat=True)) == {"indicator_behind", "realisation_missing"}
    assert warnings.filter(recipient=u["rater"]).count() == 2
    assert warnings.filter(recipient=u["admin"]).count() == 2  # one digest per kind for the OPD
    assert not warnings.filter(recipient__in=[u["outsider"], u["rater_superior"]]).exists()
    assert [m.to for m in mail.outbox] == [["dedi@example.test"], ["dedi@example.test"]]
    total = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        second = services.early_warning_run(year=skp.year, on=on)
    assert second.notifications == 0 and Notification.objects.count() == total and len(mail.outbox) == 2
    # entering the missing value and catching up clears the flags for the next period run
    services.realisation_record(indicator=ind, period=periods[1], value=6, actor=u["owner"])
    third = services.early_warning_run(year=skp.year, on=dt.date(2026, 7, 21))
    assert third.flags == 0


def test_no_warning_before_a_period_ends_or_for_unapproved_plans(skp):
    assert services.early_warning_run(year=skp.year, on=dt.date(2026, 3, 1)).flags == 0
    assert services.early_warning_run(year=skp.year, on=dt.date(2026, 7, 20)).flags == 0  # plan still a draft


def test_early_warning_as_a_background_job(skp):
    approve(skp.plan)
    job = tasks.early_warning_enqueue(year=skp.year, actor=skp.users["admin_bkpsdm"], on=dt.date(2026, 7, 20))
    job = job_run(job.pk)
    assert job.status == "succeeded" and job.result["flags"] == 2
    from pembina.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        tasks.early_warning_enqueue(year=skp.year, actor=skp.users["owner"])


def test_notifications_are_private_and_marked_read(skp):
    from django.http import Http404

    from pembina.performance import selectors

    services.plan_submit(plan=skp.plan, actor=skp.users["owner"])
    [n] = selectors.notification_list(actor=skp.users["rater"])
    assert n.kind == "plan_submitted"
    with pytest.raises(Http404):
        services.notification_mark_read(notification=n, actor=skp.users["owner"])
    services.notification_mark_read(notification=n, actor=skp.users["rater"])
    assert selectors.notification_unread_count(actor=skp.users["rater"]) == 0
