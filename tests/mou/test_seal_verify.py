"""The public verification page validates an uploaded PDF's seal with pyHanko, in a bounded child process."""
from __future__ import annotations

import io
import re
import time

from bontang.extensions import db
from bontang.mou import documents
from bontang.mou.models import Document
from tests.mou.factories import make_completed


def _upload(client, agreement, data: bytes, name: str = "mou.pdf", htmx: bool = True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/verifikasi/{agreement.verification_code}", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", headers=headers)


def _verdict(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def test_a_byte_identical_copy_is_stored_and_valid(client):
    agreement = make_completed()
    response = _upload(client, agreement, documents.final_document(agreement.id).bytes)
    text = _verdict(response)
    assert response.status_code == 200 and "<html" not in response.get_data(as_text=True)
    assert "Sah dan tersimpan" in text and "Cocok." in text
    assert "Segel utuh" in text and "mencakup seluruh berkas" in text and "sertifikat Disnaker" in text
    assert "cap waktu TSA" in text and "WITA" in text and "PAdES B-LTA): lolos" in text


def test_one_changed_byte_breaks_the_seal(client):
    agreement = make_completed()
    data = bytearray(documents.final_document(agreement.id).bytes)
    seal_range = re.search(rb"/ByteRange ?\[0 (\d+)", data)
    data[int(seal_range.group(1)) // 2] ^= 0x01  # inside the sealed content stream bytes
    text = _verdict(_upload(client, agreement, bytes(data)))
    assert "Segel rusak" in text and "Tidak cocok." in text and "Sah dan tersimpan" not in text


def test_a_validly_sealed_pdf_that_is_not_this_one_is_said_plainly(client):
    first, second = make_completed(), make_completed()
    text = _verdict(_upload(client, first, documents.final_document(second.id).bytes))
    assert "Segel Disnaker sah, tetapi berkas ini BUKAN salinan MoU yang tersimpan" in text
    assert "Tidak cocok." in text


def test_an_unsealed_pdf_and_a_foreign_signature(client, app):
    from bontang.pdf import render_pdf

    agreement = make_completed()
    text = _verdict(_upload(client, agreement, render_pdf("<p>tanpa segel</p>")))
    assert "tidak memiliki segel elektronik" in text


def test_a_non_pdf_and_a_50_mb_file_get_a_clear_message_quickly(client):
    agreement = make_completed()
    started = time.monotonic()
    not_pdf = _upload(client, agreement, b"GIF89a bukan pdf", name="foto.pdf")
    assert not_pdf.status_code == 422 and "Berkas ini bukan PDF." in _verdict(not_pdf)
    huge = _upload(client, agreement, b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024), name="besar.pdf")
    assert huge.status_code == 422 and "Berkas terlalu besar (maksimal 10 MB)." in _verdict(huge)
    assert time.monotonic() - started < 2


def test_a_broken_pdf_gets_an_answer_not_a_crash(client):
    agreement = make_completed()
    data = documents.final_document(agreement.id).bytes
    response = _upload(client, agreement, data[: len(data) // 3])
    text = _verdict(response)
    assert response.status_code == 200
    assert "tidak dapat dibaca" in text or "Segel rusak" in text or "tidak sah" in text


def test_a_plain_form_post_gets_the_full_page(client):
    agreement = make_completed()
    response = _upload(client, agreement, documents.final_document(agreement.id).bytes, htmx=False)
    assert response.status_code == 200 and "<html" in response.get_data(as_text=True)
    assert "Sah dan tersimpan" in _verdict(response)
    assert db.session.query(Document).count() == 1  # checking writes nothing


def test_root_certificate_and_chain_are_published_at_stable_urls(client):
    make_completed()
    pem = client.get("/.well-known/bontang/disnaker-root.pem")
    der = client.get("/.well-known/bontang/disnaker-root.cer")
    chain = client.get("/.well-known/bontang/disnaker-chain.pem")
    assert pem.status_code == der.status_code == chain.status_code == 200
    assert der.mimetype == "application/pkix-cert" and der.data[:1] == b"\x30"
    assert chain.data.count(b"BEGIN CERTIFICATE") == 2 and chain.data.endswith(pem.data)


def test_the_trust_page_shows_the_fingerprint_and_speaks_english(client):
    from cryptography.hazmat.primitives import hashes

    from bontang.mou import sealing

    make_completed()
    page = client.get("/verifikasi/sertifikat").get_data(as_text=True)
    assert sealing.identity().root.fingerprint(hashes.SHA256()).hex(":").upper() in page
    client.post("/bahasa", data={"locale": "en"})
    english = client.get("/verifikasi/sertifikat").get_data(as_text=True)
    assert ("Disnaker's root certificate" in english or "Disnaker&#39;s root certificate" in english) and "Trusted Certificates → Import" in english


def test_a_pdf_signed_with_someone_elses_certificate_is_not_disnakers(client, tmp_path):
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import NoEncryption, pkcs12
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from bontang.pdf import render_pdf
    from tests.mou.test_sealing import _cert

    agreement = make_completed()
    key = ec.generate_private_key(ec.SECP256R1())
    forged = pkcs12.serialize_key_and_certificates(b"x", key, _cert("Disnaker Bontang (palsu)", key), None,
                                                   NoEncryption())
    signer = signers.SimpleSigner.load_pkcs12_data(forged, other_certs=[], passphrase=None)
    meta = signers.PdfSignatureMetadata(field_name="Segel", subfilter=fields.SigSeedSubFilter.PADES)
    data = signers.PdfSigner(meta, signer=signer).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(render_pdf("<p>palsu</p>")))).getvalue()
    text = _verdict(_upload(client, agreement, data))
    assert "bukan sertifikat Disnaker" in text and "Disnaker Bontang (palsu)" in text
    assert "Segel tidak sah untuk MoU Disnaker." in text
