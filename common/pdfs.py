"""Writing the platform's PDFs with WeasyPrint: certificates, sign-in sheets, a group's summary,
a deputy's archive.

Templates name the CJK font by the family `FAMILY` ("PDF CJK") and carry no @font-face of
their own. WeasyPrint's defaults pay two costs on every document that this module pays once a
process (once a thread), which took a certificate from 106 ms to 43
(`benchmarks/certificates.py`, the code before and after run one after the other):

- the font's @font-face: a FontConfiguration copies the font's file (17 MB for AR PL UKai)
  into a folder of its own and registers it with fontconfig. Ours is made once and kept, with
  the stylesheet that declares the face;
- the URL fetcher: WeasyPrint's default makes an HTTPS context, reading the system's store of
  certificates (about 40 ms), for documents that fetch nothing from the network. Ours reads local
  files and data: URLs only, so no template can make the server fetch an address either.

The font's folder is removed when the process exits normally (atexit).
"""

import atexit
import ssl
import threading

from .fonts import font_path

FAMILY = "PDF CJK"
LOCAL_ONLY = ("file", "data")

_kept = threading.local()


def _fetcher():
    from weasyprint.urls import URLFetcher

    # The context is never used (no https: URL is allowed): given, WeasyPrint makes none.
    if not hasattr(_kept, "tls"):
        _kept.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return URLFetcher(ssl_context=_kept.tls, allowed_protocols=LOCAL_ONLY)


def _font():
    """This thread's font configuration and the stylesheet declaring the CJK face in it."""
    if not hasattr(_kept, "font"):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        config = FontConfiguration()
        face = CSS(
            string=f'@font-face {{ font-family: "{FAMILY}"; src: url("{font_path().as_uri()}"); }}',
            font_config=config,
            url_fetcher=_fetcher(),
        )
        _kept.font = (config, face)
    return _kept.font


def write_pdf(html: str, css: str = "") -> bytes:
    """The PDF of `html` (with the stylesheet `css`, if given), the CJK font embedded and
    subset."""
    from weasyprint import CSS, HTML

    config, face = _font()
    stylesheets = [face]
    if css:
        stylesheets.append(CSS(string=css, font_config=config, url_fetcher=_fetcher()))
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf(
        stylesheets=stylesheets, font_config=config
    )


@atexit.register
def _forget() -> None:
    # While the interpreter still works: the configuration's __del__ removes its font folder,
    # which fails once modules are being torn down (and leaves 17 MB in the temp folder).
    _kept.__dict__.pop("font", None)
