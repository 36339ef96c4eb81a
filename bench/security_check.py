"""Security self-check (issue 11, Figures), against a running server.

Prints, with a PASS or FAIL verdict on each line:

- per family of addresses (sign-in API, push, page form), the most body bytes
  sent before the server answered 413: for a declared 200 MiB body (the answer
  must come before any of it is sent), and for a chunked body of unknown length
  (the answer must come after about the address's limit; what was sent beyond
  it sat in the sockets' buffers, unread);
- whether one account's lockout affects another: it registers two throwaway
  accounts through the API, makes wrong guesses at the first until it is
  locked, then signs in the second;
- the headers of each kind of answer (page, API, export, static file, error
  page, API error) and the answer to TRACE.

It leaves the first account behind, locked for the cool-off
(AXES_COOLOFF_MINUTES), since erasure needs its password to pass the lockout;
the second is erased. Both are named security-check-…@example.invalid.
Exits 1 when any verdict is FAIL.

Run: .venv/bin/python bench/security_check.py http://127.0.0.1:8000
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import secrets
import select
import socket
import sys
from urllib.parse import urlsplit

KIB = 1024
MIB = 1024 * KIB
DECLARED = 200 * MIB
# Stop sending here: a server that has not answered by then reads on.
SEND_CAP = 16 * MIB
CHUNK = 16 * KIB
HEADERS_WAIT_S = 5.0
# Body families: (name, path, the limit the contract sets).
FAMILIES = [
    ("sign-in API", "/api/v1/auth/login", 64 * KIB),
    ("push", "/api/v1/sync/push", 2 * MIB),
    ("page form", "/clinic/login/", 1 * MIB),
]
# What a chunked body may overshoot the limit by, unread, in the two sockets' buffers.
BUFFER_SLACK = 4 * MIB
HEADERS_SHOWN = (
    "Cache-Control",
    "Permissions-Policy",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Strict-Transport-Security",
)
# Random, but from letters and signs that the accounts' addresses below never
# contain: Django's similarity check compares the characters the password
# shares with the address, so "Security-check-" + token_urlsafe() was
# refused as too similar to "security-check-<hex>-a@example.invalid" now
# and then, and the check failed at random.
_UNLIKE_ANY_ADDRESS = "gjoqwzGJOQWZ!#%&*+=?^~"
PASSWORD = "".join(secrets.choice(_UNLIKE_ANY_ADDRESS) for _ in range(24))

verdicts: list[bool] = []
# What the proxy would send: the site's name, and that the client spoke https.
# Set from --host; empty means the URL's own host, and plain http.
PROXY_HEADERS: dict[str, str] = {}


def verdict(ok: bool, text: str) -> None:
    verdicts.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {text}", flush=True)


def _size(n: int) -> str:
    if n >= MIB:
        return f"{n / MIB:.1f} MiB"
    return f"{n / KIB:.0f} KiB" if n >= KIB else f"{n} B"


# -- Body limits -----------------------------------------------------------------------------------


def _status_of(data: bytes) -> int | None:
    match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return int(match.group(1)) if match else None


def _answered(sock: socket.socket, timeout: float) -> bool:
    readable, _, _ = select.select([sock], [], [], timeout)
    return bool(readable)


def _first_line(sock: socket.socket) -> bytes:
    received = b""
    try:
        while b"\r\n" not in received:
            data = sock.recv(65536)
            if not data:
                break
            received += data
    except OSError:
        pass
    return received


def probe_body(host: str, port: int, path: str, *, chunked: bool) -> tuple[int | None, int]:
    """(status, body bytes sent before the answer came); status None if none came."""
    sock = socket.create_connection((host, port), timeout=3)
    # A small send buffer keeps what the figure counts close to what the server read.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16 * KIB)
    head = [f"POST {path} HTTP/1.1", "Content-Type: application/json"]
    head += [f"{k}: {v}" for k, v in {"Host": f"{host}:{port}", **PROXY_HEADERS}.items()]
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {DECLARED}")
    payload = b" " * CHUNK
    frame = (f"{CHUNK:x}\r\n".encode() + payload + b"\r\n") if chunked else payload
    sent = 0
    try:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        # A declared size over the limit must be answered from the headers alone.
        # (A few seconds: a worker's first request also loads Django's URLs.)
        if chunked or not _answered(sock, HEADERS_WAIT_S):
            while sent < SEND_CAP and not _answered(sock, 0):
                try:
                    sock.sendall(frame)
                except TimeoutError:
                    break  # the server stopped reading
                sent += CHUNK
    except (ConnectionResetError, BrokenPipeError):
        pass
    status = _status_of(_first_line(sock))
    sock.close()
    return status, sent


def check_body_limits(host: str, port: int) -> None:
    for name, path, limit in FAMILIES:
        status, sent = probe_body(host, port, path, chunked=False)
        verdict(
            status == 413 and sent == 0,
            f"body {name} {path}: declared {_size(DECLARED)} -> {status or 'no answer'} "
            f"after {_size(sent)} sent (limit {_size(limit)})",
        )
        status, sent = probe_body(host, port, path, chunked=True)
        verdict(
            status == 413 and sent <= limit + BUFFER_SLACK,
            f"body {name} {path}: chunked -> {status or 'no answer'} after {_size(sent)} sent, "
            f"at most that read (limit {_size(limit)})",
        )


# -- Lockout ---------------------------------------------------------------------------------------


def call(base: str, method: str, path: str, body=None, token: str | None = None):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=15)
    headers = {"Accept": "application/json", **PROXY_HEADERS}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Token {token}"
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    raw = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, raw


def check_lockout(base: str) -> str | None:
    """Locks account A, signs in account B; B's token, for the header checks."""
    tag = secrets.token_hex(4)
    a, b = (f"security-check-{tag}-{x}@example.invalid" for x in "ab")
    for email in (a, b):
        status, _, raw = call(
            base, "POST", "/api/v1/auth/register", {"email": email, "password": PASSWORD}
        )
        if status != 201:
            verdict(False, f"lockout: could not register {email}: {status} {raw[:200]!r}")
            return None
    guesses = 0
    status = 400
    while status != 429 and guesses < 20:
        status, _, _ = call(base, "POST", "/api/v1/auth/token", {"email": a, "password": "wrong"})
        guesses += 1
    locked, _, _ = call(base, "POST", "/api/v1/auth/token", {"email": a, "password": PASSWORD})
    verdict(
        locked == 429,
        f"lockout: account A, right password after {guesses} wrong guesses -> {locked}",
    )
    other, _, raw = call(base, "POST", "/api/v1/auth/token", {"email": b, "password": PASSWORD})
    verdict(
        other == 201,
        f"lockout: account B, same address, signs in -> {other} "
        f"(A's lockout {'does not affect' if other == 201 else 'AFFECTS'} B)",
    )
    print(f"note  account A ({a}) is left, locked for the cool-off; B is erased at the end")
    return json.loads(raw)["token"] if other == 201 else None


