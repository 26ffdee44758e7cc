"""Fixtures of the web tests: a local HTTP server, a local HTTPS server with a
self-signed certificate made on the spot, and a configuration with short time-outs."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import pytest

from desktop.storage.web.config import WebConfig
from tests.web.web_server import LocalWeb

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "real"


@pytest.fixture
def web():
    server = LocalWeb().start()
    yield server
    server.close()


@pytest.fixture
def config(web) -> WebConfig:
    """Short time-outs (a test server answers at once or never) and the services local."""
    return WebConfig(connect_timeout=5, read_timeout=5, total_timeout=30,
                     doi_base=web.url("/doi/"), openlibrary_base=web.url("/openlibrary/"),
                     wayback_save=web.url("/save/"),
                     wayback_available=web.url("/wayback/available"))


@pytest.fixture(scope="session")
def self_signed(tmp_path_factory) -> tuple[Path, Path]:
    """(certificate, key) for 127.0.0.1, self-signed: with cryptography if installed,
    else the openssl command; skipped when neither is there."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        _with_cryptography(cert, key)
    except ImportError:
        if shutil.which("openssl") is None:
            pytest.skip("neither cryptography nor openssl is available to make a certificate")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True, timeout=120)
    return cert, key


def _with_cryptography(cert: Path, key: Path) -> None:
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(private.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(private, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(private.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))


@pytest.fixture
def tls_web(self_signed):
    cert, key = self_signed
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = LocalWeb(tls=context).start()
    yield server
    server.close()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the shared real-world corpus (../shared/corpus/real) is not here")
    return CORPUS
