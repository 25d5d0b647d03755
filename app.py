"""WSGI entry point: `gunicorn app:app` and `flask --app app ...`."""
from bontang import create_app, settle_for_serving

app = create_app()
settle_for_serving()
