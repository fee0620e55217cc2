"""Charts for the dashboards, drawn on the server so they print and need no JavaScript: the
trend as inline SVG, the bar chart as an HTML list with a small SVG bar per row (bars.py says
why).

`bar_chart()` and `trend_chart()` do all the arithmetic and return a `Chart` whose every
coordinate is ready to draw (rounded to one decimal); the templates in
templates/reports/charts/ only draw it: `{% include chart.template_name with chart=chart %}`.

The trend is 320 units wide and scales to its box (width 100%). 320 units is about the width
a card leaves on a 360 px phone, so the 14-unit text stays at least 12 px there; charts.css
caps the width on a desktop so the text does not grow past reading size. Colours are
presentation attributes, not CSS, so a chart looks the same in a PDF or pasted elsewhere; the
tests check each for WCAG contrast (data marks 3:1, text 4.5:1, on white and on the page
background).
"""

from .bars import Bar, BarChart, bar_chart
from .drawing import PALETTE, Chart
from .trend import TrendChart, TrendPoint, trend_chart

__all__ = [
    "PALETTE",
    "Bar",
    "BarChart",
    "Chart",
    "TrendChart",
    "TrendPoint",
    "bar_chart",
    "trend_chart",
]
