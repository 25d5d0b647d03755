"""Covering indexes for report queries on other features' tables (reports own no tables).

The dashboard aggregates hiring requests by submission time and placements by start date; these
indexes hold every column those aggregates read, so the database answers from the index alone.
"""
from sqlalchemy import Index

from bontang.hiring.models import HiringRequest, Placement

Index("ix_report_hiring_request_submitted", HiringRequest.submitted_at, HiringRequest.company_id, HiringRequest.status,
      HiringRequest.positions, HiringRequest.planned_local_percent, HiringRequest.first_proposed_at,
      HiringRequest.filled_at)
Index("ix_report_placement_start", Placement.start_date, Placement.company_id, Placement.is_local)
