"""Indonesian names of the statuses that reports count, in the order reports show them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from bontang.hiring.models import HiringStatus
from bontang.mou.models import AgreementStatus

NOT_INVITED = "not_invited"

MOU_LABELS = {
    AgreementStatus.COMPLETED.value: _l("Selesai (kedua pihak)"),
    AgreementStatus.SIGNED_BY_COMPANY.value: _l("Ditandatangani perusahaan"),
    AgreementStatus.VIEWED.value: _l("Dibuka"),
    AgreementStatus.INVITED.value: _l("Diundang"),
    AgreementStatus.DRAFT.value: _l("Draf"),
    AgreementStatus.DECLINED.value: _l("Ditolak"),
    AgreementStatus.REVOKED.value: _l("Dicabut"),
    NOT_INVITED: _l("Belum diundang"),
}

# Colours by meaning (white text on each is at least 4.5:1): waiting states neutral, done green,
# refused red, to act on (not invited yet) amber.
MOU_COLORS = {
    AgreementStatus.COMPLETED.value: "#0b5d4b", AgreementStatus.SIGNED_BY_COMPANY.value: "#1f5fa8",
    AgreementStatus.VIEWED.value: "#1f7a70", AgreementStatus.INVITED.value: "#4f5b57",
    AgreementStatus.DRAFT.value: "#6b4fa0", AgreementStatus.DECLINED.value: "#a4161a",
    AgreementStatus.REVOKED.value: "#a94a12", NOT_INVITED: "#9a6700",
}

HIRING_LABELS = {
    HiringStatus.SUBMITTED.value: _l("Diajukan"),
    HiringStatus.RESUBMITTED.value: _l("Diajukan ulang"),
    HiringStatus.RETURNED.value: _l("Dikembalikan"),
    HiringStatus.VERIFIED.value: _l("Terverifikasi"),
    HiringStatus.CANDIDATES_PROPOSED.value: _l("Kandidat diusulkan"),
    HiringStatus.PARTLY_FILLED.value: _l("Terisi sebagian"),
    HiringStatus.FILLED.value: _l("Terisi penuh"),
    HiringStatus.REJECTED.value: _l("Ditolak"),
    HiringStatus.CANCELLED.value: _l("Dibatalkan"),
    HiringStatus.EXPIRED.value: _l("Kedaluwarsa"),
    HiringStatus.DRAFT.value: _l("Draf"),
}

OPEN_HIRING = (HiringStatus.VERIFIED, HiringStatus.CANDIDATES_PROPOSED, HiringStatus.PARTLY_FILLED)


def value_of(status) -> str:
    """The plain string value of an enum member or a string."""
    return getattr(status, "value", status)
