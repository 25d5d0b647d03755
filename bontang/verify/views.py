"""Public pages: verification of a signed MoU and the list of partner companies that signed."""
from __future__ import annotations

from flask import Response, abort, request, url_for

from bontang.core import DomainError
from bontang.extensions import limiter
from bontang.mou.documents import final_document
from bontang.mou.queries import partners as partner_rows
from bontang.security import public
from bontang.pki import dev
from bontang.verify import bp, seal_check, services
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
        if services.too_large(request.content_length):  # refused before the body is read
            raise services.too_large_error()
        result = services.check_upload(agreement, request.files.get("file"))
    except DomainError as error:
        return render_invalid("verify/detail.html", "verify/_check_result.html", **_context(agreement, error=error.message))
    return render("verify/detail.html", "verify/_check_result.html", **_context(agreement, result=result))


WELL_KNOWN = "/.well-known/bontang"


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    headers = {"Content-Disposition": f"attachment; filename={filename}", "Cache-Control": "public, max-age=3600"}
    return Response(body, mimetype=mimetype, headers=headers)


@bp.route(WELL_KNOWN + "/disnaker-root.pem")
@public
def root_pem():
    """Disnaker's root certificate (PEM), the trust anchor for the seal."""
    return _download(seal_check.root_certificate("pem"), "application/x-pem-file", "disnaker-root.pem")


@bp.route(WELL_KNOWN + "/disnaker-root.cer")
@public
def root_der():
    """Disnaker's root certificate (DER, .cer for Adobe Reader and Windows)."""
    return _download(seal_check.root_certificate("der"), "application/pkix-cert", "disnaker-root.cer")


@bp.route(WELL_KNOWN + "/disnaker-chain.pem")
@public
def chain():
    """The sealing certificate and its chain up to the root (PEM bundle)."""
    return _download(seal_check.chain_pem(), "application/x-pem-file", "disnaker-chain.pem")


@bp.route(dev.CRL_PATH)
@public
def development_crl():
    """The development CA's CRL, at the URL its certificates name (production CAs publish their own)."""
    identity = seal_check.sealing.identity()
    if not identity.development:
        abort(404)
    return Response(dev.current_crl(identity.crl_dir), mimetype="application/pkix-crl",
                    headers={"Cache-Control": "public, max-age=3600"})


@bp.route("/verifikasi/sertifikat")
@public
def trust():
    """How to trust Disnaker's root certificate in Adobe Reader."""
    identity = seal_check.sealing.identity()
    return render("verify/trust.html", development=identity.development, fingerprint=seal_check.root_fingerprint(),
                  subject=identity.root.subject.rfc4514_string())
