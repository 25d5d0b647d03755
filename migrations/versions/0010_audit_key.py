"""audit chain keyed with AUDIT_KEY

Existing events were chained with plain SHA-256. The upgrade first verifies that chain (it refuses
to go on if it is broken, so tampering is not laundered into a valid keyed chain), then re-chains
every event with HMAC-SHA256 under AUDIT_KEY and keys the head row.

Revision ID: 0010_audit_key
Revises: 0009_task_queue
"""
import hashlib
import hmac
import json

import sqlalchemy as sa
from alembic import op
from flask import current_app

revision = "0010_audit_key"
down_revision = "0009_task_queue"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
EVENTS = sa.table(
    "audit_event", sa.column("id", sa.Integer), sa.column("seq", sa.Integer), sa.column("created_at", sa.DateTime),
    sa.column("actor_id", sa.Integer), sa.column("actor_label", sa.String), sa.column("action", sa.String),
    sa.column("object_type", sa.String), sa.column("object_id", sa.String), sa.column("company_id", sa.Integer),
    sa.column("ip", sa.String), sa.column("user_agent", sa.Text), sa.column("details", sa.JSON),
    sa.column("prev_hash", sa.String), sa.column("hash", sa.String))
HEAD = sa.table("audit_head", sa.column("id", sa.Integer), sa.column("seq", sa.Integer),
                sa.column("last_hash", sa.String), sa.column("head_mac", sa.String))


def _payload(row) -> str:
    return json.dumps({"seq": row.seq, "created_at": row.created_at.isoformat(timespec="microseconds"),
                       "actor_id": row.actor_id, "actor_label": row.actor_label, "action": row.action,
                       "object_type": row.object_type, "object_id": row.object_id, "company_id": row.company_id,
                       "ip": row.ip, "user_agent": row.user_agent, "details": row.details},
                      sort_keys=True, ensure_ascii=False, default=str)


def _batches(conn):
    last_seq = 0
    while rows := conn.execute(sa.select(EVENTS).where(EVENTS.c.seq > last_seq).order_by(EVENTS.c.seq)
                               .limit(5000)).all():
        yield rows
        last_seq = rows[-1].seq


def _verify_plain(conn) -> None:
    prev = GENESIS
    for rows in _batches(conn):
        for row in rows:
            if row.prev_hash != prev or hashlib.sha256((prev + _payload(row)).encode()).hexdigest() != row.hash:
                raise RuntimeError(f"audit chain broken at seq={row.seq}; not re-keyed (restore a backup first)")
            prev = row.hash


def upgrade():
    conn = op.get_bind()
    _verify_plain(conn)  # before any change, so a refused upgrade leaves the database as it was
    with op.batch_alter_table("audit_head", schema=None) as batch_op:
        batch_op.add_column(sa.Column("head_mac", sa.String(length=64), server_default="", nullable=False))
    key = current_app.config["AUDIT_KEY"].encode()
    prev, last_seq = GENESIS, 0
    for rows in _batches(conn):
        updates = []
        for row in rows:
            keyed = hmac.new(key, (prev + _payload(row)).encode(), hashlib.sha256).hexdigest()
            updates.append({"row_id": row.id, "new_prev": prev, "new_hash": keyed})
            prev, last_seq = keyed, row.seq
        conn.execute(EVENTS.update().where(EVENTS.c.id == sa.bindparam("row_id"))
                     .values(prev_hash=sa.bindparam("new_prev"), hash=sa.bindparam("new_hash")), updates)
    head_mac = hmac.new(key, f"head:{last_seq}:{prev}".encode(), hashlib.sha256).hexdigest()
    conn.execute(HEAD.update().where(HEAD.c.id == 1).values(seq=last_seq, last_hash=prev, head_mac=head_mac))


def downgrade():
    with op.batch_alter_table("audit_head", schema=None) as batch_op:
        batch_op.drop_column("head_mac")
