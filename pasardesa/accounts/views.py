from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from pasardesa.accounts import ratelimit, services
from pasardesa.accounts.forms import LoginForm, SetPasswordForm, SignupForm
from pasardesa.accounts.selectors import account_history
from pasardesa.core.web import dashboard_view, safe_next, too_many_requests


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request):
    if request.method != "POST" and request.user.is_authenticated:
        # The header's "Masuk" is the same link for everybody (buyer pages are
        # the same bytes for all); somebody already in goes straight on.
        return redirect(safe_next(request) or "kelola:home")
    form = LoginForm(request, data=request.POST or None)
    locked = False
    if request.method == "POST":
        phone, ip = form.data.get("phone", "")[:32], ratelimit.client_ip(request)
        try:
            phone_key = form.fields["phone"].clean(phone)
        except ValidationError:  # an invalid number still counts against the IP
            phone_key = ""
        locked = ratelimit.is_locked(phone=phone_key, ip=ip)
        if not locked and form.is_valid():
            ratelimit.reset(phone=phone_key)
            login(request, form.user)
            return redirect(safe_next(request) or "kelola:home")
        if not locked:
            ratelimit.record_failure(phone=phone_key, ip=ip)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked": locked, "next": safe_next(request)},
        status=429 if locked else 200,
    )


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("Anda sudah keluar."))
    # The login page shows the message; the buyer pages carry no messages (the
    # same bytes for everybody), so there it would wait for the next dashboard.
    return redirect("accounts:login")


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    ip = ratelimit.client_ip(request)
    if request.method == "POST" and ratelimit.SIGNUPS_BY_IP.exceeded(ip):
        return too_many_requests(
            request,
            _(
                "Terlalu banyak akun dibuat dari sambungan ini dalam satu jam. "
                "Coba lagi nanti, atau masuk kalau sudah punya akun."
            ),
        )
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.register_user(
            phone=form.cleaned_data["phone"],
            name=form.cleaned_data["name"],
            password=form.cleaned_data["password1"],
            email=form.cleaned_data.get("email") or "",
        )
        ratelimit.SIGNUPS_BY_IP.hit(ip)
        login(request, user, backend="pasardesa.accounts.backends.PhoneBackend")
        messages.success(request, _("Akun Anda sudah dibuat."))
        return redirect(safe_next(request) or "kelola:home")
    return render(request, "accounts/signup.html", {"form": form, "next": safe_next(request)})


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reset(request, uidb64: str, token: str):
    user = services.user_for_reset_link(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "accounts/reset_invalid.html", status=410)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_password(user=user, password=form.cleaned_data["password1"])
        messages.success(request, _("Kata sandi baru sudah disimpan. Silakan masuk."))
        return redirect("accounts:login")
    return render(request, "accounts/reset.html", {"form": form, "reset_user": user})


@dashboard_view("GET")
def history(request):
    """Riwayat akun: every invitation, role change and password reset of this
    account, with who did it, so a reset the person did not ask for is seen."""
    return render(request, "accounts/history.html", {"events": account_history(request.user)})
