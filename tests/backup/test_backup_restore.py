"""Backup -> restore into a fresh database -> audit chain, every document hash and every row count verify,
on the engine the suite runs on (SQLite here, PostgreSQL in CI's second run). Refusals: a non-empty
database, one changed byte, a missing checksum, another installation's AUDIT_KEY."""
from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import func, inspect, select

from bontang import audit
from bontang.backup import archive
from bontang.backup.errors import BackupError
from bontang.extensions import db
from bontang.mou.models import Document, Signature
from tests.mou.factories import make_completed, make_signed


def _backup(runner, backup_dir: Path) -> Path:
    result = runner.invoke(args=["backup", "--dir", str(backup_dir)])
    assert result.exit_code == 0, result.output
    assert "Backup written" in result.output
    (path,) = sorted(backup_dir.glob("bontang-*.tar"))
    return path


def _row_counts() -> dict[str, int]:
    with db.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        return {name: conn.scalar(select(func.count()).select_from(db.table(name))) for name in names}


def _restore(fresh_app, path: Path):
    with fresh_app.app_context():  # the command runs in the current app context, else the suite's app
        return fresh_app.test_cli_runner().invoke(args=["restore", str(path)])


def test_a_backup_restores_into_a_fresh_database_and_everything_verifies(app, runner, fresh_app, backup_dir):
    completed = {make_completed().id, make_completed().id}
    make_signed()
    documents = {d.id: hashlib.sha256(d.bytes).hexdigest() for d in db.session.scalars(select(Document))}
    assert len(documents) == 2
    counts, head = _row_counts(), audit.chain_head()

    path = _backup(runner, backup_dir)
    assert path.with_name(path.name + ".sha256").read_text().split()[0] == archive.file_sha256(path)

    result = _restore(fresh_app, path)
    assert result.exit_code == 0, result.output
    assert "Restored and verified" in result.output
    with fresh_app.app_context():
        assert _row_counts() == counts
        assert audit.chain_head() == head
        check = audit.verify_chain()
        assert check.intact and check.checked == head[0], check.problem
        restored = {d.id: (d.sha256, hashlib.sha256(d.bytes).hexdigest()) for d in db.session.scalars(select(Document))}
        assert restored == {doc_id: (digest, digest) for doc_id, digest in documents.items()}
        assert db.session.scalar(select(func.count(Signature.id))) == 5  # two completed with 2 each, one signed
        assert completed == {d.agreement_id for d in db.session.scalars(select(Document))}


def test_restore_refuses_a_database_that_holds_tables(app, runner, backup_dir):
    make_completed()
    path = _backup(runner, backup_dir)
    before = _row_counts()
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code == 1
    assert "restore only into an empty database" in result.output
    assert _row_counts() == before


def _flipped(path: Path, offset: int, target: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def test_one_changed_byte_anywhere_is_refused_and_nothing_is_restored(app, runner, fresh_app, backup_dir, tmp_path):
    make_completed()
    path = _backup(runner, backup_dir)
    size, sidecar = path.stat().st_size, path.with_name(path.name + ".sha256").read_text()
    for n, offset in enumerate((100, 700, size // 2, size - 1030, size - 1)):  # header, manifest, database, padding
        changed = _flipped(path, offset, tmp_path / f"changed{n}.tar")
        changed.with_name(changed.name + ".sha256").write_text(sidecar.replace(path.name, changed.name))
        result = _restore(fresh_app, changed)
        assert result.exit_code == 1, (offset, result.output)
        assert "does not match its SHA-256" in result.output
    with fresh_app.app_context():
        assert inspect(db.engine).get_table_names() == []


def test_a_changed_database_with_a_recomputed_archive_checksum_is_refused(app, runner, fresh_app, backup_dir, tmp_path):
    make_completed()
    path = _backup(runner, backup_dir)
    changed = _flipped(path, path.stat().st_size // 2, tmp_path / "forged.tar")
    changed.with_name("forged.tar.sha256").write_text(f"{archive.file_sha256(changed)}  forged.tar\n")
    result = _restore(fresh_app, changed)
    assert result.exit_code == 1
    assert "does not match the SHA-256 in its manifest" in result.output
    with fresh_app.app_context():
        assert inspect(db.engine).get_table_names() == []


def test_an_archive_without_its_checksum_file_is_not_restored(app, runner, fresh_app, backup_dir):
    make_completed()
    path = _backup(runner, backup_dir)
    path.with_name(path.name + ".sha256").unlink()
    result = _restore(fresh_app, path)
    assert result.exit_code == 1
    assert ".sha256 is missing" in result.output


def test_restore_with_another_audit_key_is_refused_before_anything_is_written(app, runner, fresh_app, backup_dir):
    make_completed()
    path = _backup(runner, backup_dir)
    fresh_app.config["AUDIT_KEY"] = "another-installation"
    result = _restore(fresh_app, path)
    assert result.exit_code == 1
    assert "AUDIT_KEY is not the key" in result.output
    with fresh_app.app_context():
        assert inspect(db.engine).get_table_names() == []


def test_a_restore_that_does_not_verify_is_undone(app, runner, fresh_app, backup_dir, tmp_path):
    """A backup whose manifest (consistently re-checksummed) disagrees with its data: restored, checked, emptied again."""
    import io
    import json
    import tarfile

    make_completed()
    path = _backup(runner, backup_dir)
    with tarfile.open(path) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        member = manifest["database_file"]["name"]
        dump = tar.extractfile(member).read()
    manifest["documents"][0]["sha256"] = "0" * 64
    forged = tmp_path / "forged.tar"
    with tarfile.open(forged, "w") as tar:
        for name, body in (("manifest.json", json.dumps(manifest).encode()), (member, dump)):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    forged.with_name("forged.tar.sha256").write_text(f"{archive.file_sha256(forged)}  forged.tar\n")
    result = _restore(fresh_app, forged)
    assert result.exit_code == 1
    assert "does not match the backup, so it was emptied again" in result.output
    assert "the manifest says 0000" in result.output
    with fresh_app.app_context():
        assert inspect(db.engine).get_table_names() == []


def test_create_backup_names_what_it_holds(app, backup_dir):
    make_completed()
    backup = archive.create_backup()
    m = backup.manifest
    assert m["engine"] == db.engine.dialect.name
    assert m["tables"]["document"] == 1 and m["tables"]["audit_event"] == audit.chain_head()[0]
    assert m["audit_head"] == {"seq": audit.chain_head()[0], "hash": audit.chain_head()[1]}
    assert [d["matches_record"] for d in m["documents"]] == [True]
    assert backup.path.parent == backup_dir
    assert not [p for p in backup_dir.iterdir() if p.name.startswith(".")]  # no work files left


def test_backup_error_type_is_what_the_cli_reports(app, runner, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    result = runner.invoke(args=["backup", "--dir", str(blocker / "sub")])
    assert result.exit_code == 1
    assert "cannot write the backup" in result.output
    assert issubclass(BackupError, Exception)
