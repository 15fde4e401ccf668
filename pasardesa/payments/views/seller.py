"""Pages of the payments app: seller."""

urlpatterns: list = []
