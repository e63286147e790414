"""Base classes of every endpoint: scoped reads, writes through services, audit source `api`.

A viewset names its model; `get_queryset` always starts from `Model.objects.for_actor(user, VIEW)`
(CHANGE for writes), so an object outside the caller's scope is 404 for reads and writes alike.
Input serializers only parse; `perform_service_create` / `perform_service_update` call the service
that validates and writes.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from pembina.core.api.exceptions import validated
from pembina.core.api.permissions import ApiAccess
from pembina.core.api.schema import PembinaAutoSchema
from pembina.core.audit.context import Source, audit_context
from pembina.core.scoping import CHANGE, VIEW


class ApiViewMixin:
    """Token first, so an anonymous call gets 401 with `WWW-Authenticate: Token` (not a bare 403)."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [ApiAccess]
    schema = PembinaAutoSchema()

    def dispatch(self, request, *args, **kwargs):
        # The middleware already marks /api/ requests; this holds wherever the view is mounted.
        # The context keeps the Django request: DRF sets its `.user` once the token is checked,
        # and the audit recorder reads it only when something is written.
        with audit_context(source=Source.API, request=request):
            return super().dispatch(request, *args, **kwargs)


class ApiView(ApiViewMixin, APIView):
    pass


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An id in a request body; only objects the caller may see resolve, others read as not found."""

    def __init__(self, model: type[models.Model], **kwargs: Any):
        self.scoped_model = model
        super().__init__(queryset=model.objects.none(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.scoped_model.objects.for_actor(getattr(request, "user", None), VIEW)


class ParseOnlyMixin:
    """Input serializers parse and never save: every write goes through a service."""

    def create(self, validated_data):
        raise NotImplementedError("Input serializers do not write; call the service.")

    def update(self, instance, validated_data):
        raise NotImplementedError("Input serializers do not write; call the service.")


class InputSerializer(ParseOnlyMixin, serializers.Serializer):
    pass


class ScopedReadOnlyViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    scoped_model: type[models.Model]
    filter_backends = [OrderingFilter]
    ordering_fields: list[str] = []
    input_serializer_classes: dict[str, type[serializers.Serializer]] = {}
    query_serializer_classes: dict[str, type[serializers.Serializer]] = {}

    def scope_action(self) -> str:
        return VIEW if self.request.method in SAFE_METHODS else CHANGE

    def scoped_queryset(self, action: str) -> models.QuerySet:
        """Override only with a selector that itself starts from `for_actor`."""
        return self.scoped_model.objects.for_actor(self.request.user, action)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return self.scoped_model.objects.none()
        qs = self.scoped_queryset(self.scope_action())
        if qs.model is not self.scoped_model:
            raise TypeError(f"{type(self).__name__} must return {self.scoped_model.__name__} rows")
        return qs

    def query_params(self) -> dict[str, Any]:
        """The action's query parameters, parsed (400 naming the parameter when they do not parse)."""
        parser = self.query_serializer_classes.get(self.action)
        if parser is None:
            return {}
        data = validated(parser(data=self.request.query_params))
        return {k: v for k, v in data.items() if v not in (None, "")}

    def parse_input(self, **kwargs: Any) -> dict[str, Any]:
        parser = self.input_serializer_classes[self.action]
        return validated(parser(data=self.request.data, context=self.get_serializer_context(), **kwargs))

    def read_back(self, obj: models.Model) -> dict[str, Any]:
        """The written object as the reader sees it (fetched again with the list's joins)."""
        fresh = self.scoped_queryset(VIEW).filter(pk=obj.pk).first() or obj
        return self.get_serializer_class()(fresh, context=self.get_serializer_context()).data


class ScopedViewSet(ScopedReadOnlyViewSet):
    """List, retrieve, create (POST) and partial update (PATCH). No PUT and no DELETE: records are
    ended or deactivated through their services, never removed over the API."""

    def perform_service_create(self, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def perform_service_update(self, obj: models.Model, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        obj = self.perform_service_create(self.parse_input())
        return Response(self.read_back(obj), status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()  # CHANGE scope: outside it is 404
        data = self.parse_input(partial=True)
        return Response(self.read_back(self.perform_service_update(obj, data)))
