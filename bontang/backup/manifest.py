"""What a backup holds, read from its own snapshot, and the checks a restored database must pass.

The manifest names the time, schema revision, row count of every table, the SHA-256 of every stored
document (computed from its bytes), and the audit chain's head; restore compares the restored
database with it, then walks the keyed audit chain.
"""
from __future__ import annotations

import hashlib

from flask import current_app
from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.engine import Connection

from bontang import audit
from bontang.audit import GENESIS
from bontang.core import utcnow

FORMAT = "bontang-backup/1"
KEY_CHECK = "bontang-backup-key-check"


def key_fingerprint() -> str:
    """An HMAC of a fixed text under AUDIT_KEY: shows whether two installations share the key, reveals nothing of it."""
    return audit.mac(KEY_CHECK)


def gather(conn: Connection) -> dict:
    """The manifest of the database as `conn` sees it (one snapshot)."""
    tables = sorted(inspect(conn).get_table_names())
    head = (conn.execute(text("SELECT seq, last_hash FROM audit_head WHERE id = 1")).first()
            if "audit_head" in tables else None)
    return {
        "format": FORMAT,
        "created_at": utcnow().isoformat(timespec="seconds") + "Z",
        "engine": conn.dialect.name,
        "schema_revision": _revision(conn, tables),
        "tables": {name: conn.scalar(select(func.count()).select_from(table(name))) for name in tables},
        "documents": _documents(conn) if "document" in tables else [],
        "audit_head": {"seq": head.seq, "hash": head.last_hash} if head else {"seq": 0, "hash": GENESIS},
        "audit_key_check": key_fingerprint(),
    }


def _revision(conn: Connection, tables: list[str]) -> str | None:
    if "alembic_version" not in tables:
        return None
    return ",".join(sorted(conn.scalars(text("SELECT version_num FROM alembic_version")))) or None


def _documents(conn: Connection) -> list[dict]:
    """Every stored document with the SHA-256 of its bytes as they are now (and whether that is its recorded hash)."""
    rows = conn.execution_options(stream_results=True, yield_per=20).execute(
        text("SELECT id, agreement_id, kind, sha256, bytes FROM document ORDER BY id"))
    documents = []
    for row in rows:
        digest = hashlib.sha256(bytes(row.bytes)).hexdigest()
        documents.append({"id": row.id, "agreement_id": row.agreement_id, "kind": row.kind, "sha256": digest,
                          "size": len(row.bytes), "matches_record": digest == row.sha256})
    return documents


def verify_restored(manifest: dict, conn: Connection) -> list[str]:
    """What differs between the restored database and its manifest, and whether the audit chain verifies."""
    problems = []
    if manifest.get("audit_key_check") != key_fingerprint():
        return ["AUDIT_KEY is not the key of the installation that made this backup: the audit chain cannot verify "
                "(set the same AUDIT_KEY, kept outside the database, and restore again)"]
    restored = gather(conn)
    for name, count in manifest["tables"].items():
        if restored["tables"].get(name) != count:
            problems.append(f"table {name}: {restored['tables'].get(name)} rows, the manifest says {count}")
    if extra := sorted(set(restored["tables"]) - set(manifest["tables"])):
        problems.append(f"tables not in the manifest: {', '.join(extra)}")
    expected = {doc["id"]: doc["sha256"] for doc in manifest["documents"]}
    found = {doc["id"]: doc["sha256"] for doc in restored["documents"]}
    for doc_id, digest in expected.items():
        if found.get(doc_id) != digest:
            problems.append(f"document {doc_id}: SHA-256 {found.get(doc_id) or 'missing'}, the manifest says {digest}")
    if restored["audit_head"] != manifest["audit_head"]:
        problems.append(f"audit head {restored['audit_head']}, the manifest says {manifest['audit_head']}")
    return problems


def verify_chain() -> str | None:
    """The audit chain of the database the app is bound to, walked with bontang.audit.verify_chain."""
    check = audit.verify_chain()
    return None if check.intact else f"audit chain broken: {check.problem}"


def app_head_revision() -> str | None:
    """The newest migration this code knows (to tell the operator to upgrade after restoring an older backup)."""
    from alembic.script import ScriptDirectory

    migrate = current_app.extensions["migrate"]
    script = ScriptDirectory.from_config(migrate.migrate.get_config(migrate.directory))
    return ",".join(sorted(script.get_heads())) or None
