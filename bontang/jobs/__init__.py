"""Background work a person waits for: progress pages that poll, summaries, downloads, retries."""
from flask import Blueprint

bp = Blueprint("jobs", __name__)
