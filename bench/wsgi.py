"""What the page benchmark serves under gunicorn: the app as in production, plus a bare Flask hello-world
at /bare-hello in the same processes, so both are measured in the same run on the same server."""
from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from bontang import create_app, settle_for_serving

app = create_app()
bare = Flask("bare")


@bare.route("/")
def hello():
    return "Hello, World!"


app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/bare-hello": bare})
settle_for_serving()
