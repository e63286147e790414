"""OpenAPI generation for our API: input serializers, query parsers and error responses documented
from the same declarations the views use, so the published schema cannot drift from behaviour."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Every error response: `detail` is the Indonesian message; `field` and `errors` for bad input."""

    detail = serializers.CharField(help_text=_("Pesan kesalahan (bahasa Indonesia)."))
    field = serializers.CharField(required=False, help_text=_("Kolom yang salah, bila ada."))
    errors = serializers.DictField(required=False, help_text=_("Semua kesalahan per kolom, bila ada."))


_PATH_PARAM = re.compile(r"{[^}]+}")


class PembinaAutoSchema(AutoSchema):
    """Reads `input_serializer_classes` / `query_serializer_classes` ({action: Serializer}) from the
    view, and adds the error responses every endpoint can give (401, 403, 404 for one object, 400
    for input)."""

    def _by_action(self, attr: str):
        return (getattr(self.view, attr, None) or {}).get(getattr(self.view, "action", None))

    def get_request_serializer(self):
        return self._by_action("input_serializer_classes") or super().get_request_serializer()

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        query = self._by_action("query_serializer_classes")
        if query is not None:
            params.append(query)
        return params

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        wanted = {
            "401": _("Belum masuk: kirim header `Authorization: Token <token>` atau sesi login."),
            "403": _("Peran Anda tidak mengizinkan tindakan ini."),
        }
        if _PATH_PARAM.search(self.path):
            wanted["404"] = _("Data tidak ditemukan atau di luar cakupan Anda.")
        has_input = self.method in ("POST", "PUT", "PATCH")
        if has_input or self._by_action("query_serializer_classes") is not None:
            wanted["400"] = _("Masukan tidak valid atau aturan bisnis dilanggar (pesan menyebut kolomnya).")
        for code, description in wanted.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=ErrorSerializer, description=str(description)), code
                )
        return responses
