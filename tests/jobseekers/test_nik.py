"""NIK protection helpers."""
from bontang.jobseekers import nik as nik_codec


def test_nik_validation_encryption_and_digest():
    assert nik_codec.is_valid("6474015505990001")  # a woman: day + 40
    assert not nik_codec.is_valid("6474019905990001") and not nik_codec.is_valid("647401150599000")
    assert nik_codec.normalise("6474 0115.0599-0001") == "6474011505990001"
    cipher = nik_codec.encrypt("6474011505990001")
    assert "6474011505990001" not in cipher and nik_codec.decrypt(cipher) == "6474011505990001"
    assert nik_codec.digest("6474011505990001") == nik_codec.digest("6474011505990001")
    assert nik_codec.digest("6474011505990001") != nik_codec.digest("6474011505990002")
    assert nik_codec.protect("6474011505990001")["nik_tail"] == "0001"
