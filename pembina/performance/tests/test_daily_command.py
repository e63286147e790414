"""`pembina performance_daily`: the nightly run reports its work and rebuilds the progress summary."""

import io

import pytest
from django.core.management import call_command

from pembina.performance.models import IndicatorProgress
from pembina.performance.tests.factories import approve

pytestmark = pytest.mark.django_db


def test_daily_run_rebuilds_a_lost_progress_summary(skp):
    approve(skp.plan)
    kept = IndicatorProgress.objects.filter(year=skp.year).count()
    assert kept > 0  # approval wrote the summary
    IndicatorProgress.objects.filter(year=skp.year).delete()  # e.g. restored from an older backup
    out = io.StringIO()
    call_command("performance_daily", stdout=out)
    assert IndicatorProgress.objects.filter(year=skp.year).count() == kept
    assert f"{kept} baris ringkasan progres" in out.getvalue()
