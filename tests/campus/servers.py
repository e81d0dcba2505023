"""Starting the real identity servers the sign-in tests talk to.

OpenLDAP's slapd (Debian's package) for LDAP; django-cas-server and
django-oauth-toolkit, each in a Django process of its own with its own
settings module (``tests/campus/cas_server/``, ``tests/campus/oidc_server/``),
for CAS and OpenID Connect. Each starts on a free port for the session.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SLAPD = shutil.which("slapd") or ("/usr/sbin/slapd" if Path("/usr/sbin/slapd").exists() else None)
LDAP_SUFFIX = "dc=college,dc=edu,dc=cn"
LDAP_ADMIN = f"cn=admin,{LDAP_SUFFIX}"
LDAP_ADMIN_PASSWORD = "directory-secret"


def missing(what: str):
    """Skipped locally, a failure in CI (like PostgreSQL and Redis in tests/conftest.py)."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"needs {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"{what} exited with {process.returncode}: {output[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{what} did not listen on port {port} within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


SLAPD_CONF = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {dir}/slapd.pid
argsfile {dir}/slapd.args
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{admin}"
rootpw {password}
directory {dir}/data
access to attrs=userPassword by self read by anonymous auth by * none
access to * by * read
"""


class Slapd:
    """A private slapd with the college's people: started, filled, stopped."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="slapd-")
        os.makedirs(f"{self.dir}/data")
        conf = f"{self.dir}/slapd.conf"
        Path(conf).write_text(
            SLAPD_CONF.format(
                dir=self.dir, suffix=LDAP_SUFFIX, admin=LDAP_ADMIN, password=LDAP_ADMIN_PASSWORD
            )
        )
        self.port = free_port()
        self.url = f"ldap://127.0.0.1:{self.port}"
        # -d 0: stay in the foreground (no fork), so the fixture owns the process.
        self.process = subprocess.Popen(
            [SLAPD, "-f", conf, "-h", self.url + "/", "-d", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process, "slapd")

    def add_people(self, people: list[dict]) -> None:
        import ldap3

        connection = ldap3.Connection(
            ldap3.Server(self.url), LDAP_ADMIN, LDAP_ADMIN_PASSWORD, auto_bind=True
        )
        connection.add(LDAP_SUFFIX, ["dcObject", "organization"], {"o": "College", "dc": "college"})
        connection.add(f"ou=people,{LDAP_SUFFIX}", ["organizationalUnit"], {"ou": "people"})
        for person in people:
            uid = person["uid"]
            ok = connection.add(
                f"uid={uid},ou=people,{LDAP_SUFFIX}",
                ["inetOrgPerson"],
                {
                    "uid": uid,
                    "cn": person["cn"],
                    "sn": person["cn"],
                    "employeeNumber": person["number"],
                    "employeeType": person["type"],
                    "userPassword": person["password"],
                },
            )
            assert ok, connection.result
        connection.unbind()

    def close(self) -> None:
        stop(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)


def django_server(settings_module: str, port: int, what: str, env: dict | None = None):
    """A test identity server: ``runserver`` of its own settings in a process of its own."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, **(env or {})}
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        environment.pop(name, None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "django",
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            "--nothreading",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    wait_for_port(port, process, what, timeout=60)
    return process


OIDC_CLIENT_ID = "partnerships-client"
OIDC_CLIENT_SECRET = "partnerships-client-secret"
OIDC_REDIRECT_URI = "http://testserver/campus/oidc/callback/"


def rsa_private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


class OidcProvider:
    """django-oauth-toolkit with OpenID Connect on, in a process of its own."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="oidc-")
        key = Path(self.dir) / "key.pem"
        key.write_text(rsa_private_key_pem())
        env = {
            "OIDC_TEST_DB": f"{self.dir}/provider.sqlite3",
            "OIDC_TEST_KEY": str(key),
            "DJANGO_SETTINGS_MODULE": "tests.campus.oidc_server.settings",
        }
        environment = {**os.environ, **env}
        for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
            environment.pop(name, None)
        subprocess.run(
            [
                sys.executable,
                "tests/campus/oidc_server/setup.py",
                OIDC_CLIENT_ID,
                OIDC_CLIENT_SECRET,
                OIDC_REDIRECT_URI,
            ],
            cwd=ROOT,
            env={**environment, "PYTHONPATH": str(ROOT)},
            check=True,
            capture_output=True,
        )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.issuer = f"{self.url}/o"
        self.process = django_server("tests.campus.oidc_server.settings", self.port, "OIDC", env)

    def close(self) -> None:
        stop(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)


class CasServer:
    """django-cas-server, in a process of its own, for services under ``pattern``."""

    def __init__(self, pattern: str):
        self.dir = tempfile.mkdtemp(prefix="cas-")
        env = {
            "CAS_TEST_DB": f"{self.dir}/cas.sqlite3",
            "DJANGO_SETTINGS_MODULE": "tests.campus.cas_server.settings",
        }
        environment = {**os.environ, **env, "PYTHONPATH": str(ROOT)}
        for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
            environment.pop(name, None)
        subprocess.run(
            [sys.executable, "tests/campus/cas_server/setup.py", pattern],
            cwd=ROOT,
            env=environment,
            check=True,
            capture_output=True,
        )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/cas/"
        self.process = django_server("tests.campus.cas_server.settings", self.port, "CAS", env)

    def close(self) -> None:
        stop(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)
