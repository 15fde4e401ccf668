from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from pasardesa.kelola.selectors import roles_of


@login_required
@never_cache
def home(request):
    """Everything this person can manage, one card per role."""
    return render(request, "kelola/home.html", {"roles": roles_of(request.user)})
