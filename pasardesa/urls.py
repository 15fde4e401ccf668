from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from pasardesa.core import views as core_views

handler404 = "pasardesa.core.views.not_found"
handler500 = "pasardesa.core.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", core_views.robots_txt, name="robots"),
]
if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.+)$", core_views.media, name="media"),
    ]

# Indonesian has no prefix (/cari/); English lives under /en/ so both stay
# plain links and cacheable pages (no language cookie, no POST form).
urlpatterns += i18n_patterns(
    path("", include("pasardesa.market.urls")),
    path("", include("pasardesa.kelola.urls")),
    path("", include("pasardesa.catalog.urls")),
    path("", include("pasardesa.sellers.urls")),
    path("", include("pasardesa.accounts.urls")),
    path("", include("pasardesa.orders.urls")),
    path("", include("pasardesa.payments.urls")),
    prefix_default_language=False,
)
