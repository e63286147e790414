"""SKM questionnaires: online after a completed request (receipt token), general, or paper entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.public_services.choices import (
    Education,
    Occupation,
    RequestStatus,
    RespondentGender,
    SurveyChannel,
)
from pembina.public_services.models import Service, ServiceRequest, SurveyResponse
from pembina.public_services.rules import skm
from pembina.public_services.rules.text import plain_text
from pembina.public_services.services._common import (
    ensure_can_handle,
    full_clean,
    local_date,
    month_start,
    now_or,
)

SURVEY_OPEN_STATUSES = (RequestStatus.COMPLETED, RequestStatus.PICKED_UP)


def _scores(scores: Mapping[str, object]) -> dict[str, int]:
    """Answers keyed by element code (U1..U9), each 1..4; the error names the element."""
    clean = {}
    for element in skm.ELEMENTS:
        raw = scores.get(element.code, scores.get(element.field))
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = 0
        if not skm.MIN_SCORE <= value <= skm.MAX_SCORE:
            raise ApplicationError(
                _("Unsur %(c)s (%(n)s) wajib dijawab dengan nilai 1–4.")
                % {"c": element.code, "n": element.name},
                field=element.field,
            )
        clean[element.field] = value
    return clean


def _profile(gender: str, age, education: str, occupation: str) -> dict:
    if gender and gender not in RespondentGender.values:
        raise ApplicationError(_("Jenis kelamin tidak valid."), field="gender")
    if education and education not in Education.values:
        raise ApplicationError(_("Pendidikan tidak valid."), field="education")
    if occupation and occupation not in Occupation.values:
        raise ApplicationError(_("Pekerjaan tidak valid."), field="occupation")
    if age in ("", None):
        age = None
    else:
        try:
            age = int(age)
        except (TypeError, ValueError):
            raise ApplicationError(_("Usia harus berupa angka tahun."), field="age") from None
    return {"gender": gender or "", "age": age, "education": education or "", "occupation": occupation or ""}


@transaction.atomic
def survey_submit(
    *,
    scores: Mapping[str, object],
    token: str | None = None,
    service: Service | None = None,
    unit=None,
    channel: str = SurveyChannel.ONLINE,
    gender: str = "",
    age: int | None = None,
    education: str = "",
    occupation: str = "",
    suggestion: str = "",
    submitted_at: dt.datetime | None = None,
    actor=None,
) -> SurveyResponse:
    """Record one questionnaire.

    With `token` (from the receipt's link/QR) it belongs to that request: only after the request is
    completed, and only once. Without it, it is a general survey of a service or unit. Paper
    questionnaires are entered by staff of the unit (`actor`, channel `paper`)."""
    request = None
    if token:
        request = (
            ServiceRequest.objects.select_for_update(of=("self",))
            .select_related("service", "unit")
            .filter(survey_token=str(token)[:32])
            .first()
        )
        if request is None:
            raise ApplicationError(_("Tautan survei tidak dikenal."), field="token")
        if request.status not in SURVEY_OPEN_STATUSES:
            raise ApplicationError(_("Survei dapat diisi setelah layanan selesai."), field="token")
        if SurveyResponse.objects.filter(request=request).exists():
            raise ApplicationError(_("Survei untuk permohonan ini sudah diisi. Terima kasih."), field="token")
        service, unit = request.service, request.unit
    elif service is not None:
        unit = unit or service.unit
    if unit is None:
        raise ApplicationError(_("Pilih layanan atau unit yang dinilai."), field="service")
    if service is not None and service.instansi_id != unit.instansi_id:
        raise ApplicationError(_("Layanan dan unit harus dari instansi yang sama."), field="unit")
    if channel == SurveyChannel.PAPER:
        if actor is None:
            raise ApplicationError(_("Kuesioner kertas dientri oleh petugas."), field="channel")
        ensure_can_handle(actor, instansi_id=unit.instansi_id, unit=unit)
    at = now_or(submitted_at)
    response = SurveyResponse(
        instansi_id=unit.instansi_id,
        service=service,
        unit=unit,
        opd_id=unit.opd_id or unit.pk,
        unit_path=unit.path,
        request=request,
        channel=channel,
        submitted_at=at,
        month=month_start(local_date(at)),
        suggestion=plain_text(suggestion, max_length=2000),
        entered_by=actor if channel == SurveyChannel.PAPER else None,
        **_scores(scores),
        **_profile(gender, age, education, occupation),
    )
    full_clean(response)
    response.save()
    return response
