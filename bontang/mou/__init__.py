from flask import Blueprint

bp = Blueprint("mou", __name__)
