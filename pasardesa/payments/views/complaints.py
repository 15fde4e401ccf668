"""Pages of the payments app: complaints."""

urlpatterns: list = []
