"""Pages of the payments app: treasurer."""

urlpatterns: list = []
