"""The evaluation's plan and the header copied from it (employee, raters, unit, OPD, year,
instansi) carry no database constraint (docs/decisions/0008-evaluation-header-references.md) but stay protected: the ORM
refuses to delete anything an evaluation points at, on every backend."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import ProtectedError

from pembina.evaluation.models import Evaluation
from pembina.evaluation.tests.factories import open_annual

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "target",
    [
        lambda e: e.plan,
        lambda e: e.employee,
        lambda e: e.rater,
        lambda e: e.rater_superior,
        lambda e: e.unit,
        lambda e: e.opd,
        lambda e: e.year,
        lambda e: e.instansi,
    ],
    ids=["plan", "employee", "rater", "rater_superior", "unit", "opd", "year", "instansi"],
)
def test_deleting_what_an_evaluation_points_at_is_refused(ev, target):
    e = open_annual(ev)
    obj = target(e)
    assert obj is not None
    with pytest.raises(ProtectedError) as refused:
        obj.delete()
    assert any(isinstance(o, Evaluation) and o.pk == e.pk for o in refused.value.protected_objects)
    assert Evaluation.objects.filter(pk=e.pk).exists()


def test_only_the_period_and_rater_user_are_database_constraints():
    """The schema is what the decision says: guards against a later edit re-adding the per-row
    checks the city-wide run cannot afford, or dropping the owner's."""
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, Evaluation._meta.db_table)
    assert {column for column in relations} == {"period_id", "rated_by_id"}
