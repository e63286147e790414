"""Language choice: Indonesian unless the person switched (cookie), whatever the browser asks for.

Django's LocaleMiddleware follows Accept-Language, so an office PC with an English browser would get a
half-translated page; Pembina is Indonesian by default and English only on request."""

from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if lang not in self.supported:
            lang = settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = lang
        # override() restores the previous language afterwards, so a request never leaks its language
        # into whatever the same thread runs next (another request, a test, a job).
        with translation.override(lang):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response
