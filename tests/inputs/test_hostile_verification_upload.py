"""The public verification upload, fed hostile files: never a 500, always an answer, nothing written."""
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bontang.extensions import limiter
from tests.inputs import hostile_files as hostile
from tests.inputs.test_hostile_forms import _snapshot
from tests.mou.factories import make_completed

FILES = st.one_of(
    st.binary(max_size=4096),
    st.binary(max_size=2048).map(lambda b: b"%PDF-1.7\n" + b),
    st.sampled_from([b"%PDF-", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Length 99999999999999999999>>stream\n",
                     b"\x00" * 1024, "%PDF-ñ\u202e".encode()]),
    st.sampled_from(["doctype", "truncated_zip", "not_a_zip"]).map(lambda n: hostile.XLSX_FILES[n]()),
)
NAMES = st.sampled_from(["dokumen.pdf", "", "a" * 300 + ".pdf", "..\\..\\etc\\passwd", "x\x00.pdf", "berkas.xlsx"])


def test_hostile_verification_uploads_never_fail(client):
    limiter.enabled = False
    code = make_completed().verification_code
    client.get(f"/verifikasi/{code}")  # seals the final PDF once, before the snapshot
    before = _snapshot()

    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(data=FILES, filename=NAMES)
    def upload(data, filename):
        response = client.post(f"/verifikasi/{code}", content_type="multipart/form-data",
                               data={"file": (io.BytesIO(data), filename)})
        assert response.status_code in (200, 422), response.status_code
        assert 'class="flash flash--error" role="alert"' in response.get_data(as_text=True)  # refused or "Tidak cocok"
        assert _snapshot() == before

    try:
        upload()
    finally:
        limiter.enabled = True
