"""/pengembangan/: the learning pages; each group of pages declares its own patterns."""

from pembina.learning.views.jp_routes import urlpatterns as jp_urlpatterns
from pembina.learning.views.routes import urlpatterns as page_urlpatterns

app_name = "learning"
urlpatterns = [*page_urlpatterns, *jp_urlpatterns]
