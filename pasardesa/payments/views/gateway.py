"""The payment gateway's notification endpoint (see ``pasardesa.payments.gateway``)."""

from django.http import Http404, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from pasardesa.payments.gateway import NoticeRefused, configured_adapter, confirm_from_gateway


@csrf_exempt  # a server-to-server call, authenticated by its signature instead
@require_POST
def notification(request):
    adapter = configured_adapter()
    if adapter is None:
        raise Http404
    try:
        payment = confirm_from_gateway(adapter.notice(body=request.body, headers=request.headers))
    except NoticeRefused as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"ok": True, "status": payment.status})


urlpatterns = [
    path("pembayaran/gateway/notifikasi/", notification, name="gateway_notification"),
]
