"""Validate the seal of one uploaded PDF with pyHanko; run as a child process with hard limits.

    python pdfcheck.py S:ROOT [S:ROOT ...] [T:ROOT ...] < upload.pdf   ->   one JSON object on stdout
    (each ROOT a trust anchor's DER certificate in base64; S: anchors the seal, T: only timestamps)

The file is standalone (no app imports) so that it starts fast. It never fetches anything: an
uploaded file's certificates could name any URL, so revocation data must come from the file's own
document security store (PAdES B-LTA carries it). The parent kills it after a timeout; here memory
and CPU time are capped too, so a hostile PDF cannot take the server down.
"""
from __future__ import annotations

import asyncio
import io
import json
import sys

CPU_SECONDS = 20
MEMORY_BYTES = 1024 * 1024 * 1024


def _limit() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    except (ImportError, ValueError, OSError):
        pass


def _spec(roots, ts_roots):
    from pyhanko.sign.validation.policy_decl import (
        PdfSignatureValidationSpec,
        RevinfoOnlineFetchingRule,
        RevocationInfoGatheringSpec,
        SignatureValidationSpec,
    )
    from pyhanko_certvalidator.context import CertValidationPolicySpec
    from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
    from pyhanko_certvalidator.registry import SimpleTrustManager

    def policy(anchors):
        return CertValidationPolicySpec(trust_manager=SimpleTrustManager.build(trust_roots=anchors),
                                        revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO))

    # A TSA's root (perhaps a commercial CA) vouches for timestamps only, never for the seal itself.
    gathering = RevocationInfoGatheringSpec(online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY)
    return PdfSignatureValidationSpec(SignatureValidationSpec(
        cert_validation_policy=policy(roots), ts_cert_validation_policy=policy(roots + ts_roots),
        revinfo_gathering_policy=gathering))


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


async def check(data: bytes, roots, ts_roots=()) -> dict:
    """What a visitor needs to know about the first (sealing) signature of `data`."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.ades import ades_lta_validation

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    signatures = reader.embedded_regular_signatures
    if not signatures:
        return {"outcome": "unsigned"}
    seal = signatures[0]
    result = await ades_lta_validation(seal, _spec(list(roots), list(ts_roots)))
    status = result.api_status
    stamp = status.timestamp_validity if status is not None else None
    cert = seal.signer_cert
    return {
        "outcome": "checked",
        "indication": str(result.ades_subindic),
        "lta_passed": type(result.ades_subindic).__name__ == "AdESPassed",
        "intact": bool(status and status.intact),
        "crypto_valid": bool(status and status.valid),
        "trusted": bool(status and status.trusted),
        "coverage": status.coverage.name if status and status.coverage else None,
        "modification_level": status.modification_level.name if status and status.modification_level else None,
        "docmdp_ok": bool(status and status.docmdp_ok),
        "certified": seal.sig_object_type == "/Sig" and seal.docmdp_level is not None,
        "signer": cert.subject.human_friendly,
        "signer_sha256": cert.sha256.hex(),
        "timestamp": _iso(stamp.timestamp) if stamp is not None else None,
        "timestamp_valid": bool(stamp and stamp.valid and stamp.trusted),
        "best_time": _iso(getattr(result, "best_signature_time", None)),
        "document_timestamps": len(reader.embedded_timestamp_signatures),
        "signatures": len(reader.embedded_signatures),
    }


def main(argv: list[str]) -> int:
    _limit()
    import base64

    from asn1crypto import x509

    def anchors(prefix: str) -> list:
        return [x509.Certificate.load(base64.b64decode(arg[2:])) for arg in argv[1:] if arg.startswith(prefix)]

    data = sys.stdin.buffer.read()
    try:
        report = asyncio.run(check(data, anchors("S:"), anchors("T:")))
    except Exception as error:
        report = {"outcome": "unreadable", "detail": f"{type(error).__name__}: {error}"[:300]}
    sys.stdout.write(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
