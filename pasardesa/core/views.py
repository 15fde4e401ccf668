from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    return render(request, "core/500.html", status=500)


@require_safe
def robots_txt(request):
    return HttpResponse("User-agent: *\nDisallow: /admin/\n", content_type="text/plain")


@require_safe
@cache_control(public=True, max_age=31536000, immutable=True)
def media(request, path):
    """Uploaded images for the embedded default; names are content hashes,
    so they never change and may be cached for a year."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
