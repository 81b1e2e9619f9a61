"""Request guards: CSRF tokens on every form post, an access token when bound beyond loopback, and a
Host check against DNS rebinding while bound to loopback."""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, Response, abort, request, session

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def csrf_token() -> str:
    """This browser session's CSRF token (made on first use)."""
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return str(session[CSRF_FIELD])


def _same(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(str(given), str(expected))


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
"""Sent with every answer: only this site's scripts, no framing, no type sniffing."""


def install_guards(app: Flask, *, access_token: str | None, loopback_only: bool) -> None:
    """Check every request: Host (loopback binding), access token (remote binding), CSRF (posts); send
    `SECURITY_HEADERS` with every answer."""

    @app.before_request
    def _guard() -> None:
        if loopback_only and request.host.rsplit(":", 1)[0] not in LOOPBACK_HOSTS:
            abort(400, "unexpected Host header: open the review app as http://127.0.0.1")
        if access_token:
            if _same(request.args.get("token"), access_token):
                session["access"] = True
            elif not session.get("access"):
                abort(401, "this review server needs its access token: open the URL printed when it started")
        if request.method not in SAFE_METHODS:
            given = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
            if not _same(given, session.get(CSRF_FIELD)):
                abort(403, "missing or invalid CSRF token: reload the page and try again")

    app.jinja_env.globals["csrf_token"] = csrf_token

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.update(SECURITY_HEADERS)
        return response
