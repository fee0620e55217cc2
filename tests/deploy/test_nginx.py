"""deploy/nginx/training.conf in front of gunicorn, on loopback, as a server runs them.

Debian's nginx runs the repository's own file, changed only where an operator fills it in (the
ports, the certificate, gunicorn's address, the static folder), over real TLS with a certificate
made for the run. Behind it gunicorn serves production's settings (tests/deploy/site_settings.py)
on this run's test database. The client connects from 127.0.0.2, nginx reaches gunicorn from
127.0.0.1: the address django-axes records tells which of the two it read.

Only the checks that start nginx are skipped, with the reason, where the binary is missing;
`make test-deps` installs it (TEST_APT_PACKAGES).
"""

import gzip
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from axes.models import AccessAttempt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.db import connection
from django.utils.csp import build_policy

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "deploy" / "nginx" / "training.conf"
HOST = "daibiao.example.gov.cn"  # the server_name in the file, and ALLOWED_HOSTS here
CLIENT = "127.0.0.2"  # a phone, as nginx sees it; nginx itself reaches gunicorn from 127.0.0.1
MIB = 1024 * 1024
NGINX = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")
needs_nginx = pytest.mark.skipif(
    NGINX is None,
    reason="Debian's nginx is not installed (`make test-deps` installs it: TEST_APT_PACKAGES)",
)
# Every check but the first shares one nginx and one gunicorn, so they run on one xdist worker.
pytestmark = pytest.mark.xdist_group("nginx")


def upload_limits() -> dict[str, int]:
    """The largest file each upload form accepts, by what it is."""
    from certificates.forms import MAX_UPLOAD_BYTES as certificate_check
    from deliberation.budgets.admin import MAX_UPLOAD_MB as budget_mb
    from deliberation.reports.forms import MAX_DOCX_BYTES as report_docx
    from materials.forms import MAX_LAW_FILE_BYTES as law_text
    from quizzes.cms.transfer import MAX_UPLOAD_BYTES as question_bank

    return {
        "roster": settings.ROSTER_MAX_UPLOAD_BYTES,
        "inspection photo": settings.INSPECTION_PHOTO_MAX_BYTES,
        "law text": law_text,
        "question bank": question_bank,
        "budget": budget_mb * MIB,
        "report .docx": report_docx,
        "certificate to check": certificate_check,
        "Wagtail image": getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * MIB),
    }


def body_limits(text: str) -> list[int]:
    """Every client_max_body_size in the file, in bytes (the server's first)."""
    units = {"": 1, "k": 1024, "m": MIB, "g": 1024 * MIB}
    return [
        int(number) * units[unit.lower()]
        for number, unit in re.findall(r"client_max_body_size\s+(\d+)([kKmMgG]?);", text)
    ]


def test_nginx_lets_through_every_upload_the_forms_accept_and_little_more():
    server_limit, *_ = body_limits(CONF.read_text())
    largest = max(upload_limits().values())

    # Room for the form around the file (fields, multipart boundaries), so that the form, not
    # nginx, tells a deputy their photo is too large; yet far from unlimited.
    assert largest + MIB <= server_limit <= 2 * largest


# The running pair ---------------------------------------------------------------------------


@dataclass
class Site:
    """nginx on two loopback ports in front of gunicorn, and where each writes its logs."""

    http_port: int
    https_port: int
    folder: Path
    tls: ssl.SSLContext

    @property
    def nginx_errors(self) -> str:
        return (self.folder / "nginx-error.log").read_text()

    @property
    def gunicorn_requests(self) -> str:
        return (self.folder / "gunicorn-access.log").read_text()

    def gunicorn_logged(self, pattern: str, *, seconds: float = 10) -> bool:
        """Whether gunicorn's access log comes to hold `pattern`: it writes a request's line
        after the reply has gone, so a test reading it at once may be early."""
        deadline = time.monotonic() + seconds
        while not re.search(pattern, self.gunicorn_requests):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    def connect(self, *, tls: bool = True) -> http.client.HTTPConnection:
        if tls:
            return http.client.HTTPSConnection(
                "127.0.0.1",
                self.https_port,
                context=self.tls,
                timeout=30,
                source_address=(CLIENT, 0),
            )
        return http.client.HTTPConnection(
            "127.0.0.1", self.http_port, timeout=30, source_address=(CLIENT, 0)
        )

    def fetch(self, path, *, method="GET", body=None, headers=None, tls=True):
        """The response to one request, from CLIENT, for HOST."""
        conn = self.connect(tls=tls)
        try:
            conn.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
            response = conn.getresponse()
            response.content = response.read()
            return response
        finally:
            conn.close()

    def announce(self, path, length: int):
        """The response to a POST that declares a body of `length` bytes and sends none of it:
        what nginx answers from the headers alone."""
        conn = self.connect()
        try:
            conn.putrequest("POST", path, skip_host=True)
            conn.putheader("Host", HOST)
            conn.putheader("Content-Type", "application/octet-stream")
            conn.putheader("Content-Length", str(length))
            conn.endheaders()
            response = conn.getresponse()
            response.content = response.read()
            return response
        finally:
            conn.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for HOST, valid for a day: the chain and key nginx reads."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    chain, private = folder / "fullchain.pem", folder / "privkey.pem"
    chain.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return chain, private


