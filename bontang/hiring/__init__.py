from flask import Blueprint

bp = Blueprint("hiring", __name__)
