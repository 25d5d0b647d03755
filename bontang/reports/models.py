"""Covering indexes for report queries on other features' tables, and the dashboard figures cache.

The dashboard aggregates hiring requests by submission time and placements by start date; these
indexes hold every column those aggregates read, so the database answers from the index alone.
"""
from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bontang.extensions import db
from bontang.hiring.models import HiringRequest, Placement

Index("ix_report_hiring_request_submitted", HiringRequest.submitted_at, HiringRequest.company_id, HiringRequest.status,
      HiringRequest.positions, HiringRequest.planned_local_percent, HiringRequest.first_proposed_at,
      HiringRequest.filled_at)
Index("ix_report_placement_start", Placement.start_date, Placement.company_id, Placement.is_local)


class FiguresGeneration(db.Model):
    """One row whose number moves with every change to the rows the dashboard counts (see reports.cache)."""

    __tablename__ = "report_figures_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class FiguresSnapshot(db.Model):
    """The dashboard figures of one period in one language, as computed at `generation`."""

    __tablename__ = "report_figures_snapshot"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(DateTime)
