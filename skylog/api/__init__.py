"""HTTP API and web page (FastAPI): ``create_app(store)``; ``skylog serve`` runs it."""

from skylog.api.app import create_app

__all__ = ["create_app"]
