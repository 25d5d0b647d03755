"""Companies, users and one-time tokens."""
from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bontang.core import TimestampMixin, str_enum, utcnow
from bontang.extensions import db


class Role(str, enum.Enum):
    ADMIN = "admin"
    STAFF = "staff"
    OFFICIAL = "official"
    COMPANY_REP = "company_rep"
    COMPANY_HR = "company_hr"
    TRAINER = "trainer"


class Office(str, enum.Enum):
    """The office an official account holds: only its holder signs that party of an MoU."""

    KEPALA_DINAS = "kepala_dinas"
    WAKIL_WALI_KOTA = "wakil_wali_kota"
    WALI_KOTA = "wali_kota"


DISNAKER_ROLES = frozenset({Role.ADMIN, Role.STAFF})
COMPANY_ROLES = frozenset({Role.COMPANY_REP, Role.COMPANY_HR})


class CompanyCategory(str, enum.Enum):
    INDUSTRY = "industri"
    BUSINESS = "usaha"
    PRIVATE_HOSPITAL = "rumah_sakit_swasta"


class Company(TimestampMixin, db.Model):
    __tablename__ = "company"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    legal_form: Mapped[str] = mapped_column(String(40))
    nib: Mapped[str] = mapped_column(String(13), unique=True)
    npwp: Mapped[str] = mapped_column(String(20), default="")
    kbli: Mapped[str] = mapped_column(String(5), default="")
    sector: Mapped[str] = mapped_column(String(120), default="")
    category: Mapped[CompanyCategory] = mapped_column(
        str_enum(CompanyCategory, 30),
        index=True,
    )
    address: Mapped[str] = mapped_column(Text, default="")
    kelurahan: Mapped[str] = mapped_column(String(60), default="")
    headcount_local: Mapped[int] = mapped_column(Integer, default=0)
    headcount_nonlocal: Mapped[int] = mapped_column(Integer, default=0)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    users: Mapped[list["User"]] = relationship(back_populates="company", order_by="User.name")

    @property
    def local_share(self) -> float | None:
        """Share of current workers holding a Bontang KTP, as a percentage."""
        total = self.headcount_local + self.headcount_nonlocal
        return None if total == 0 else round(100 * self.headcount_local / total, 1)


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[Role] = mapped_column(
        str_enum(Role, 20),
        index=True,
    )
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"), index=True)
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("training_institution.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str | None] = mapped_column(String(5))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Changes on password change or deactivation so that old sessions stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    # Officials only: the office held (an Office value), set by the administrator; "" for none.
    office: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # The last change of the sign-in credentials made by someone else (e-mail changed by
    # Disnaker, password set through a reset link, reactivation) and who made it: signing is
    # held for a cooling-off period after it, unless the user confirms with a passkey.
    credentials_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    credentials_changed_by: Mapped[str] = mapped_column(String(300), default="", server_default="")
    credentials_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)

    company: Mapped[Company | None] = relationship(back_populates="users")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_disnaker(self) -> bool:
        return self.role in DISNAKER_ROLES

    @property
    def is_company(self) -> bool:
        return self.role in COMPANY_ROLES

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles


class TokenPurpose(str, enum.Enum):
    INVITE = "invite"
    RESET = "reset"


class UserToken(db.Model):
    """A one-time link (invitation or password reset); only its hash is stored."""

    __tablename__ = "user_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    purpose: Mapped[TokenPurpose] = mapped_column(
        str_enum(TokenPurpose, 10)
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship()
