"""The dashboard's server-drawn SVG charts: geometry, text, accessibility and markup."""

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from reports.charts import PALETTE, Bar, TrendPoint, bar_chart, trend_chart
from reports.charts.drawing import WIDTH, percent_text

SVG = "{http://www.w3.org/2000/svg}"
# What a card leaves of a 360 px phone: the page's and the card's padding and borders.
PHONE_CHART_PX = 360 - 2 * 16 - 2 * 16 - 2


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def render(chart) -> str:
    return render_to_string(chart.template_name, {"chart": chart})


def xml(markup: str) -> ET.Element:
    # Markup these tests render themselves, not untrusted input.
    return ET.fromstring(markup.strip())  # noqa: S314


def parse(chart) -> ET.Element:
    return xml(render(chart))


def bar_rects(svg) -> list[ET.Element]:
    return [r for r in svg.iter(f"{SVG}rect") if "chart__bar" in r.get("class", "").split()]


def texts(svg) -> list[str]:
    return ["".join(t.itertext()).strip() for t in svg.iter(f"{SVG}text")]


def weeks(n, *, start=date(2025, 11, 3)) -> list[TrendPoint]:
    return [TrendPoint(start + timedelta(weeks=i), i % 5, min(100, 4 * i)) for i in range(n)]


def townships() -> list[Bar]:
    return [
        Bar("城关镇", 100, url="/t/1/", note="52/52"),
        Bar("清水河乡", 50, url="/t/2/", note="26/52"),
        Bar("白沙镇", None, url="/t/3/"),
        Bar("石门乡", Decimal("12.5"), url="/t/4/", note="6/48", highlight=True),
    ]


# The bar chart


def bars_in(html: str) -> list[ET.Element]:
    root = xml(f"<div>{html}</div>")  # HTML: its inline <svg>s carry no namespace
    return [r for r in root.iter("rect") if "barchart__bar" in r.get("class", "").split()]


def rows_text(html: str) -> list[str]:
    """Each row's text as shown, the way a reader (or a screen reader) reads it."""
    root = xml(f"<div>{html}</div>")
    return [
        " ".join("".join(li.itertext()).split())
        for li in root.iter("li")
        if "barchart__row" in li.get("class", "")
    ]


def test_a_bar_is_as_long_as_its_percentage_of_the_rows_width():
    chart = bar_chart(
        [Bar("甲镇", 100), Bar("乙镇", 50), Bar("丙镇", Decimal("12.5"))],
        title="By township",
        id_prefix="b",
    )
    assert [row.length for row in chart.rows] == [100, 50, 12.5]
    # The drawing: each bar's track is 100 units stretched to the row, whatever its width.
    html = render(chart)
    assert [float(r.get("width")) for r in bars_in(html)] == [100, 50, 12.5]
    assert html.count('viewBox="0 0 100 10" preserveAspectRatio="none"') == 3


def test_a_bar_without_data_is_not_drawn_and_says_so():
    chart = bar_chart(townships(), title="By township", id_prefix="b")
    html = render(chart)

    assert chart.rows[2].length is None
    assert len(bars_in(html)) == 3
    assert rows_text(html)[2] == "白沙镇 No data"
    assert "白沙镇: No data" in chart.description


def test_the_highlighted_bar_is_marked_in_words_not_only_in_colour():
    chart = bar_chart(townships(), title="By township", id_prefix="b")
    html = render(chart)
    highlighted = [r for r in bars_in(html) if "barchart__bar--highlight" in r.get("class")]

    assert len(highlighted) == 1
    assert highlighted[0].get("fill") == PALETTE.highlight != PALETTE.bar
    assert "12.5%" not in rows_text(html)[3]  # values are whole percentages
    assert rows_text(html)[3] == "石门乡 13% 6/48 Lowest"
    assert "石门乡: 13% 6/48 Lowest" in chart.description

    other = bar_chart(
        [Bar("甲镇", 90, highlight=True)], title="t", id_prefix="b", highlight_label="Highest"
    )
    assert rows_text(render(other)) == ["甲镇 90% Highest"]


def test_labels_and_notes_are_escaped():
    chart = bar_chart(
        [Bar("<script>", 40, url="/t/?a=1&b=2", note='"<b>"')], title="A & B", id_prefix="b"
    )
    html = render(chart)

    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    root = xml(f"<div>{html}</div>")
    assert rows_text(html) == ['<script> 40% "<b>"']
    assert root.find(".//figcaption").text == "A & B"
    assert root.find(".//a").get("href") == "/t/?a=1&b=2"


