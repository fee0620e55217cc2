"""What every chart shares: the palette, the sizes, the shapes the templates draw, the `Chart`
they are drawn from, and measuring text on the server."""

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from django.utils.translation import gettext


@dataclass(frozen=True)
class Palette:
    ink: str = "#1f2328"  # text, 15.8:1 on white
    muted: str = "#555c64"  # axis labels and notes, 6.9:1
    grid: str = "#d0d5db"  # gridlines: decoration, the values are written out
    bar: str = "#1a5fb4"  # 6.3:1, so white text inside a bar reads too
    highlight: str = "#b3161b"  # the site's red, 6.3:1; always with a text marker
    week_bar: str = "#4f86c6"  # 3.8:1, lighter than the line it sits under
    line: str = "#b3161b"
    paper: str = "#ffffff"  # white: text inside a bar, halos that part the line from the bars
    track: str = "#e9ecef"  # the bar chart's empty track: decoration, each value is written out


PALETTE = Palette()

WIDTH = 320
FONT = 14  # every text in a chart: 12.9 px on a 360 px phone inside a card
PAD = 4
GAP = 6
ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Gridline:
    x1: float
    y1: float
    x2: float
    y2: float
    labels: tuple[Label, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Chart:
    """A chart ready to draw. `id` prefixes the ids of its <title> and <desc>, so two charts
    on a page name themselves apart."""

    template_name: ClassVar[str]
    id: str
    title: str
    description: str = ""
    width: int = WIDTH
    height: float = 0
    palette: Palette = PALETTE
    font_size: int = FONT

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"

    @property
    def empty(self) -> bool:
        raise NotImplementedError


# Measuring text. The server cannot measure glyphs, so this errs wide: a Chinese character
# is 1 em, anything else 0.64 em (DejaVu Sans's digits, the widest common Latin font).


def text_width(text: str, *, size: float = FONT, bold: bool = False) -> float:
    ems = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WFA":
            ems += 1.0
        elif char in " .,:;/|!'()[]":
            ems += 0.36
        else:
            ems += 0.64
    return ems * size * (1.1 if bold else 1.0)


def fit_text(text: str, max_width: float, *, bold: bool = False) -> str:
    """`text`, or as much of it as fits in `max_width` followed by an ellipsis."""
    if text_width(text, bold=bold) <= max_width:
        return text
    room = max_width - text_width("…", bold=bold)
    kept = ""
    for char in text:
        if text_width(kept + char, bold=bold) > room:
            break
        kept += char
    return kept.rstrip() + "…"


def percent_text(value: float) -> str:
    # Round half up, but never to 100% before everyone is done, nor to 0% once someone is.
    shown = math.floor(value + 0.5)
    if shown >= 100 > value:
        shown = 99
    elif shown <= 0 < value:
        shown = 1
    return f"{shown}%"


def rounded(number: float) -> float:
    return round(number, 1)


def check_id(id_prefix: str) -> str:
    if not ID_PATTERN.match(id_prefix):
        raise ValueError(f"Chart id prefix {id_prefix!r} is not a valid id.")
    return id_prefix


def join_items(parts: Iterable[str]) -> str:
    # Translators: separates the items of a chart's description, e.g. "A: 71%; B: 45%".
    return gettext("; ").join(parts)


def baseline(center_y: float) -> float:
    # SVG text sits on its baseline: 0.35 em below the middle centres digits and Chinese alike.
    return rounded(center_y + 0.35 * FONT)
