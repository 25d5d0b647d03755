"""Public pages: verification of a signed MoU and the list of partner companies that signed."""
from __future__ import annotations

from flask import abort, request, url_for

from bontang.core import DomainError
from bontang.extensions import limiter
from bontang.mou.documents import final_document
from bontang.mou.queries import partners as partner_rows
from bontang.security import public
from bontang.verify import bp, services
from bontang.web import redirect_to, render, render_invalid


@bp.route("/mitra")
@public
def partners():
    """Companies whose MoU is signed by every party."""
    return render("verify/partners.html", rows=partner_rows())


@bp.route("/verifikasi")
@public
def lookup():
    """Find an agreement by the code printed on it."""
    code = request.args.get("kode", "")
    if code:
        agreement = services.agreement_by_code(code)
        if agreement is not None:
            return redirect_to(url_for("verify.detail", code=agreement.verification_code))
    return render("verify/lookup.html", code=code, not_found=bool(code))


def _context(agreement, **extra) -> dict:
    document = final_document(agreement.id)
    return {"agreement": agreement, "public": services.public_status(agreement, document), "document": document,
            **extra}


@bp.route("/verifikasi/<code>", methods=["GET", "POST"])
@public
@limiter.limit("30 per minute", methods=["POST"])
def detail(code: str):
    """Status, parties and PDF hash of one agreement; an uploaded PDF is compared with the stored one."""
    agreement = services.agreement_by_code(code)
    if agreement is None:
        abort(404)
    if request.method == "GET":
        return render("verify/detail.html", **_context(agreement))
    try:
        result = services.check_upload(agreement, request.files.get("file"))
    except DomainError as error:
        return render_invalid("verify/detail.html", "verify/_check_result.html", **_context(agreement, error=error.message))
    return render("verify/detail.html", "verify/_check_result.html", **_context(agreement, result=result))
