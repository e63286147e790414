"""URL patterns of the learning pages (profiles, gaps, IDP, catalogue/events, certificates, simulations)."""

urlpatterns: list = []
