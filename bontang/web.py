"""Helpers every view uses: full page or fragment, form errors, redirects that htmx follows."""
from __future__ import annotations

from urllib.parse import unquote, urlsplit

from flask import redirect, render_template, request
from flask_wtf import FlaskForm

from bontang.core import DomainError
from bontang.inputs import has_control

# The pinned htmx is configured (templates/base.html) to swap 422 responses, so an invalid
# form comes back with its errors in place and the right status.
INVALID = 422


def wants_fragment() -> bool:
    """True for htmx requests that target a part of the page (not boosted navigation)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted


def render(page: str, fragment: str | None = None, /, *, status: int = 200, **context):
    """Render the full page, or only the fragment for an htmx request that targets it."""
    template = fragment if fragment and wants_fragment() else page
    return render_template(template, **context), status


def render_invalid(page: str, fragment: str | None = None, /, **context):
    """Re-render a form with its errors."""
    return render(page, fragment, status=INVALID, **context)


def render_form(page: str, form: FlaskForm, fragment: str | None = None, /, **context):
    """A form page: 200 when first shown, 422 when it comes back submitted with errors."""
    status = INVALID if form.is_submitted() else 200
    return render(page, fragment, status=status, form=form, **context)


def redirect_to(url: str, *, trigger: str | None = None):
    """After a change: htmx fragments get HX-Location (with an optional event), others a 303."""
    if wants_fragment():
        response = redirect(url, code=303)
        response.status_code = 204
        response.headers["HX-Location"] = url
        if trigger:
            response.headers["HX-Trigger"] = trigger
        return response
    return redirect(url, code=303)


def attach_error(form: FlaskForm, error: DomainError) -> None:
    """Show a domain error next to its field, or at the top of the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = list(field.errors) + [error.message]
    else:
        form.form_errors.append(error.message)


def page_number() -> int:
    """The ?page= argument, at least 1."""
    return max(request.args.get("page", 1, type=int) or 1, 1)


def _plain_path(candidate: str) -> bool:
    return (candidate.startswith("/") and not candidate.startswith("//") and "\\" not in candidate
            and not has_control(candidate) and " " not in candidate[:2])


def safe_path(target: str | None) -> str | None:
    """`target` when it is a path on this site (for ?next= and the like), else None.

    Refused: anything with a scheme or host, `//` or a backslash (also once or twice percent-decoded),
    control characters (browsers drop tabs and newlines, so `/\t/evil` would become `//evil`) and
    encoded slashes.
    """
    if not target or len(target) > 2000 or not isinstance(target, str):
        return None
    candidate = target
    for _ in range(3):
        if not _plain_path(candidate) or any(code in candidate.lower() for code in ("%2f", "%5c")):
            return None
        decoded = unquote(candidate)
        if decoded == candidate:
            break
        candidate = decoded
    else:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def same_site_referrer() -> str | None:
    """The path of the Referer when it is a page of this site, else None."""
    url = request.referrer or ""
    if not url.startswith(request.host_url):
        return None
    return safe_path("/" + url[len(request.host_url):])
