"""One HTTP request to the gateway under test, on a fresh connection."""

from __future__ import annotations

import http.client
import ssl

from tests.support.processes import GatewayProcess


def request(
    gw: GatewayProcess,
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    tls: ssl.SSLContext | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """With `tls`, over HTTPS to `localhost` (the name the test certificates carry)."""
    conn = (
        http.client.HTTPSConnection("localhost", gw.port, context=tls, timeout=60)
        if tls is not None
        else http.client.HTTPConnection("127.0.0.1", gw.port, timeout=60)
    )
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()
