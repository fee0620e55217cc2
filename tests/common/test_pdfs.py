"""The platform's PDFs (common.pdfs): the CJK font embedded by the family the templates name,
its configuration made once a process rather than once a document, and nothing fetched from
the network."""

import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from weasyprint.text import fonts as weasyprint_fonts

from common import pdfs
from common.pdfs import FAMILY, write_pdf

PDFFONTS = shutil.which("pdffonts")
PAGE = f"<html><body style=\"font-family: '{FAMILY}'\"><p>代表履职学习</p></body></html>"


@pytest.mark.skipif(not PDFFONTS, reason="poppler-utils is not installed (make test-deps)")
def test_the_cjk_font_is_embedded_by_its_family_name(tmp_path):
    path = tmp_path / "page.pdf"
    path.write_bytes(write_pdf(PAGE, "p { font-size: 14pt; }"))

    listed = subprocess.run(  # noqa: S603
        [PDFFONTS, str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    # Subset (a random prefix), embedded, with a Unicode map: the face declared, not a fallback.
    assert listed and all("+PDF-CJK " in line for line in listed), listed
    assert all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in listed), listed


def test_the_font_is_set_up_once_not_for_each_document(monkeypatch):
    folders = []
    real = weasyprint_fonts.mkdtemp

    def counted(*args, **kwargs):
        folders.append(real(*args, **kwargs))
        return folders[-1]

    monkeypatch.setattr(weasyprint_fonts, "mkdtemp", counted)

    for _ in range(3):
        assert write_pdf(PAGE).startswith(b"%PDF-")

    # One copy of the 17 MB font at most (none if this process has written a PDF already).
    assert len(folders) <= 1


def test_each_thread_has_a_font_configuration_of_its_own():
    seen = []
    thread = threading.Thread(target=lambda: seen.append(pdfs._font()))
    thread.start()
    thread.join()

    assert pdfs._font() is pdfs._font()
    assert seen[0] is not pdfs._font()


class Recorder(BaseHTTPRequestHandler):
    asked: list = []

    def do_GET(self):
        Recorder.asked.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_document_fetches_nothing_from_the_network():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_port}"
    try:
        html = (
            f'<link rel="stylesheet" href="{address}/style.css">'
            f'<img src="{address}/seal.png"><p style="background: url({address}/bg.png)">章</p>'
        )
        assert write_pdf(html, f'@import url("{address}/more.css");').startswith(b"%PDF-")
    finally:
        server.shutdown()
        server.server_close()

    assert Recorder.asked == []
