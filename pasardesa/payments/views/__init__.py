"""The payments app's pages, one module per audience; each keeps its own ``urlpatterns``."""
