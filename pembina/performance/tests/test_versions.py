"""Every approved version is kept as JSON; any two versions (or the working copy) can be compared."""

from decimal import Decimal

import pytest

from pembina.core.exceptions import ApplicationError
from pembina.performance import selectors, services
from pembina.performance.models import CoreValue, PlanVersion
from pembina.performance.rules.diff import snapshot_diff

pytestmark = pytest.mark.django_db


def test_versions_are_kept_and_compared(skp):
    u = skp.users
    plan = services.plan_submit(plan=skp.plan, actor=u["owner"])
    services.behaviour_expectation_set(
        plan=plan,
        value=CoreValue.objects.get(code="kolaboratif"),
        expectation="Aktif berbagi data dengan puskesmas",
        actor=u["rater"],
    )
    plan = services.plan_approve(plan=plan, actor=u["rater"])
    v1 = PlanVersion.objects.get(plan=plan, number=1)
    first_result = v1.snapshot["results"][0]
    assert first_result["indicators"][0]["target"] == "12"
    assert {b["value"] for b in v1.snapshot["behaviours"]} >= {"berorientasi_pelayanan", "kolaboratif"}

    with pytest.raises(ApplicationError):  # approved plans are not edited in place
        services.result_add(plan=plan, statement="RHK tambahan", actor=u["owner"])
    plan = services.plan_revise(plan=plan, actor=u["owner"], reason="Penugasan baru")
    ind = plan.results.get().indicators.get()
    services.indicator_update(indicator=ind, data={"target": "15"}, actor=u["owner"])
    services.result_add(
        plan=plan, statement="Terlaksananya sweeping imunisasi", kind="tambahan", actor=u["owner"]
    )
    # the working copy differs from v1 before it is approved again
    working = selectors.plan_version_diff(actor=u["owner"], plan_pk=plan.pk, from_number=1)
    assert any(c["section"] == "indicator" and c["field"] == "target" for c in working)
    services.indicator_add(
        result=plan.results.get(kind="tambahan"),
        name="Jumlah kelurahan",
        actor=u["owner"],
        target=Decimal(5),
        unit="kelurahan",
    )
    services.plan_submit(plan=plan, actor=u["owner"])
    plan = services.plan_approve(plan=plan, actor=u["rater"])
    assert list(plan.versions.values_list("number", flat=True)) == [1, 2]
    assert PlanVersion.objects.get(plan=plan, number=1).snapshot == v1.snapshot  # v1 untouched

    changes = selectors.plan_version_diff(
        actor=u["rater_superior"], plan_pk=plan.pk, from_number=1, to_number=2
    )
    target_change = next(c for c in changes if c["section"] == "indicator" and c["field"] == "target")
    assert (target_change["before"], target_change["after"]) == ("12", "15")
    added = [c for c in changes if c["change"] == "added" and c["section"] == "result"]
    assert [c["label"] for c in added] == ["Terlaksananya sweeping imunisasi"]
    assert not any(c["section"] == "behaviour" for c in changes)
    # nothing changes between a version and itself
    assert selectors.plan_version_diff(actor=u["owner"], plan_pk=plan.pk, from_number=2, to_number=2) == []


def test_version_diff_is_scoped(skp):
    from django.http import Http404

    services.plan_submit(plan=skp.plan, actor=None)
    services.plan_approve(plan=skp.plan, actor=None)
    with pytest.raises(Http404):
        selectors.plan_version_diff(actor=skp.users["outsider"], plan_pk=skp.plan.pk, from_number=1)
    with pytest.raises(Http404):
        selectors.plan_version_snapshot(actor=skp.users["owner"], plan_pk=skp.plan.pk, number=7)


def test_snapshot_diff_pure():
    base = {
        "form": "non_jpt",
        "results": [
            {
                "id": 1,
                "statement": "A",
                "kind": "utama",
                "indicators": [{"id": 10, "name": "x", "target": "1"}],
            }
        ],
        "behaviours": [{"value": "loyal", "expectation": ""}],
        "lampiran": {"consequences": ""},
    }
    after = {
        "form": "non_jpt",
        "results": [{"id": 1, "statement": "A2", "kind": "utama", "indicators": []}],
        "behaviours": [{"value": "loyal", "expectation": "Setia"}],
        "lampiran": {"consequences": "Teguran"},
    }
    changes = snapshot_diff(base, after)
    kinds = {(c["section"], c["change"], c["field"]) for c in changes}
    assert kinds == {
        ("result", "changed", "statement"),
        ("indicator", "removed", None),
        ("behaviour", "changed", "expectation"),
        ("lampiran", "changed", "consequences"),
    }
    assert snapshot_diff(base, base) == []
