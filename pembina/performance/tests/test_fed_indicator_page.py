"""The SKP page tells a data-fed IKI's empty periods apart from a manual IKI's missing realisations."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pembina.performance import services
from pembina.performance.tests.factories import approve
from pembina.performance.tests.test_realisations import fake_source  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("fake_source")
def test_fed_indicator_waits_for_its_source_and_offers_a_manual_correction(skp, login, monkeypatch):
    result = skp.plan.results.get()
    services.indicator_add(
        result=result,
        name="Waktu penyelesaian tanpa data",
        target=5,
        unit="hari",
        direction="lower",
        data_source="uji.waktu_selesai",
        data_source_params={"layanan": "kosong"},
        actor=None,
    )
    approve(skp.plan)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(skp.year.year, 12, 31))
    body = (
        login(skp.users["owner"]).get(reverse("performance:plan_detail", args=[skp.plan.pk])).content.decode()
    )
    assert "menunggu sumber data" in body  # the fed IKI: nothing to type in, the source has no cases yet
    assert "belum diisi" in body  # the manual IKI of the same plan is still reported missing
    assert "Koreksi manual" in body and "Isi realisasi" in body
