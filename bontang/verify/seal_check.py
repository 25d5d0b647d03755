"""The signature check of an uploaded PDF: pyHanko's validator against Disnaker's trust anchors, run in
a child process (bontang/verify/pdfcheck.py) with a timeout, so a hostile or huge file cannot hang or
crash the page. Returns plain data for the template.
"""
from __future__ import annotations

import base64
import json
# A fixed interpreter and script run the checker; the upload goes to its stdin only.
import subprocess  # nosec B404
import sys
from datetime import datetime, timezone
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from flask import current_app
from flask_babel import gettext as _

from bontang.mou import sealing
from bontang.templating import wita

CHECKER = Path(__file__).with_name("pdfcheck.py")
TIMEOUT_SECONDS = 15


def _roots_argv() -> list[str]:
    identity = sealing.identity()

    def der(cert) -> str:
        return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()

    return [f"S:{der(identity.root)}"] + [f"T:{der(root)}" for root in identity.tsa_roots]


def run_checker(data: bytes, timeout: float = TIMEOUT_SECONDS) -> dict:
    """The child's JSON report; a timeout or a crash becomes an outcome, never an exception."""
    command = [sys.executable, "-I", str(CHECKER), *_roots_argv()]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=timeout, check=False)  # noqa: S603  # nosec B603
    except subprocess.TimeoutExpired:
        return {"outcome": "timeout"}
    try:
        return json.loads(done.stdout.decode() or "{}") or {"outcome": "crashed"}
    except ValueError:
        current_app.logger.warning("PDF checker failed: %s", done.stderr[-500:])
        return {"outcome": "crashed"}


def _when(iso: str | None) -> str:
    moment = datetime.fromisoformat(iso).astimezone(timezone.utc).replace(tzinfo=None) if iso else None
    return wita(moment, "d MMM yyyy HH:mm:ss") or "-"


def verdict(report: dict, *, stored: bool) -> dict:
    """What the page says: a headline, its tone, and one line per fact."""
    outcome = report.get("outcome")
    if outcome in {"unreadable", "timeout", "crashed"}:
        message = {"unreadable": _("Berkas ini tidak dapat dibaca sebagai PDF; tanda tangannya tidak dapat diperiksa."),
                   "timeout": _("Pemeriksaan tanda tangan melebihi batas waktu; berkas ini terlalu rumit untuk "
                                "diperiksa di sini."),
                   "crashed": _("Tanda tangan berkas ini tidak dapat diperiksa.")}[outcome]
        return {"tone": "bad", "headline": message, "facts": [], "stored": stored, "checked": False}
    if outcome == "unsigned":
        return {"tone": "bad", "stored": stored, "checked": False, "facts": [],
                "headline": _("Berkas ini tidak memiliki segel elektronik sama sekali.")}
    intact = report["intact"] and report["crypto_valid"]
    whole = report["docmdp_ok"] and (report["coverage"] == "ENTIRE_FILE" or (
        report["coverage"] == "ENTIRE_REVISION" and report["modification_level"] in {"NONE", "LTA_UPDATES"}))
    disnaker = report["trusted"]
    facts = [
        (intact, _("Segel utuh: isi yang disegel tidak berubah sejak disegel.") if intact
         else _("Segel rusak: isi berkas telah berubah setelah disegel.")),
        (whole, _("Segel mencakup seluruh berkas (sesudahnya hanya cap waktu dan data validasi).") if whole
         else _("Ada perubahan setelah segel di luar cap waktu dan data validasi.")),
        (disnaker, _("Dibuat dengan sertifikat Disnaker: %(signer)s.", signer=report["signer"]) if disnaker
         else _("Sertifikat penanda tangan bukan sertifikat Disnaker atau tidak dapat dipercaya: %(signer)s.",
                signer=report["signer"])),
        (report["timestamp_valid"], _("Waktu penyegelan (cap waktu TSA): %(when)s.", when=_when(report["timestamp"]))
         if report["timestamp_valid"] else _("Cap waktu penyegelan tidak ada atau tidak sah.")),
        (report["lta_passed"], _("Validasi jangka panjang (PAdES B-LTA): lolos.") if report["lta_passed"]
         else _("Validasi jangka panjang (PAdES B-LTA): tidak lolos (%(why)s).", why=report["indication"])),
    ]
    valid = intact and whole and disnaker
    if valid and stored:
        tone, headline = "ok", _("Sah dan tersimpan: segel Disnaker valid dan berkas ini sama persis dengan MoU "
                                 "yang tersimpan.")
    elif valid:
        tone, headline = "warn", _("Segel Disnaker sah, tetapi berkas ini BUKAN salinan MoU yang tersimpan untuk "
                                   "nomor ini (mungkin dokumen lain yang disegel Disnaker).")
    elif not intact:
        tone, headline = "bad", _("Segel rusak: berkas ini telah diubah setelah disegel.")
    else:
        tone, headline = "bad", _("Segel tidak sah untuk MoU Disnaker.")
    return {"tone": tone, "headline": headline, "facts": facts, "stored": stored, "checked": True}


def root_certificate(encoding: str) -> bytes:
    """Disnaker's root certificate (the trust anchor readers add), PEM or DER."""
    root = sealing.identity().root
    return root.public_bytes(serialization.Encoding.PEM if encoding == "pem" else serialization.Encoding.DER)


def chain_pem() -> bytes:
    """The sealing certificate's chain, leaf first, as one PEM bundle."""
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in sealing.identity().chain)


def root_fingerprint() -> str:
    """The root certificate's SHA-256 fingerprint, as readers display it (AA:BB:...)."""
    return sealing.identity().root.fingerprint(hashes.SHA256()).hex(":").upper()
