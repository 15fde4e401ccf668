"""Pages of the payments app: buyer."""

urlpatterns: list = []
