"""The final MoU PDF is PDF/A-3b, certified by Disnaker's seal with a visible stamp, and PAdES B-LTA:
checked with pyHanko's AdES validator given only the root certificate the verification page
publishes, with poppler's pdfsig and with qpdf."""
from __future__ import annotations

import asyncio
import io
import re
import subprocess

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESPassed
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager

from bontang.extensions import db
from bontang.mou import documents
from tests.mou.factories import make_completed


def _href(html: str, testid: str) -> str:
    return re.search(rf'href="([^"]+)"[^>]*data-testid="{testid}"', html).group(1)


def published_root(client, agreement, tmp_path):
    """The root certificate as a visitor gets it: verification page -> instructions -> PEM link."""
    page = client.get(f"/verifikasi/{agreement.verification_code}").get_data(as_text=True)
    trust_url = re.search(r'href="(/verifikasi/sertifikat)"', page).group(1)
    trust = client.get(trust_url).get_data(as_text=True)
    assert "Adobe" in trust and "Sertifikat Tepercaya" in trust
    pem = client.get(_href(trust, "root-pem"))
    der = client.get(_href(trust, "root-der"))
    assert pem.status_code == der.status_code == 200 and pem.data.startswith(b"-----BEGIN CERTIFICATE-----")
    path = tmp_path / "disnaker-root.pem"
    path.write_bytes(pem.data)
    assert load_cert_from_pemder(str(path)).dump() == der.data
    return load_cert_from_pemder(str(path))


def final_pdf_by_links(client, login_as, agreement) -> bytes:
    login_as("staff")
    page = client.get(f"/mou/{agreement.id}").get_data(as_text=True)
    link = re.search(rf'href="(/mou/{agreement.id}/pdf)"', page).group(1)
    response = client.get(link)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return response.data


def lta_spec(*roots) -> PdfSignatureValidationSpec:
    """The strictest profile: revocation data required for every certificate, nothing fetched online."""
    policy = CertValidationPolicySpec(trust_manager=SimpleTrustManager.build(trust_roots=list(roots)),
                                      revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO))
    gathering = RevocationInfoGatheringSpec(online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY)
    return PdfSignatureValidationSpec(SignatureValidationSpec(cert_validation_policy=policy,
                                                              revinfo_gathering_policy=gathering))


def lta_result(data: bytes, root):
    seal = PdfFileReader(io.BytesIO(data)).embedded_regular_signatures[0]
    return asyncio.run(ades_lta_validation(seal, lta_spec(root)))


def test_final_pdf_validates_as_pades_b_lta_with_only_the_published_root(client, login_as, tmp_path):
    agreement = make_completed()
    root = published_root(client, agreement, tmp_path)
    data = final_pdf_by_links(client, login_as, agreement)
    result = lta_result(data, root)
    assert result.ades_subindic == AdESPassed.OK
    status = result.api_status
    assert status.intact and status.valid and status.trusted and status.docmdp_ok
    assert status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
    assert status.modification_level == ModificationLevel.LTA_UPDATES  # only the DSS and the document timestamp
    assert status.timestamp_validity is not None and status.timestamp_validity.valid  # signature timestamp
    assert "DEVELOPMENT" in status.signing_cert.subject.human_friendly
    reader = PdfFileReader(io.BytesIO(data))
    assert [s.sig_object_type for s in reader.embedded_signatures] == ["/Sig", "/DocTimeStamp"]
    dss = reader.root["/DSS"]
    assert len(dss["/Certs"]) >= 3 and len(dss["/CRLs"]) >= 1  # chain, TSA certificate, the root's CRL


def test_pdfsig_and_qpdf_accept_the_final_pdf(tmp_path):
    make_completed()
    path = tmp_path / "mou.pdf"
    path.write_bytes(documents.final_document(1).bytes)
    pdfsig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    seal, stamp = pdfsig.split("Signature #2:")
    assert "Signature Field Name: SegelDisnaker" in seal and "Signature is Valid." in seal
    assert "Total document signed" in stamp  # the document timestamp closes the file
    qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert qpdf.returncode == 0 and "No syntax or stream encoding errors" in qpdf.stdout


def test_final_pdf_is_pdfa_3b_with_a_visible_certification_stamp(tmp_path):
    agreement = make_completed()
    data = documents.final_document(agreement.id).bytes
    reader = PdfFileReader(io.BytesIO(data))
    xmp = reader.root["/Metadata"].get_object().data.decode()
    assert re.search(r"pdfaid:part(>|=\")3", xmp) and re.search(r"pdfaid:conformance(>|=\")B", xmp)
    assert reader.root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    info = reader.trailer_view["/Info"].get_object()  # PDF/A: the Info entries equal their XMP twins
    assert f'pdf:Producer="{info["/Producer"]}"' in xmp and f'pdf:Keywords="{info["/Keywords"]}"' in xmp
    assert f">{info['/Title']}</rdf:li>" in xmp
    seal = reader.embedded_regular_signatures[0]
    assert seal.docmdp_level == MDPPerm.NO_CHANGES
    assert reader.root["/Perms"]["/DocMDP"].get_object() == seal.sig_object  # a certification signature
    widget = seal.sig_field
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    page = widget["/P"].get_object()
    _, _, width, height = (float(v) for v in page["/MediaBox"])
    assert 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height and (x2 - x1) > 150 and (y2 - y1) > 40
    assert int(widget["/F"]) & 4  # printed, as PDF/A requires
    kids = [ref.get_object() for ref in reader.root["/Pages"]["/Kids"]]
    number = next(i for i, kid in enumerate(kids, start=1) if kid == page)
    page_text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-", "-"], input=data,
                               capture_output=True).stdout.decode()
    assert "Ditandatangani secara elektronik" in page_text  # the stamp sits on the signature page
    appearance = widget["/AP"]["/N"].get_object()
    fonts = appearance["/Resources"]["/Font"]
    assert all("/FontFile2" in _descriptor(f) for f in fonts.values())  # the stamp's font is embedded
    stamp_text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True).stdout.decode()
    assert "SEGEL ELEKTRONIK" in stamp_text and "WITA" in stamp_text
    assert f"/verifikasi/{agreement.verification_code}" in stamp_text.replace(" ", "").replace("\n", "")


def _descriptor(font) -> dict:
    font = font.get_object()
    descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
    return descendant["/FontDescriptor"].get_object()


def test_sealing_keeps_the_documents_immutable(app):
    agreement = make_completed()
    assert [d.kind for d in documents.final_versions(agreement.id)] == ["final"]
    db.session.commit()
