"""WSGI entry point (gunicorn pembina.config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pembina.config.settings.production")
application = get_wsgi_application()