def test_a_long_name_is_shown_whole():
    name = "黄花岭镇第一人大代表联络站（东片区）"
    chart = bar_chart([Bar(name, 40), Bar("甲镇", 60)], title="t", id_prefix="b")
    assert chart.rows[0].label == name
    assert rows_text(render(chart))[0] == f"{name} 40%"
    assert "…" not in render(chart)


def test_drill_down_rows_are_links_whose_text_is_name_and_value():
    chart = bar_chart(townships(), title="By township", id_prefix="b")
    root = xml(f"<div>{render(chart)}</div>")
    links = list(root.iter("a"))

    assert [a.get("href") for a in links] == ["/t/1/", "/t/2/", "/t/3/", "/t/4/"]
    # The link's name is what it shows (WCAG 2.5.3): no aria-label to drift from it.
    assert " ".join("".join(links[0].itertext()).split()) == "城关镇 100% 52/52"
    assert all(a.get("aria-label") is None for a in links)
    # The bar itself is decoration: the value is written out.
    assert all(svg.get("aria-hidden") == "true" for svg in root.iter("svg"))
    # Without links, rows are plain text.
    plain = xml(f"<div>{render(bar_chart([Bar('甲镇', 10)], title='t', id_prefix='b'))}</div>")
    assert not list(plain.iter("a"))


def test_no_fixed_widths_in_the_bar_charts_css():
    css = (settings.BASE_DIR / "static/css/charts.css").read_text(encoding="utf-8")
    rules = css[css.index(".barchart {") : css.index("@media (forced-colors")]
    # Widths follow the card and the text (rem); only the tap target's height is in px.
    assert not re.search(r"(width|columns)[^;]*\d+px", rules)
    assert "text-overflow" not in rules and "overflow: hidden" not in rules
    assert ".barchart__name { overflow-wrap: anywhere; }" in rules  # a long name wraps


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0%"), (0.2, "1%"), (12.5, "13%"), (70.5, "71%"), (99.6, "99%"), (100, "100%")],
)
def test_percentages_round_half_up_but_never_to_0_or_100_wrongly(value, shown):
    assert percent_text(value) == shown


# The trend


def test_the_trend_draws_a_bar_per_week_and_a_dot_per_percentage():
    chart = trend_chart(
        [
            TrendPoint(date(2025, 11, 10), 8, 20),
            TrendPoint(date(2025, 11, 3), 4, 10),  # out of order: drawn in date order
            TrendPoint(date(2025, 11, 17), 0, None),
        ],
        title="Week by week",
        id_prefix="t",
    )
    svg = parse(chart)
    first, second, third = chart.weeks

    assert len(bar_rects(svg)) == 3
    assert second.bar.height == pytest.approx(2 * first.bar.height, abs=0.1)
    assert third.bar.height == 0
    bottom = first.bar.y + first.bar.height
    assert bottom - second.dot.y == pytest.approx(2 * (bottom - first.dot.y), abs=0.1)
    assert third.dot is None
    assert len(list(svg.iter(f"{SVG}circle"))) == 1 + 2  # the legend's dot and two weeks'
    assert chart.x_labels[0].text == "11/3"
    assert chart.last_label.text == "20%"
    assert "Week of 11/17: 0 completions, no data so far" in render(chart)


def test_a_week_without_a_percentage_breaks_the_line():
    points = weeks(6)
    points[3] = TrendPoint(points[3].start, 1, None)
    chart = trend_chart(points, title="t", id_prefix="t")

    assert [len(line.split()) for line in chart.lines] == [3, 2]


def test_many_weeks_get_thinned_labels_that_include_the_latest():
    chart = trend_chart(weeks(26), title="t", id_prefix="t")
    labels = chart.x_labels

    assert 3 <= len(labels) < 26
    assert labels[-1].text == "4/27"  # 11/3 plus 25 weeks
    last_bar = chart.weeks[-1].bar
    assert labels[-1].x == pytest.approx(last_bar.x + last_bar.width / 2, abs=0.1)
    steps = [b.x - a.x for a, b in itertools.pairwise(labels)]
    assert max(steps) - min(steps) < 0.2  # evenly spaced,
    assert min(steps) > 5 * 14 * 0.64  # and further apart than the widest label, "12/29"
    few = trend_chart(weeks(4), title="t", id_prefix="t")
    assert [label.text for label in few.x_labels] == ["11/3", "11/10", "11/17", "11/24"]


def test_the_count_axis_ends_on_a_round_number_above_the_busiest_week():
    chart = trend_chart(
        [TrendPoint(date(2025, 11, 3), 37, 10), TrendPoint(date(2025, 11, 10), 5, 12)],
        title="t",
        id_prefix="t",
    )
    assert [line.labels[0].text for line in chart.gridlines] == ["0", "10", "20", "30", "40"]
    assert [line.labels[1].text for line in chart.gridlines] == ["0%", "25%", "50%", "75%", "100%"]


