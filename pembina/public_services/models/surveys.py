"""SKM questionnaires (PermenPANRB 14/2017): nine elements on a 1–4 scale and the respondent profile."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.public_services.choices import Education, Occupation, RespondentGender, SurveyChannel
from pembina.public_services.models.scope import handling_q
from pembina.public_services.rules.skm import BY_CODE, ELEMENTS


def _score(code: str):
    return models.PositiveSmallIntegerField(
        f"{code} {BY_CODE[code].name}", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )


class SurveyResponse(AuditedModel):
    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        "public_services.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("layanan"),
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit layanan")
    )
    opd = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    request = models.OneToOneField(
        "public_services.ServiceRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_response",
    )
    channel = models.CharField(_("cara pengisian"), max_length=10, choices=SurveyChannel.choices)
    submitted_at = models.DateTimeField(_("waktu pengisian"))
    month = models.DateField(editable=False)
    # Element fields are named by meaning; ELEMENTS maps them to the U1..U9 codes.
    requirements = _score("U1")
    procedure = _score("U2")
    timeliness = _score("U3")
    cost = _score("U4")
    product = _score("U5")
    competence = _score("U6")
    behaviour = _score("U7")
    complaint_handling = _score("U8")
    facilities = _score("U9")
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=RespondentGender.choices, blank=True)
    age = models.PositiveSmallIntegerField(
        _("usia"), null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(120)]
    )
    education = models.CharField(
        _("pendidikan terakhir"), max_length=10, choices=Education.choices, blank=True
    )
    occupation = models.CharField(_("pekerjaan utama"), max_length=10, choices=Occupation.choices, blank=True)
    suggestion = models.TextField(_("saran dan masukan"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    audit_exclude = ("created_at", "updated_at", "unit_path", "month")

    class Meta:
        verbose_name = _("jawaban SKM")
        verbose_name_plural = _("jawaban SKM")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{e.field}__gte": 1, f"{e.field}__lte": 4}),
                name=f"ps_survey_{e.code.lower()}_1_4",
            )
            for e in ELEMENTS
        ]
        indexes = [
            models.Index(fields=["instansi", "month"], name="ps_survey_month_idx"),
            models.Index(fields=["service", "submitted_at"], name="ps_survey_service_idx"),
        ]

    def __str__(self) -> str:
        return f"SKM {self.unit_id} {self.submitted_at:%Y-%m-%d}"

    def scores(self) -> dict[str, int]:
        return {e.code: getattr(self, e.field) for e in ELEMENTS}

    @classmethod
    def scope_q(cls, scope, action):
        return handling_q(scope, action)
