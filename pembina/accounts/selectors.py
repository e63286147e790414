"""Reads of the accounts app that no user scope applies to (the login page is anonymous)."""

from django.conf import settings

from pembina.org.models import Instansi


def login_instansi() -> Instansi | None:
    """The pemda this installation serves: PEMBINA_INSTANSI_CODE, or the only one there is."""
    code = settings.PEMBINA_INSTANSI_CODE
    if code:
        return Instansi.objects.filter(code=code).first()
    found = list(Instansi.objects.order_by("pk")[:2])
    return found[0] if len(found) == 1 else None
