"""Reference lists shared by several features (kelurahan, company categories, legal forms)."""
from flask_babel import lazy_gettext as _l

KELURAHAN = (
    "Api-Api", "Bontang Baru", "Bontang Kuala", "Guntung", "Gunung Elai", "Loktuan",
    "Berbas Pantai", "Berbas Tengah", "Bontang Lestari", "Satimpo", "Tanjung Laut", "Tanjung Laut Indah",
    "Belimbing", "Gunung Telihan", "Kanaan",
)

COMPANY_CATEGORIES = (
    ("industri", _l("Industri")),
    ("usaha", _l("Pelaku usaha")),
    ("rumah_sakit_swasta", _l("Rumah sakit swasta")),
)

LEGAL_FORMS = ("PT", "PT (Persero)", "CV", "Koperasi", "Yayasan", "Perorangan", "Firma")
