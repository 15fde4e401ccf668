from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from pasardesa.core.web import dashboard_view
from pasardesa.kelola.selectors import roles_of
from pasardesa.stores import services as store_services
from pasardesa.stores.selectors import invitations_for


@login_required
@never_cache
def home(request):
    """Everything this person can manage, one card per role, and the
    invitations to a store's team waiting for their answer."""
    return render(
        request,
        "kelola/home.html",
        {"roles": roles_of(request.user), "invitations": invitations_for(request.user)},
    )


@dashboard_view("POST")
def invitation_answer(request, pk: int, answer: str):
    """Accept ("terima") or decline ("tolak") an invitation to one's own number."""
    if answer not in {"terima", "tolak"}:
        raise Http404
    invitation = get_object_or_404(invitations_for(request.user), pk=pk)
    try:
        if answer == "terima":
            store_services.accept_invitation(invitation=invitation, user=request.user)
        else:
            store_services.decline_invitation(invitation=invitation, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        names = {"role": invitation.get_role_display().lower(), "store": invitation.store.name}
        if answer == "terima":
            messages.success(request, _("Anda sekarang %(role)s %(store)s.") % names)
        else:
            messages.info(request, _("Undangan menjadi %(role)s %(store)s Anda tolak.") % names)
    return redirect("kelola:home")
