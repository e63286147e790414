"""URL patterns of the 20 JP dashboards (OPD and city) and their export."""

urlpatterns: list = []
