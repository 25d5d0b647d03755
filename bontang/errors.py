"""Error pages (403, 404, 429, 500 ...) that work for plain and htmx requests."""
from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from bontang.extensions import db
from bontang.web import wants_fragment


def _messages() -> dict[int, tuple[str, str]]:
    return {
        202: (_("Sedang disiapkan"), _("Permintaan Anda sedang diproses. Coba lagi sebentar.")),
        400: (_("Permintaan tidak valid"), _("Data yang dikirim tidak dapat diproses.")),
        401: (_("Perlu masuk"), _("Silakan masuk terlebih dahulu.")),
        403: (_("Akses ditolak"), _("Anda tidak memiliki izin untuk membuka halaman ini.")),
        404: (_("Halaman tidak ditemukan"), _("Halaman atau data yang Anda cari tidak ada.")),
        405: (_("Metode tidak diizinkan"), _("Tindakan ini tidak tersedia dengan cara tersebut.")),
        409: (_("Terjadi konflik"), _("Data telah diubah oleh orang lain. Muat ulang halaman lalu coba lagi.")),
        413: (_("Berkas terlalu besar"), _("Ukuran berkas melebihi batas yang diizinkan.")),
        429: (_("Terlalu banyak percobaan"), _("Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.")),
        500: (_("Terjadi kesalahan"), _("Terjadi kesalahan pada server. Tidak ada data yang berubah; silakan coba lagi.")),
    }


def render_error(status: int, detail: str | None = None):
    """The error page, or for htmx a message swapped into the page's message area."""
    title, text = _messages().get(status, _messages()[500])
    if detail:
        text = detail
    if wants_fragment():
        fragment = render_template("errors/_message.html", title=title, text=text)
        return fragment, status, {"HX-Retarget": "#flash-messages", "HX-Reswap": "innerHTML"}
    return render_template("errors/error.html", status=status, title=title, text=text), status


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        return render_error(400, _("Sesi formulir kedaluwarsa atau token keamanan hilang. Muat ulang halaman lalu coba lagi."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        db.session.rollback()
        # abort(400, description=_("...")) shows its own message; Werkzeug's English defaults are replaced.
        custom = error.description if error.description != type(error).description else None
        return render_error(error.code or 500, custom)

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error", exc_info=error)
        return render_error(InternalServerError.code)
