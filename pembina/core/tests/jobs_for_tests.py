"""Job handlers used only by the tests of the job runner."""

from pembina.core.exceptions import ApplicationError
from pembina.org import services
from pembina.org.models import Unit


def rename_unit(job, progress):
    progress(0, 1, stage="Mengganti nama")
    unit = Unit.objects.get(pk=job.params["unit"])
    services.unit_update(unit=unit, data={"name": job.params["name"]}, actor=None)
    progress(1, 1, force=True)
    return {"renamed": 1}


def always_fails(job, progress):
    raise ApplicationError("Gagal dengan sengaja.")
