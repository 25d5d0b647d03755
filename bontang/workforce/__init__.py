"""Workforce reports (wajib lapor ketenagakerjaan): each company's whole workforce every semester, against 75% local."""
from flask import Blueprint

bp = Blueprint("workforce", __name__)
