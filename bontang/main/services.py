"""What the home page shows for each role."""
from __future__ import annotations

from sqlalchemy import func, select

from bontang.accounts.models import Company, Role, User
from bontang.extensions import db
from bontang.templating import can_open

# Shortcuts offered on the home page per role: (endpoint, label key). Only endpoints that exist
# and that the role may open are shown.
SHORTCUTS = {
    Role.ADMIN: ("reports.dashboard", "mou.index", "hiring.queue", "accounts.companies", "accounts.users", "admin.outbox"),
    Role.STAFF: ("reports.dashboard", "mou.index", "hiring.queue", "graduates.jobseekers", "accounts.companies"),
    Role.OFFICIAL: ("reports.dashboard", "mou.countersign_queue"),
    Role.COMPANY_REP: ("mou.my_agreement", "hiring.index", "graduates.search", "reports.company"),
    Role.COMPANY_HR: ("hiring.index", "graduates.search", "hiring.plans", "reports.company"),
    Role.TRAINER: ("graduates.programmes",),
}


def home_summary(user: User) -> dict:
    """Counts and shortcuts for the user's home page."""
    summary: dict = {"shortcuts": [e for e in SHORTCUTS.get(user.role, ()) if can_open(e)]}
    if user.role in (Role.ADMIN, Role.STAFF, Role.OFFICIAL):
        summary["companies"] = db.session.scalar(select(func.count(Company.id)).where(Company.active))
        summary["users"] = db.session.scalar(select(func.count(User.id)).where(User.active))
    if user.company_id:
        summary["company"] = user.company
    return summary
