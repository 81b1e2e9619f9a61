"""Serve the review app with waitress (a production WSGI server, threads, pure Python)."""

from __future__ import annotations

import ipaddress

from flask import Flask
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

THREADS = 8


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and `localhost`."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_server(app: Flask, host: str, port: int) -> BaseWSGIServer | MultiSocketServer:
    """A server bound to `host:port` (port 0: a free one, see `.effective_port`); `.run()` serves."""
    return create_server(app, host=host, port=port, threads=THREADS, ident="extract-review")