def substitute(text: str, pattern: str, replace, count: int) -> str:
    """`text` with `pattern` replaced, insisting it matched `count` times: a change to the
    file that this test no longer fills in right fails here, not as a puzzling request."""
    result, found = re.subn(pattern, replace, text, flags=re.MULTILINE)
    assert found == count, f"{pattern!r} matched {found} times in {CONF.name}, not {count}"
    return result


def filled_in(*, ports: dict[str, int], gunicorn: int, chain, key, static: Path) -> str:
    """The repository's file with an operator's values: loopback ports (no IPv6), this run's
    certificate, gunicorn's port and static folder. Nothing else changes."""

    def listen(match):
        indent, ipv6, port, rest = match.groups()
        return "" if ipv6 else f"{indent}listen 127.0.0.1:{ports[port]}{rest or ''};"

    text = CONF.read_text()
    text = substitute(text, r"^(\s*)listen (\[::\]:)?(80|443)( [^;]*)?;", listen, 4)
    text = substitute(
        text, r"(upstream training_app \{\s*server )\S+", rf"\g<1>127.0.0.1:{gunicorn}", 1
    )
    text = substitute(text, r"ssl_certificate \S+;", f"ssl_certificate {chain};", 1)
    text = substitute(text, r"ssl_certificate_key \S+;", f"ssl_certificate_key {key};", 1)
    return substitute(text, r"alias \S+;", f"alias {static}/;", 1)


