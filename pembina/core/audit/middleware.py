"""Opens an audit context for each web request and tags the response with its request id."""

from pembina.core.audit.context import Source, audit_context


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")[:64]
        source = Source.API if request.path.startswith("/api/") else Source.WEB
        with audit_context(source=source, request=request, request_id=incoming or None) as ctx:
            request.request_id = ctx.request_id
            response = self.get_response(request)
        response["X-Request-ID"] = ctx.request_id
        return response
