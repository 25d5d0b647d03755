"""Disnaker's seal: a PAdES B-LTA certification signature with a visible stamp (pyHanko).

One incremental revision holds the certification signature (DocMDP P=1: after it, only validation
data and document timestamps, which PAdES permits, may be added) with its signature timestamp;
pyHanko then writes the chain and the CRL/OCSP answers into the document security store (DSS) and
closes the file with a document timestamp. `retimestamp_pdf` extends that archival timestamp chain
before the last timestamp's certificate expires, without touching the earlier revisions.
The identity (certificate, chain, TSA, revocation data) comes from bontang.pki.
"""
from __future__ import annotations

import io
import logging
from datetime import datetime, timedelta, timezone

from flask import current_app
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference, TimestampDSSContentSettings
from pyhanko.sign.validation import validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.stamp import TextStampStyle

from bontang.config import ROOT
from bontang.pki import SealIdentity, load_identity

FIELD_NAME = "SegelDisnaker"
STAMP_ANCHOR = "seal-stamp"
# The stamp's size in CSS px; the PDF template reserves a box of this size (id="seal-stamp").
STAMP_SIZE_PX = (340, 96)
STAMP_FONT = ROOT / "static" / "fonts" / "DejaVuSans-seal.ttf"  # Latin subset: the stamp subsets it per seal
STAMP_TEXT = ("SEGEL ELEKTRONIK\n%(office)s\nDisegel %(wita)s\nVerifikasi: %(url)s")
# The document timestamp's own validation data goes in before it, so that it closes the file (the
# last revision is the timestamp, and readers see it cover the whole document).
DSS_SETTINGS = DSSContentSettings(
    include_vri=False, placement=SigDSSPlacementPreference.TOGETHER_WITH_NEXT_TS,
    next_ts_settings=TimestampDSSContentSettings(include_vri=False, update_before_ts=True))
WITA = timezone(timedelta(hours=8), "WITA")


class _LocalRevocationDataFilter(logging.Filter):
    """In development the CRL is given to pyHanko, not fetched; its warning about fetching says nothing then."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "fetching is not allowed" not in record.getMessage()


logging.getLogger("pyhanko.sign.signers.pdf_signer").addFilter(_LocalRevocationDataFilter())


def identity() -> SealIdentity:
    return load_identity(current_app.config)


def load_signer() -> signers.SimpleSigner:
    """The signer of the configured (or development) sealing certificate."""
    return identity().signer


def is_development_certificate() -> bool:
    return not current_app.config.get("SIGNING_P12")


def _stamp_style() -> TextStampStyle:
    # An embedded TrueType subset keeps the stamp's appearance within PDF/A (no unembedded base-14 font).
    text = TextBoxStyle(font=GlyphAccumulatorFactory(str(STAMP_FONT)), font_size=9, leading=11)
    return TextStampStyle(stamp_text=STAMP_TEXT, text_box_style=text, border_width=1, background=None,
                          inner_content_layout=layout.SimpleBoxLayoutRule(
                              x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
                              margins=layout.Margins.uniform(6),
                              inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT))


def _metadata(seal: SealIdentity, reason: str) -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256", reason=reason,
        location=current_app.config["CITY_NAME"], certify=True, docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        embed_validation_info=True, use_pades_lta=True, validation_context=seal.validation_context(),
        timestamp_field_name="CapWaktuArsip1", dss_settings=DSS_SETTINGS)


def seal_pdf(pdf: bytes, *, page: int = -1, box: tuple | None = None, verify_url: str = "",
             reason: str = "Segel elektronik Dinas Ketenagakerjaan Kota Bontang") -> bytes:
    """Certify the whole file with a visible stamp at `box` (PDF points) on `page`; returns PAdES B-LTA bytes."""
    seal = identity()
    box = box or (40, 40, 40 + round(STAMP_SIZE_PX[0] * 0.75), 40 + round(STAMP_SIZE_PX[1] * 0.75))
    spec = fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page, box=box)
    pdf_signer = signers.PdfSigner(_metadata(seal, reason), signer=seal.signer, timestamper=seal.timestamper,
                                   stamp_style=_stamp_style(), new_field_spec=spec)
    params = {"office": "Dinas Ketenagakerjaan " + current_app.config["CITY_NAME"],
              "wita": datetime.now(WITA).strftime("%d-%m-%Y %H:%M:%S WITA"), "url": verify_url or "-"}
    return pdf_signer.sign_pdf(_writer(pdf), appearance_text_params=params).getvalue()


def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    """An incremental writer whose Info /Producer will match the XMP pyHanko writes (PDF/A wants them equal).

    pyHanko rewrites the XMP with pdf:Producer "pyHanko <version>" but appends its name to the Info
    entry ("WeasyPrint 70.0; pyHanko ..."); starting the Info entry from pyHanko's name keeps both equal.
    """
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    info_ref = writer.trailer.raw_get("/Info") if "/Info" in writer.trailer else None
    if isinstance(info_ref, generic.IndirectObject):
        info = info_ref.get_object()
        info["/Producer"] = generic.TextStringObject(VENDOR)
        writer.mark_update(info_ref)
    return writer


def retimestamp_pdf(pdf: bytes) -> bytes:
    """Extend the archival timestamp chain: the last document timestamp's validation data, then a new one.

    pyHanko's update_archival_timestamp_chain does the same but writes the new timestamp's DSS entry
    after it; here the new timestamp stays the file's last revision.
    """
    seal = identity()
    context = seal.validation_context()
    reader = PdfFileReader(io.BytesIO(pdf))
    stamps = reader.embedded_timestamp_signatures
    if not stamps:
        raise ValueError("no document timestamp to extend")
    status = validate_pdf_timestamp(stamps[-1], validation_context=context)
    if not (status.valid and status.trusted):
        raise ValueError(f"the last document timestamp does not validate: {status.summary()}")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    DocumentSecurityStore.supply_dss_in_writer(writer, stamps[-1].pkcs7_content, paths=(status.validation_path,),
                                               validation_context=context)
    stamper = signers.PdfTimeStamper(seal.timestamper, field_name=f"CapWaktuArsip{len(stamps) + 1}")
    return stamper.timestamp_pdf(writer, status.md_algorithm, context, in_place=False, output=io.BytesIO(),
                                 dss_settings=DSS_SETTINGS.next_ts_settings).getvalue()


def last_timestamp_expiry(pdf: bytes) -> datetime | None:
    """When the certificate of the file's newest document timestamp expires (None: no document timestamp)."""
    stamps = PdfFileReader(io.BytesIO(pdf)).embedded_timestamp_signatures
    return stamps[-1].signer_cert.not_valid_after if stamps else None
