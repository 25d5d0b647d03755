"""Data-subject requests under UU 27/2022: export, withdrawal of consent, anonymisation and retention."""
from flask import Blueprint

bp = Blueprint("privacy", __name__, url_prefix="/privasi")
