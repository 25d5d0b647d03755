from flask import Blueprint

bp = Blueprint("graduates", __name__)
