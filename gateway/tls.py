"""TLS for `phigate run`: the certificate the listener presents to clients, the CAs the
backend's certificate must chain to, and when a plain http:// backend is allowed.

The rule for plain backends: when the listener terminates TLS, an http:// upstream is
refused unless `allow_plain_upstream` says otherwise, because identifiers would arrive
encrypted and leave in clear. A plain listener in front of a plain backend (phigate's
behaviour before TLS existed, and the demo's) stays allowed: nothing is downgraded there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from gateway.errors import ConfigError
from gateway.policy import TlsSettings


@dataclass(frozen=True)
class TlsPlan:
    """What the proxy needs: one PEM with the chain and the key (None: a plain listener),
    and the CA bundle for the backend (None: the system's trust store)."""

    listener_pem: Path | None
    upstream_ca: str | None


def with_flags(
    settings: TlsSettings,
    cert: str | None = None,
    key: str | None = None,
    upstream_ca: str | None = None,
    allow_plain_upstream: bool = False,
) -> TlsSettings:
    """The policy's `tls` section with the command line's flags taking precedence."""
    return replace(
        settings,
        cert_file=str(Path(cert).resolve()) if cert else settings.cert_file,
        key_file=str(Path(key).resolve()) if key else settings.key_file,
        upstream_ca_file=str(Path(upstream_ca).resolve())
        if upstream_ca
        else settings.upstream_ca_file,
        allow_plain_upstream=allow_plain_upstream or settings.allow_plain_upstream,
    )


def check_upstream(upstream: str, settings: TlsSettings) -> None:
    """Refuse an http:// backend behind a TLS listener unless plain upstreams are allowed."""
    scheme = urlsplit(upstream).scheme.lower()
    if scheme == "http" and settings.cert_file and not settings.allow_plain_upstream:
        raise ConfigError(
            f"the upstream {upstream} is plain http:// while clients reach phigate over TLS: "
            "patient data would leave the gateway unencrypted. Use an https:// upstream, or, "
            "if the backend is on a link you trust (loopback, a private segment), allow it with "
            "--allow-plain-upstream or `allow_plain_upstream: true` in the policy's tls section"
        )
    if settings.key_file and not settings.cert_file:
        raise ConfigError("a TLS key without a certificate: give --cert (or tls.cert_file) too")


def plan(upstream: str, settings: TlsSettings, state_dir: Path) -> TlsPlan:
    """Check the TLS settings against the upstream and prepare the listener's PEM in the
    state directory; raise ConfigError with a message for the person configuring it."""
    check_upstream(upstream, settings)
    if settings.upstream_ca_file:
        _certificates(Path(settings.upstream_ca_file))
    pem = None
    if settings.cert_file:
        pem = write_listener_pem(
            Path(settings.cert_file),
            Path(settings.key_file or settings.cert_file),
            state_dir / "tls" / "listener.pem",
        )
    return TlsPlan(pem, settings.upstream_ca_file)


def write_listener_pem(cert_file: Path, key_file: Path, dest: Path) -> Path:
    """Write the certificate chain followed by its private key to `dest` (mode 0600), the
    form mitmproxy's `certs` option reads; check first that the key belongs to the
    certificate, so a mix-up fails here and not in every client's handshake."""
    chain = _certificates(cert_file)
    raw_key = _read(key_file)
    try:
        key = serialization.load_pem_private_key(raw_key, password=None)
    except TypeError as e:
        raise ConfigError(f"{key_file}: the private key is encrypted; give it unencrypted") from e
    except ValueError as e:
        hint = "give --key (or tls.key_file)" if key_file == cert_file else "is it a PEM key?"
        raise ConfigError(f"{key_file}: no private key could be read; {hint}") from e
    if chain[0].public_key() != key.public_key():
        raise ConfigError(
            f"the private key in {key_file} does not belong to the certificate in {cert_file}"
        )
    pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain)
    pem += key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_suffix(".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    os.chmod(partial, 0o600)  # O_CREAT's mode does not apply to a file left from before
    partial.replace(dest)
    return dest


def _certificates(path: Path) -> list[x509.Certificate]:
    try:
        return x509.load_pem_x509_certificates(_read(path))
    except ValueError as e:
        raise ConfigError(f"{path}: no PEM certificate could be read") from e


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise ConfigError(f"cannot read {path}: {e.strerror}") from e
