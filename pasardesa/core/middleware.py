"""Middleware of the edge: the scheme behind a trusted proxy, compression."""

from django.middleware.gzip import GZipMiddleware

from pasardesa.core.proxies import forwarded_scheme


class TrustedProxySchemeMiddleware:
    """Honour ``X-Forwarded-Proto`` only from a trusted proxy.

    Django's ``SECURE_PROXY_SSL_HEADER`` believes the header from anybody, so a
    visitor talking plain HTTP straight to the app server could claim HTTPS.
    This sets the WSGI scheme (which ``request.is_secure()`` reads) from the
    header only when the peer is in ``TRUSTED_PROXIES``. It runs first, so the
    HTTPS redirect and secure cookies see the real scheme.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if scheme := forwarded_scheme(request):
            request.META["wsgi.url_scheme"] = scheme
        return self.get_response(request)


# Already compressed: gzip makes them a little bigger and, streamed, drops the
# Content-Length a phone uses to show progress. SVG is text and stays in.
_COMPRESSED_PREFIXES = ("image/", "video/", "audio/", "font/woff")
_COMPRESSED_TYPES = {
    "application/zip",
    "application/gzip",
    "application/x-gzip",
    "application/x-7z-compressed",
    "application/x-bzip2",
    "application/x-xz",
    "application/zstd",
    "application/vnd.rar",
    "application/font-woff",
    "application/font-woff2",
}


def already_compressed(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "image/svg+xml":
        return False
    return media_type in _COMPRESSED_TYPES or media_type.startswith(_COMPRESSED_PREFIXES)


class CompressionMiddleware(GZipMiddleware):
    """Django's gzip, minus files that are compressed already (WebP photos)."""

    def process_response(self, request, response):
        if already_compressed(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
