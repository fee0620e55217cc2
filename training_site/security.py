"""The content security policy: Django's middleware, with a looser policy for the content admin.

The site's own pages run no inline script or style and load nothing from elsewhere, so their
policy allows only this site's files (settings SECURE_CSP). Wagtail's admin runs inline scripts
and styles of its own that this project does not write; it gets ADMIN_CSP, which still forbids
plugins, other sites framing it, and forms or <base> pointing elsewhere.
"""

from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.utils.csp import CSP

ADMIN_PREFIXES = ("/admin/",)
ADMIN_CSP = {
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}


class SitePolicyMiddleware(ContentSecurityPolicyMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(ADMIN_PREFIXES):
            response._csp_config = ADMIN_CSP
        return super().process_response(request, response)