def main_conf(folder: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives the site file, with every path in `folder`
    (nginx's compiled-in ones are root's)."""
    user = "user root;" if os.geteuid() == 0 else ""  # else workers become nobody: no tmp access
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
worker_processes 1;
error_log {folder / "nginx-error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    gzip on;
    access_log {folder / "nginx-access.log"};
{temp}
    include {site};
}}
"""


def database_url_of_this_run() -> str:
    """This run's test database (migrated, either engine), as a DATABASE_URL for gunicorn."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def gunicorn_environment(folder: Path) -> dict[str, str]:
    """Production's variables, but the test database and placeholders for the servers the
    settings swap out (site_settings.py); nothing from this process's own Django settings."""
    drop = ("DJANGO", "DATABASE_URL", "REDIS", "MEDIA_", "AXES_", "SECURE_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "tests.deploy.site_settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": "postgres://placeholder@127.0.0.1:1/never-connected",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "SITE_DATABASE_URL": database_url_of_this_run(),
        "SITE_STATIC_ROOT": str(folder / "staticfiles"),
        "MEDIA_ROOT": str(folder / "media"),
    }


def start(args, folder: Path, log: str, env=None) -> subprocess.Popen:
    with (folder / log).open("wb") as output:
        return subprocess.Popen(  # noqa: S603 (fixed arguments)
            args, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen, sig: signal.Signals) -> None:
    """End the process we started (and its workers, in its own session) by its id."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def wait_until_ready(site: Site, processes: dict[str, subprocess.Popen], deadline: float) -> None:
    """Until /healthz answers 200 through nginx (502 while gunicorn is starting)."""
    last = "no answer"
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                output = (site.folder / f"{name}.out").read_text()
                pytest.fail(f"{name} stopped (exit {process.returncode}):\n{output[-3000:]}")
        try:
            reply = site.fetch("/healthz")
            if reply.status == 200:
                return
            last = f"{reply.status} {reply.content[:200]!r}"
        except OSError as error:
            last = repr(error)
        time.sleep(0.2)
    pytest.fail(f"nginx and gunicorn not ready in time: {last}\n{site.nginx_errors[-2000:]}")


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup):
    folder = tmp_path_factory.mktemp("nginx")
    shutil.copytree(ROOT / "static", folder / "staticfiles")
    (folder / "media" / "certificates").mkdir(parents=True)
    (folder / "media" / "certificates" / "secret.pdf").write_bytes(b"%PDF-1.7 not for everyone")
    chain, key = write_certificate(folder)
    ports = {"80": free_port(), "443": free_port()}
    gunicorn_port = free_port()
    site_conf = folder / "training.conf"
    site_conf.write_text(
        filled_in(
            ports=ports, gunicorn=gunicorn_port, chain=chain, key=key, static=folder / "staticfiles"
        )
    )
    (folder / "nginx.conf").write_text(main_conf(folder, site_conf))
    nginx = [
        NGINX,
        *("-e", str(folder / "nginx-error.log"), "-p", str(folder)),
        *("-c", str(folder / "nginx.conf"), "-g", f"daemon off; pid {folder / 'nginx.pid'};"),
    ]
    checked = subprocess.run([*nginx, "-t"], capture_output=True, text=True, check=False)  # noqa: S603
    assert checked.returncode == 0, checked.stderr

    tls = ssl.create_default_context(cafile=str(chain))
    tls.check_hostname = False  # connecting to 127.0.0.1; the chain itself is still verified
    pair = Site(ports["80"], ports["443"], folder, tls)
    processes = {}
    try:
        processes["gunicorn"] = start(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "training_site.wsgi",
                *("--bind", f"127.0.0.1:{gunicorn_port}", "--workers", "1", "--timeout", "120"),
                *("--access-logfile", str(folder / "gunicorn-access.log")),
            ],
            folder,
            "gunicorn.out",
            env=gunicorn_environment(folder),
        )
        processes["nginx"] = start(nginx, folder, "nginx.out")
        wait_until_ready(pair, processes, time.monotonic() + 30)
        yield pair
    finally:
        for name, sig in (("nginx", signal.SIGTERM), ("gunicorn", signal.SIGINT)):
            if name in processes:
                stop(processes[name], sig)


# Through nginx ------------------------------------------------------------------------------


@needs_nginx
def test_plain_http_is_only_a_redirect_to_https(site):
    reply = site.fetch("/probe/redirect/?next=/me/", tls=False)

    assert reply.status == 301
    assert reply.getheader("Location") == f"https://{HOST}/probe/redirect/?next=/me/"
    assert "/probe/redirect/" not in site.gunicorn_requests


@needs_nginx
def test_the_security_headers_arrive_once_as_django_wrote_them(site):
    """HSTS proves Django saw HTTPS (X-Forwarded-Proto): SecurityMiddleware sends it on secure
    requests only, and production's HTTPS redirect did not loop."""
    reply = site.fetch("/accounts/login/")

    assert reply.status == 200
    headers = reply.headers
    assert headers.get_all("Strict-Transport-Security") == [
        "max-age=31536000; includeSubDomains; preload"
    ]
    assert headers.get_all("Content-Security-Policy") == [build_policy(settings.SECURE_CSP)]
    assert headers.get_all("X-Frame-Options") == ["DENY"]
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
    assert len(headers.get_all("Referrer-Policy")) == 1
    assert all("Secure" in cookie for cookie in headers.get_all("Set-Cookie"))


@needs_nginx
def test_nginx_serves_the_static_files_the_pages_name(site):
    page = site.fetch("/accounts/login/").content.decode()
    named = sorted(set(re.findall(r'(?:href|src)="(/static/[^"?]+)"', page)))

    assert named, "the sign-in page names no static file"
    for path in named:
        reply = site.fetch(path)
        assert reply.status == 200, path
        assert (
            reply.content
            == (site.folder / "staticfiles" / path.removeprefix("/static/")).read_bytes()
        )
        assert reply.getheader("Cache-Control") == "public, max-age=60"  # not hashed: a minute
        assert reply.getheader("X-Content-Type-Options") == "nosniff"
    assert "/static/" not in site.gunicorn_requests


@needs_nginx
def test_a_hashed_static_file_is_cached_for_a_year_and_sent_compressed(site):
    """collectstatic's names carry a 12-hex-digit hash, and a .gz copy beside each."""
    css = (site.folder / "staticfiles" / "css" / "site.css").read_bytes()
    hashed = site.folder / "staticfiles" / "css" / "site.0123456789ab.css"
    hashed.write_bytes(css)
    Path(f"{hashed}.gz").write_bytes(gzip.compress(css))

    reply = site.fetch("/static/css/site.0123456789ab.css", headers={"Accept-Encoding": "gzip"})

    assert reply.status == 200
    assert reply.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert reply.getheader("Content-Type").startswith("text/css")
    assert reply.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(reply.content) == css


@needs_nginx
def test_media_files_are_not_served(site):
    reply = site.fetch("/media/certificates/secret.pdf")

    assert reply.status == 404
    assert b"not for everyone" not in reply.content
    assert "/media/" not in site.gunicorn_requests


def upload(field: str, filename: str, content: bytes) -> tuple[bytes, dict[str, str]]:
    """A form posting one file, as a browser sends it from the site's own page: the body and
    its headers. With the site's Origin and a CSRF cookie, Django's CSRF check reads the whole
    body before refusing it for want of the token in the form; refused on its headers alone,
    gunicorn would close the connection with the body still arriving, and nginx, cut off while
    sending it, answer 502 (as it once did in CI)."""
    boundary = secrets.token_hex(16)
    body = b"".join(
        [
            f"--{boundary}\r\n".encode(),
            b'Content-Disposition: form-data; name="text"\r\n\r\nThe bridge\r\n',
            f"--{boundary}\r\n".encode(),
            f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'.encode(),
            b"Content-Type: application/octet-stream\r\n\r\n",
            content,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Origin": f"https://{HOST}",
        "Cookie": f"csrftoken={secrets.token_hex(16)}",
    }
    return body, headers


@needs_nginx
def test_the_largest_upload_a_form_accepts_reaches_django(site):
    """An inspection photo at its limit, in a form: Django answers (here refusing the request
    for want of a CSRF token), not nginx."""
    body, headers = upload("photo", "bridge.jpg", os.urandom(settings.INSPECTION_PHOTO_MAX_BYTES))

    reply = site.fetch("/probe/upload/", method="POST", body=body, headers=headers)

    assert reply.status == 403  # Django's CSRF refusal, with Django's headers
    assert reply.getheader("Content-Security-Policy")
    assert site.gunicorn_logged(r'"POST /probe/upload/ HTTP/1\.\d" 403')


@needs_nginx
def test_a_body_over_the_limit_is_refused_by_nginx(site):
    limit, documents = body_limits(CONF.read_text())

    refused = site.announce("/probe/too-large/", limit + 1)
    documents_refused = site.announce("/admin/documents/multiple/add/", documents + 1)

    for reply in (refused, documents_refused):
        assert reply.status == 413
        assert reply.getheader("Content-Security-Policy") is None  # nginx's page, not Django's
    assert "client intended to send too large body" in site.nginx_errors
    assert "/probe/too-large/" not in site.gunicorn_requests


@needs_nginx
def test_an_editors_document_may_be_larger_than_a_form_upload(site):
    """Wagtail's admin sets no limit for documents; nginx's own for them is higher."""
    limit, _ = body_limits(CONF.read_text())

    body, headers = upload("files[]", "budget.pdf", b"x" * (limit + MIB))

    reply = site.fetch("/admin/documents/multiple/add/", method="POST", body=body, headers=headers)

    assert reply.status == 403  # Django's CSRF refusal: nginx let it through
    assert reply.getheader("Content-Security-Policy")
    assert site.gunicorn_logged(r'"POST /admin/documents/multiple/add/ HTTP/1\.\d" 403')


@needs_nginx
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_sign_in_is_counted_against_the_address_nginx_saw(site):
    """The client also sends an X-Forwarded-For of its own: forged, so not believed. With
    AXES_IPWARE_PROXY_COUNT=1 (nginx alone) the lock counts nginx's entry, the client's
    address, not the forgery nor nginx's own 127.0.0.1."""
    page = site.fetch("/accounts/login/")
    cookies = SimpleCookie()
    for header in page.headers.get_all("Set-Cookie"):
        cookies.load(header)
    token = cookies["csrftoken"].value
    form = {"csrfmiddlewaretoken": token, "username": "13812345678", "password": "not-this-one"}

    reply = site.fetch(
        "/accounts/login/",
        method="POST",
        body=urlencode(form),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={token}",
            "Origin": f"https://{HOST}",
            "X-Forwarded-For": "6.6.6.6",
        },
    )

    assert reply.status == 200  # the form again, with its error
    attempt = AccessAttempt.objects.get(username="13812345678")
    assert attempt.ip_address == CLIENT
    assert attempt.failures_since_start == 1
