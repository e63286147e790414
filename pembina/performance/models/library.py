"""The indicator library: reusable indicators per sector to draft IKI from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE
from pembina.performance.choices import Aggregation, Aspect, Direction, Sector


class IndicatorTemplate(AuditedModel):
    instansi = models.ForeignKey(
        "org.Instansi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kosong: pustaka bersama untuk semua instansi."),
    )
    code = models.SlugField(_("kode"), max_length=60, unique=True)
    sector = models.CharField(_("sektor"), max_length=20, choices=Sector.choices)
    name = models.CharField(_("nama indikator"), max_length=300)
    definition = models.TextField(_("definisi operasional"))
    unit = models.CharField(_("satuan"), max_length=40)
    direction = models.CharField(_("arah"), max_length=6, choices=Direction.choices)
    aspect = models.CharField(_("aspek"), max_length=10, choices=Aspect.choices)
    aggregation = models.CharField(_("cara akumulasi"), max_length=8, choices=Aggregation.choices)
    suggested_target = models.DecimalField(
        _("target acuan"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    reference = models.CharField(_("acuan"), max_length=300, blank=True)
    data_source = models.CharField(_("sumber data"), max_length=100, blank=True)
    data_source_params = models.JSONField(_("parameter sumber data"), default=dict, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pustaka indikator")
        verbose_name_plural = _("pustaka indikator")
        ordering = ["sector", "name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_q(cls, scope, action):
        if action == CHANGE:
            return models.Q(instansi_id=scope.instansi_id) if scope.write_all else models.Q(pk__in=[])
        return models.Q(instansi__isnull=True) | models.Q(instansi_id=scope.instansi_id)
