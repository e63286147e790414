import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from pembina.evaluation.tests.factories import build_eval_city


@pytest.fixture
def ev(city):
    return build_eval_city(city)


@pytest.fixture
def travel():
    """Time travel: `travel(date or datetime)` moves `timezone.now()` (and so `localdate()`, auto_now
    fields and every deadline check) until the test ends. (No time-machine in the environment.)"""
    patches = []

    def to(when):
        if isinstance(when, dt.date) and not isinstance(when, dt.datetime):
            when = dt.datetime.combine(when, dt.time(10, 0))
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
        for p in patches:
            p.stop()
        patches.clear()
        patch = mock.patch("django.utils.timezone.now", return_value=when)
        patch.start()
        patches.append(patch)
        return when

    yield to
    for p in patches:
        p.stop()
