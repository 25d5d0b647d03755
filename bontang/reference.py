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


# --- English names of reference data -------------------------------------------------------------
# Stored labels stay Indonesian (they are what Disnaker types and imports); English pages show the
# English name when one is known, through `reference_label` (the Jinja filter `ref`). Keys are the
# stable code where the data has one (skills, schemes, funding, education), else the Indonesian label.

EN_LABELS: dict[str, dict[str, str]] = {
    "skill": {
        "PK-OPR": "Petrochemical plant operation", "PK-PNL": "DCS panel operator",
        "PK-LAB": "Process laboratory analysis", "PK-PUP": "Urea and ammonia unit operation",
        "PK-UTL": "Utilities operation (boiler, cooling tower)", "PK-LNG": "LNG plant operation",
        "LS-SMAW": "SMAW welding", "LS-GTAW": "GTAW (TIG) welding", "LS-FCAW": "FCAW welding",
        "LS-PIPE": "6G pipe welding", "LS-FAB": "Steel fabrication and technical drawing",
        "K3-UMM": "General occupational safety and health (OSH)", "K3-KON": "Construction OSH",
        "K3-RUT": "Confined-space work", "K3-KTG": "Working at height", "K3-FIR": "Fire fighting",
        "K3-P3K": "First aid", "EL-INS": "Industrial electrical installation", "EL-PLC": "PLC programming",
        "EL-MTR": "Electric motor maintenance", "EL-INST": "Instrumentation and calibration",
        "AB-EXC": "Excavator operator", "AB-FKL": "Forklift operator", "AB-CRN": "Crane operator",
        "AB-RIG": "Rigging and signalling", "AB-MEK": "Heavy equipment mechanic",
        "MK-PMP": "Pump and compressor maintenance", "MK-BUB": "Lathe and milling",
        "HT-FO": "Hotel front office", "HT-HK": "Housekeeping", "HT-FB": "Food and beverage service",
        "HT-MSK": "Commercial cookery", "KS-PRW": "Nursing assistant", "KS-CG": "Elderly caregiver",
        "KS-ADM": "Medical records and hospital administration", "KS-STR": "Medical instrument sterilisation",
        "AD-OFF": "Office administration", "AD-AKT": "Basic accounting and taxation",
        "AD-TIK": "Office software (spreadsheets)", "AD-GDG": "Warehouse and logistics administration",
        "SF-KOM": "Effective communication", "SF-TIM": "Teamwork", "SF-DSP": "Discipline and work ethic",
        "SF-PMS": "Problem solving", "SF-LAY": "Customer service", "SF-BIG": "English for work",
        "LF-KEU": "Financial literacy", "LF-DIG": "Digital literacy", "LF-WKT": "Time management",
        "LF-SHT": "Health and fitness at work",
    },
    "skill_area": {
        "Petrokimia": "Petrochemicals", "Pupuk": "Fertiliser", "Gas alam cair": "Liquefied natural gas",
        "Pengelasan": "Welding", "K3": "Occupational safety and health", "Kelistrikan": "Electrical",
        "Alat berat": "Heavy equipment", "Mekanikal": "Mechanical", "Perhotelan": "Hospitality",
        "Kesehatan": "Health care", "Administrasi": "Administration", "Umum": "General",
    },
    "scheme": {
        "SKM-LAS-SMAW-3G": "SMAW Welder, 3G Position", "SKM-LAS-PIPA-6G": "6G Pipe Welder",
        "SKM-OPR-PROSES": "Chemical Industry Process Operator", "SKM-OPR-UREA": "Urea Plant Operator",
        "SKM-AK3-UMUM": "General OSH Expert", "SKM-K3-RUT": "Confined-Space OSH Officer",
        "SKM-LIS-IND": "Industrial Electrical Installation Technician", "SKM-INST": "Instrumentation Technician",
        "SKM-AB-EXC": "Excavator Operator", "SKM-AB-FKL": "Forklift Operator", "SKM-RIG": "Rigger Level I",
        "SKM-HTL-FB": "Hotel Waiter", "SKM-HTL-HK": "Room Attendant", "SKM-KES-CG": "Caregiver",
        "SKM-ADM-KTR": "Office Administration Staff",
    },
    "sector": {
        "Petrokimia": "Petrochemicals", "Pupuk": "Fertiliser", "Gas Alam Cair": "Liquefied natural gas",
        "Batu Bara": "Coal", "Konstruksi": "Construction", "Fabrikasi Baja": "Steel fabrication",
        "Jasa Pemeliharaan Pabrik": "Plant maintenance services", "Kelistrikan": "Electricity",
        "Pelabuhan": "Port services", "Amonia": "Ammonia", "Perhotelan": "Hotels", "Ritel": "Retail",
        "Logistik": "Logistics", "Katering": "Catering", "Perbankan": "Banking", "Kuliner": "Food service",
        "Bengkel Alat Berat": "Heavy equipment workshop", "Percetakan": "Printing", "Rumah Sakit": "Hospital",
    },
    "funding": {
        "APBD": "City budget (APBD)", "APBN": "State budget (APBN)", "CSR": "Company CSR",
        "mandiri": "Self-funded",
    },
    "institution_kind": {
        "BLK": "BLK (public vocational training centre)", "LPK": "LPK (private training institution)",
        "LSP": "LSP (professional certification body)",
    },
    "education": {
        "SD": "Primary school (SD)", "SMP": "Junior high school (SMP)", "SMA": "Senior high school (SMA)",
        "SMK": "Vocational high school (SMK)", "D1": "Diploma 1", "D2": "Diploma 2", "D3": "Diploma 3",
        "D4": "Diploma 4 (applied bachelor)", "S1": "Bachelor's degree (S1)", "S2": "Master's degree (S2)",
    },
}


def _english() -> bool:
    from bontang.templating import current_locale  # here: templating imports this module

    return str(current_locale() or "id") == "en"


def _label(value, kind: str, key, english: bool) -> str:
    text = "" if value is None else str(getattr(value, "value", value))
    if not english:
        return text
    lookup = text if key is None else str(getattr(key, "value", key))
    return EN_LABELS.get(kind, {}).get(lookup, text)


def reference_label(value, kind: str, key=None) -> str:
    """`value` (the stored Indonesian label) in the page's language: its English name on English pages
    when the catalog has one for `key` (the code; the value itself when no code is given), else as stored."""
    return _label(value, kind, key, _english())


def page_labels():
    """reference_label for the many values of one page: `label(value, kind, key=None)`, with the page's language
    looked up once and each label worked out once."""
    english, found = _english(), {}

    def label(value, kind: str, key=None) -> str:
        if (kind, value, key) not in found:
            found[kind, value, key] = _label(value, kind, key, english)
        return found[kind, value, key]
    return label


def skill_names(skills, empty: str = "") -> str:
    """A list of skills as text in the page's language ("Welding, First aid" on English pages)."""
    english = _english()
    return ", ".join(_label(skill.name, "skill", skill.code, english) for skill in skills) or empty


def scheme_name(scheme) -> str:
    """A certification scheme's name in the page's language."""
    return reference_label(scheme.name, "scheme", scheme.code) if scheme is not None else ""
