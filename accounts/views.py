"""The profile page: a user's API tokens (list, create — the secret shown once —, revoke)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services
from accounts.forms import TokenCreateForm
from accounts.models import ApiToken

# Other apps put notices on the profile page (webhooks: a paused subscription) through this hook.
PROFILE_NOTICE_PROVIDERS: list = []


def _render(request: HttpRequest, form: TokenCreateForm, new_secret: str = "", status: int = 200) -> HttpResponse:
    notices = [notice for provider in PROFILE_NOTICE_PROVIDERS for notice in provider(request.user)]
    context = {
        "tokens": ApiToken.objects.filter(user_id=int(request.user.pk or 0)),
        "form": form,
        "new_secret": new_secret,
        "notices": notices,
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return _render(request, TokenCreateForm())


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    _token, secret = services.token_create(
        user=request.user, name=form.cleaned_data["name"], expires_in_days=form.cleaned_data["expires_in_days"]
    )
    # Rendered, not redirected: the secret must never sit in a session or a URL.
    response = _render(request, TokenCreateForm(), new_secret=secret, status=201)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.token_revoke(token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:profile")
