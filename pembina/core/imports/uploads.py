"""An upload handler that stops storing an import file as soon as it passes the size limit."""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

TOO_LARGE_ATTR = "pembina_upload_too_large"


class LimitedUploadHandler(FileUploadHandler):
    """Put first in `request.upload_handlers` (before the POST is read): a file past `limit` bytes is
    skipped — its remaining bytes are discarded, never written to memory or disk — and the request is
    marked so the view can say why."""

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > self.limit + 1024 * 1024 and self.request is not None:
            setattr(self.request, TOO_LARGE_ATTR, True)
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            if self.request is not None:
                setattr(self.request, TOO_LARGE_ATTR, True)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def install(request, *, limit: int) -> bool:
    """Add the handler; False when the body was already read (then only the size check applies)."""
    if hasattr(request, "_files"):
        return False
    request.upload_handlers.insert(0, LimitedUploadHandler(request, limit=limit))
    return True
