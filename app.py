"""WSGI entry point: `gunicorn app:app` and `flask --app app ...`."""
from bontang import create_app

app = create_app()
