"""HTML as a question file carries it (Moodle's [html] texts), turned into the plain text the bank
stores: its line breaks kept, its links and media kept as addresses a reader can still follow."""

import re
from html.parser import HTMLParser

# Elements that stand on lines of their own.
BLOCKS = {
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
    "section", "table", "tr", "ul",
}  # fmt: skip
MEDIA = {"img", "audio", "video", "source", "iframe", "embed", "track"}
SKIPPED = {"script", "style", "head", "title"}
BREAK = "\x00"  # a line ends here, unless one already does


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment: <br> and block elements (<p>, <li>, <div>, …) end lines,
    a link reads "text (address)", an image "alt (address)", entities are characters."""
    reader = _TextReader()
    reader.feed(markup)
    reader.close()
    text = re.sub(rf"[ \t]*{BREAK}[{BREAK} \t]*", BREAK, "".join(reader.parts))
    text = re.sub(rf"\n?{BREAK}\n?", "\n", text.strip(BREAK))
    return "\n".join(line.strip() for line in text.split("\n")).strip()


class _TextReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str | None, int]] = []  # each open <a>: its address, where
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append(BREAK)
        elif tag == "a":
            self.links.append((attrs.get("href"), len(self.parts)))
        elif tag in MEDIA and attrs.get("src"):
            label = (attrs.get("alt") or attrs.get("title") or "").strip()
            self.parts.append(f"{label} ({attrs['src']})" if label else attrs["src"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIPPED:
            self.hidden -= 1

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append(BREAK)
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:]).strip()
            if href and href != label and not href.startswith("#"):
                self.parts.append(f" ({href})" if label else href)

    def handle_data(self, data):
        if not self.hidden:
            # Spaces and line ends in HTML source are one space, as a browser shows them.
            self.parts.append(re.sub(r"\s+", " ", data))