# -- Headers ---------------------------------------------------------------------------------------


def _show(kind: str, status: int, headers: dict) -> None:
    print(f"      {kind}: {status}")
    for name in HEADERS_SHOWN:
        value = headers.get(name.lower())
        if value and name == "Permissions-Policy":
            value = f"{value.count('=()')} features denied ({value[:60]}...)"
        elif value and name == "Content-Security-Policy":
            value = value[:70] + ("..." if len(value) > 70 else "")
        print(f"        {name}: {value or '-'}")


def check_headers(base: str, token: str | None) -> None:
    status, headers, raw = call(base, "GET", "/")
    _show("page /", status, headers)
    verdict(
        "camera=()" in headers.get("permissions-policy", ""),
        "headers: page denies camera etc. (Permissions-Policy)",
    )
    static = re.search(rb'(/static/[^"\']+\.(?:css|js))', raw)
    if static:
        s_status, s_headers, _ = call(base, "GET", static.group(1).decode())
        _show(f"static {static.group(1).decode()}", s_status, s_headers)
        verdict(
            s_status == 200 and "permissions-policy" in s_headers,
            "headers: static file answered, with Permissions-Policy",
        )
    e_status, e_headers, _ = call(base, "GET", "/no-such-page-security-check/")
    _show("error page /no-such-page-security-check/", e_status, e_headers)
    verdict(
        e_status == 404 and "permissions-policy" in e_headers,
        "headers: error page is a 404 with Permissions-Policy",
    )
    a_status, a_headers, _ = call(base, "GET", "/api/v1/sync/pull")
    _show("API error /api/v1/sync/pull (no sign-in)", a_status, a_headers)
    verdict("no-store" in a_headers.get("cache-control", ""), "headers: API error is no-store")
    if token:
        for kind, path in (
            ("API /api/v1/sync/pull", "/api/v1/sync/pull"),
            ("export /api/v1/export.json", "/api/v1/export.json"),
            ("account /api/v1/auth/me", "/api/v1/auth/me"),
        ):
            p_status, p_headers, _ = call(base, "GET", path, token=token)
            _show(kind, p_status, p_headers)
            verdict(
                p_status == 200 and "no-store" in p_headers.get("cache-control", ""),
                f"headers: {kind} is no-store",
            )
    t_status, _, _ = call(base, "TRACE", "/")
    verdict(t_status == 405, f"method: TRACE / -> {t_status}")
    t_status, _, _ = call(base, "TRACE", "/api/v1/auth/login")
    verdict(t_status == 405, f"method: TRACE /api/v1/auth/login -> {t_status}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("url", help="the running server, e.g. http://127.0.0.1:8000")
    parser.add_argument(
        "--host",
        help="the site's name in DJANGO_ALLOWED_HOSTS (e.g. ros1.example.org): sent as Host, "
        "with X-Forwarded-Proto: https, as the TLS proxy in front would send them",
    )
    args = parser.parse_args()
    base = args.url.rstrip("/")
    if args.host:
        PROXY_HEADERS.update({"Host": args.host, "X-Forwarded-Proto": "https"})
    parts = urlsplit(base)
    if parts.scheme != "http":
        print("Only plain http is probed (point it at gunicorn, not the TLS proxy).")
        return 2
    host, port = parts.hostname, parts.port or 80
    print(f"Security self-check of {base}")
    # Warm the workers up, so that the first probe does not wait on Django's start.
    for _ in range(4):
        call(base, "GET", "/api/v1/catalog")
    check_body_limits(host, port)
    token = check_lockout(base)
    check_headers(base, token)
    if token:
        status, _, _ = call(base, "DELETE", "/api/v1/auth/me", {"password": PASSWORD}, token=token)
        print(f"note  account B erased -> {status}")
    failed = verdicts.count(False)
    print(f"security check: {verdicts.count(True)} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
