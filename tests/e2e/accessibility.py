"""axe-core in every page the browser tests open.

Each browser context gets axe-core (from node_modules, installed by `make test-deps`) and a
script that runs it when a page has loaded and reports the page's violations back to Python.
The `new_page` fixture fails the test, once it is over, when any page it opened has a serious or
critical violation. A page the test left before axe finished is opened again at the end, in the
same context, and checked then.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

# The only findings not reported: (path prefix, axe rule, elements inside this selector), each
# for markup that is not this project's, with the reason. Nothing else is skipped.
EXCLUSIONS = [
    # Wagtail's admin fades its messages in: `.messages > ul` goes from opacity 0 to 1 over
    # 0.5 s once the page is ready (wagtailadmin/css/core.css). axe runs as the page loads,
    # mid-fade, and measures a half-transparent banner ("Quiz ... created.", "Page ... submitted
    # for moderation.", with their buttons): serious color-contrast. Fully shown they are white
    # on #1b8666, 4.51:1, which passes AA. Only this rule, only in that banner, only in /admin/.
    ("/admin/", "color-contrast", ".messages > ul"),
    # Wagtail's chooser (a question for a quiz, a page, an image) opens in its own modal, which
    # fades in the same way, and whose role="dialog" has no name; axe meets it when the test
    # opens a chooser while axe is still at work on the page. Only those two rules, only inside
    # the modal, only in /admin/.
    ("/admin/", "color-contrast", ".modal"),
    ("/admin/", "aria-dialog-name", ".modal"),
]

# Runs in the top frame of every page once it has loaded; `__axeReport` is the binding below.
RUNNER = """
if (window.top === window) {
  const excluded = (EXCLUSIONS).filter(([path]) => location.pathname.startsWith(path));
  const kept = (v) => v.nodes.filter((n) => !excluded.some(([, rule, selector]) =>
    rule === v.id && typeof n.target[0] === "string"
    && document.querySelector(n.target[0])?.closest(selector)));
  window.addEventListener("load", () => {
    // __axeDelayMs lets the check's own test leave a page before axe is done with it.
    window.__axeDone = new Promise((resolve) => setTimeout(resolve, window.__axeDelayMs || 0))
      .then(() => axe.run(document, { resultTypes: ["violations"] }))
      .then((results) => window.__axeReport(JSON.stringify({
        url: location.href,
        violations: results.violations
          .map((v) => ({ ...v, nodes: kept(v) }))
          .filter((v) => v.nodes.length)
          .map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
            html: v.nodes[0].html.slice(0, 300),
          })),
      })));
  });
}
""".replace("EXCLUSIONS", json.dumps(EXCLUSIONS))


class AxeWatch:
    """Collects what axe says about each page a context loads."""

    def __init__(self, context):
        if not AXE.exists():
            raise RuntimeError(f"{AXE} is missing: run `make test-deps` (npm ci)")
        self.context = context
        self.loaded = []  # every page load, in order
        self.checked = {}  # url -> blocking violations
        context.expose_binding("__axeReport", self._report)
        context.add_init_script(path=str(AXE))
        context.add_init_script(script=RUNNER)
        context.on("page", self._watch)

    def _watch(self, page):
        page.on("load", lambda: self.loaded.append(page.url))

    def _report(self, _source, payload):
        report = json.loads(payload)
        self.checked[report["url"]] = [v for v in report["violations"] if v["impact"] in BLOCKING]

    def finish(self):
        """Wait for the runs still going, check the pages left too soon, and return the
        problems as text (empty when there are none)."""
        for page in self.context.pages:
            if not page.is_closed() and _is_html(page.url):
                page.evaluate("() => window.__axeDone")
        missed = [
            url for url in dict.fromkeys(self.loaded) if _is_html(url) and url not in self.checked
        ]
        if missed:
            page = self.context.new_page()
            for url in missed:
                page.goto(url)
                page.evaluate("() => window.__axeDone")
        return "\n".join(
            f"{url}\n"
            + "\n".join(
                f"  {v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['targets'])}"
                f"\n    {v['html']}"
                for v in violations
            )
            for url, violations in self.checked.items()
            if violations
        )

    @property
    def pages_checked(self):
        return len(self.checked)


def _is_html(url):
    return urlsplit(url).scheme in ("http", "https")