def test_the_trend_describes_itself_in_words():
    chart = trend_chart(weeks(4), title="t", id_prefix="t", description="All courses.")

    assert chart.description == (
        "All courses. From the week of 11/3 to the week of 11/24: 6 completions. "
        "12% completed by the week of 11/24. The busiest week was the week of 11/24 (3)."
    )


# Both


@pytest.mark.parametrize(
    "make",
    [
        lambda items: bar_chart(items, title="Completion", id_prefix="b"),
        lambda items: trend_chart(items, title="Completion", id_prefix="t"),
    ],
)
def test_no_data_renders_a_short_message_instead_of_a_chart(make):
    html = render(make([]))

    assert "No data yet" in html
    assert "<svg" not in html


def test_two_charts_on_a_page_have_ids_of_their_own():
    page = "<div>{}{}{}</div>".format(
        render(bar_chart(townships(), title="By township", id_prefix="by-township")),
        render(bar_chart(townships()[:2], title="By station", id_prefix="by-station")),
        render(trend_chart(weeks(5), title="Trend", id_prefix="trend")),
    )
    root = xml(page)
    ids = [e.get("id") for e in root.iter() if e.get("id")]

    assert len(ids) == len(set(ids)) == 6
    assert all(svg.get("aria-hidden") == "true" for svg in root.iter("svg"))  # the bars
    for svg in root.iter(f"{SVG}svg"):
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == title_id
        assert svg.find(f"{SVG}desc").get("id") == desc_id
    for figure in root.iter("figure"):
        assert figure.find(f".//*[@id='{figure.get('aria-labelledby')}']").tag == "figcaption"
        assert figure.find(f".//*[@id='{figure.get('aria-describedby')}']") is not None


def test_an_id_prefix_must_be_a_valid_id():
    with pytest.raises(ValueError, match="not a valid id"):
        bar_chart([Bar("甲镇", 1)], title="t", id_prefix="by township")
    with pytest.raises(ValueError, match="not a valid id"):
        trend_chart(weeks(1), title="t", id_prefix='x"><script>')


@pytest.mark.parametrize("language", ["en", "de"])  # German writes 12,5: not in SVG
def test_coordinates_have_at_most_one_decimal_whatever_the_language(language):
    charts = [
        bar_chart(townships(), title="t", id_prefix="b"),
        trend_chart(weeks(26), title="t", id_prefix="t"),
    ]
    with translation.override(language):
        html = "".join(render(chart) for chart in charts)
    number = r"-?\d+(\.\d)?"
    coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"', html)
    points = " ".join(re.findall(r' points="([^"]*)"', html)).split()

    assert coordinates and points
    for value in coordinates:
        assert value == "100%" or re.fullmatch(number, value), value  # 100%: the <svg>'s width
    for pair in points:
        assert re.fullmatch(f"{number},{number}", pair), pair


def test_text_is_at_least_12px_on_a_360px_phone():
    # The bar chart's text is the page's own HTML text; the trend's scales with its drawing.
    for chart in (trend_chart(weeks(3), title="t", id_prefix="t"),):
        svg = parse(chart)
        assert svg.get("viewBox").split()[2] == str(WIDTH)
        sizes = [float(svg.get("font-size"))] + [
            float(t.get("font-size")) for t in svg.iter(f"{SVG}text") if t.get("font-size")
        ]
        assert min(sizes) * PHONE_CHART_PX / WIDTH >= 12


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("background", ["#ffffff", "#f5f5f2"])  # a card, the page
def test_colours_meet_wcag_contrast(background):
    for text in (PALETTE.ink, PALETTE.muted, PALETTE.highlight, PALETTE.line):
        assert contrast(text, background) >= 4.5, text
    for mark in (PALETTE.bar, PALETTE.highlight, PALETTE.week_bar, PALETTE.line):
        assert contrast(mark, background) >= 3, mark
    # A long bar's value is written in white inside it (the trend); a bar stands out from
    # the empty track it fills (the bar chart).
    for fill in (PALETTE.bar, PALETTE.highlight):
        assert contrast(PALETTE.paper, fill) >= 4.5, fill
        assert contrast(PALETTE.track, fill) >= 3, fill


def test_the_charts_need_no_javascript_and_keep_their_colours_in_print():
    html = render(bar_chart(townships(), title="t", id_prefix="b")) + render(
        trend_chart(weeks(3), title="t", id_prefix="t")
    )
    assert "<script" not in html
    assert not re.search(r"\son\w+=", html)  # no event handlers either
    css = (settings.BASE_DIR / "static/css/charts.css").read_text(encoding="utf-8")
    assert "print-color-adjust: exact" in css
