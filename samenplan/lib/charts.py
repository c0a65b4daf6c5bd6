"""Charts as standalone SVG documents, drawn on the server with pygal.

A page shows a chart as <img src="..." alt="..."> in a <figure> with a caption and a data
table as its text alternative, so a chart works without JavaScript and can go into a PDF
later. The SVG holds no script, no tooltip and no link to anything outside itself; its
<title> and <desc> say what it shows for whoever opens the image on its own.
"""

import datetime
import math
import re
import xml.etree.ElementTree as ET  # nosec B405  # it only reads pygal's output, see _finish

import pygal
from django.http import HttpResponse
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext as _
from pygal.adapters import positive
from pygal.style import Style

SVG_NS = "http://www.w3.org/2000/svg"
TITLE, DESC, SCRIPT = (f"{{{SVG_NS}}}{tag}" for tag in ("title", "desc", "script"))
WIDTH, HEIGHT = 800, 400
COLOURS = ("#1d4f73", "#a04000", "#2e6b30", "#5b3f8c")
# A second way to tell the lines apart than colour alone.
DASHES = ("none", "12,6", "3,5", "12,5,3,5")
# Per band: its fill, the colour of its edges and their dashes.
BAND_LOOKS = (("#c9e4bf", "#3f6b37", "8,4"), ("#c6dcef", "#1d4f73", "2,4"))
BAND_OPACITY = ".6"
MAX_DATE_LABELS = 6
Moment = datetime.datetime | datetime.date
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

STYLE = dict(
    background="#ffffff", plot_background="#ffffff",
    foreground="#1a1a1a", foreground_strong="#1a1a1a", foreground_subtle="#595959",
    font_family='"Noto Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
    # 16px at the full 800 wide: still 14px when the image is shown 700 wide.
    label_font_size=16, major_label_font_size=16, legend_font_size=16, title_font_size=16,
    value_label_font_size=16, no_data_font_size=24,
    guide_stroke_color="#c8c8c8", major_guide_stroke_color="#c8c8c8",
    guide_stroke_dasharray="none", major_guide_stroke_dasharray="none",
    # The same with and without the mouse on it, and no transitions.
    opacity=".12", opacity_hover=".12",  # the fill of a radar polygon and of a legend box
    stroke_opacity="1", stroke_opacity_hover="1", stroke_width="3", stroke_width_hover="3",
    transition="none",
)
CONFIG = dict(
    width=WIDTH, height=HEIGHT, legend_at_bottom=True, truncate_label=-1, dots_size=4,
    js=[],  # pygal's tooltips are a script on the internet: none of that here
    margin=12, margin_right=36,  # room for half of the last date under the x axis
)


def _text(text):
    """Text someone typed, without the control characters that XML cannot hold."""
    return NOT_IN_XML.sub("", str(text))


def _number(value):
    return f"{round(value, 2):g}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def _chart(cls, series, empty, colours=COLOURS, **config):
    config["style"] = Style(colors=colours, **STYLE)
    if empty:  # only the words "Nog geen gegevens", no axes or legend without meaning
        config.update(show_x_labels=False, show_y_labels=False, show_y_guides=False,
                      show_legend=False)
    chart = cls(**{**CONFIG, "no_data_text": _("Nog geen gegevens"), "value_formatter": _number,
                   **config})
    for i, (name, values) in enumerate(series.items()):
        dashes = DASHES[i % len(DASHES)]
        chart.add(_text(name), values, stroke_style={"width": 3, "dasharray": dashes})
    return chart


def _nice_range(values):
    """From a round number below the values to one above: pygal puts the first and last
    number on the axis at the ends, and 4 to 7.8 would give 4; 4,8; 5,6; 6,4; 7,2."""
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    step = 10 ** math.floor(math.log10(high - low))
    if (high - low) / step < 4:
        step /= 2
    return math.floor(low / step) * step, math.ceil(high / step) * step


def _day(moment):
    """A date or datetime as a day number, the time of day as a fraction, in local time.
    A date is at noon: in the middle of its day, where its label is."""
    if not isinstance(moment, datetime.datetime):
        return moment.toordinal() + 0.5
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.toordinal() + (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86400


def _date_labels(days):
    """Dates for under the x axis: on the days with a measurement when there are a few,
    evenly spread otherwise; the year on the first and where it changes ("3 mrt 2026",
    "10 mrt"). "b" is the month in three lower-case letters, in the active language."""
    first, last = min(days), max(days)
    spots = sorted({int(day) for day in days})
    gaps = [b - a for a, b in zip(spots, spots[1:], strict=False)]
    if len(spots) > MAX_DATE_LABELS or (gaps and min(gaps) < (last - first) / 8):
        step = max(1, round((last - first) / (MAX_DATE_LABELS - 1)))
        spots = list(range(int(first), int(last) + 1, step))
    labels, year = [], None
    for spot in spots:
        day = datetime.date.fromordinal(spot)
        label = dateformat.format(day, "j b" if day.year == year else "j b Y")
        labels.append({"value": spot + 0.5, "label": label})
        year = day.year
    return labels


class _BandLine(pygal.XY):
    bands = ()  # (low, high) pairs, either may be None

    def _compute_margin(self):
        super()._compute_margin()
        # pygal rounds the number of legend rows down (5 entries in 3 columns: 1 row).
        if self.show_legend and self._order % self.legend_at_bottom_columns:
            self.margin_box.bottom += 1.5 * max(self.style.legend_font_size, self.legend_box_size)

    def _plot(self):
        height, width = self.view.height, self.view.width
        plot = self.nodes["plot"]
        for index, (low, high) in enumerate(self.bands):
            fill, edge, dashes = BAND_LOOKS[index % len(BAND_LOOKS)]
            top = 0 if high is None else min(max(self.view.y(high), 0), height)
            bottom = height if low is None else min(max(self.view.y(low), 0), height)
            # The shade under the grid lines, just above the plot's background; the edges
            # over the grid lines, under the data.
            shade = self.svg.node(plot, class_="band")
            plot.remove(shade)
            plot.insert(1 + index, shade)
            self.svg.node(shade, "rect", x=0, y=top, width=width, height=bottom - top,
                          style=f"fill: {fill}; fill-opacity: {BAND_OPACITY}")
            edges = self.svg.node(plot, class_="band-edges")
            for value, y in ((low, bottom), (high, top)):
                if value is not None:
                    self.svg.node(edges, "path", d=f"M0 {y} H{width}", style=(
                        f"stroke: {edge}; stroke-width: 2; stroke-dasharray: {dashes}"))
        super()._plot()


def line_chart(title: str, description: str, series: dict[str, list[tuple[Moment, float]]], *,
               y_title: str = "", y_range: tuple[float, float] | None = None,
               bands: list[tuple[float | None, float | None, str]] = ()) -> bytes:
    """One line per series over time. Each of `bands` is a target or normal range (low,
    high, its name in the legend; low or high None is open), shaded, with dashed edges.
    A point's value may be None: the line skips it."""
    series = {name: [(_day(x), y) for x, y in points] for name, points in series.items() if points}
    values = [y for points in series.values() for _x, y in points if y is not None]
    days = [x for points in series.values() for x, _y in points] if values else []
    bands = [band for band in bands if band[:2] != (None, None)] if days else []
    entries = len(series) + len(bands)
    config = {"y_title": _text(y_title) or None, "range": y_range, "max_scale": 8,
              "legend_at_bottom_columns": min(max(entries, 1), 3)}
    if days:
        config["x_labels"] = _date_labels(days)
        config["x_value_formatter"] = lambda x: dateformat.format(
            datetime.date.fromordinal(int(x)), "j b Y")
        if int(min(days)) == int(max(days)):  # one day: the whole day, from 0:00 to 24:00
            config["xrange"] = (int(min(days)), int(min(days)) + 1)
    if values and not y_range:
        edges = [v for band in bands for v in band[:2] if v is not None]
        config["range"] = _nice_range(values + edges)
    if bands:
        # Each band gets a legend entry after the lines, in its own look.
        n = len(series)
        looks = [BAND_LOOKS[i % len(BAND_LOOKS)] for i in range(len(bands))]
        config["colours"] = COLOURS[:n] + tuple(fill for fill, _edge, _dashes in looks)
        config["css"] = [*pygal.Config().css, *(
            f"inline:.legends .color-{n + i} {{ fill: {fill} !important; fill-opacity: 1"
            f" !important; stroke: {edge} !important; stroke-width: 2 !important; }}"
            for i, (fill, edge, _dashes) in enumerate(looks))]
    chart = _chart(_BandLine, series, not values, **config)
    chart.bands = [(low, high) for low, high, _label in bands]
    for _low, _high, label in bands:
        chart.add(_text(label) or _("Streefwaarde"), [])
    return _finish(chart, title, description)


class _Radar(pygal.Radar):
    _adapters = [positive]  # without pygal's none_to_zero: no score is not a score of 0

    def _set_view(self):
        """A square plot, so that the web is round and not stretched to the width; the
        room left and right is for the names of the domains."""
        extra = (self.width - self.margin_box.x) - (self.height - self.margin_box.y)
        if extra > 0:
            self.margin_box.left += extra / 2
            self.margin_box.right += extra / 2
        super()._set_view()

    def _x_axis(self, draw_axes=True):
        """The names of the domains level (pygal turns them along their spokes), a little
        past the end of their spoke, clear of the web and of the numbers on it."""
        super()._x_axis(draw_axes)
        font = self.style.label_font_size
        centre_x, centre_y = self.view((0, 0))
        for axis in self.nodes["plot"]:
            if axis.get("class", "").startswith("axis x web"):
                for text in axis.iter("text"):
                    del text.attrib["transform"]
                    dx, dy = float(text.get("x")) - centre_x, float(text.get("y")) - centre_y
                    length = math.hypot(dx, dy) or 1
                    dx, dy = dx / length, dy / length
                    anchor = "middle" if abs(dx) < 0.1 else "start" if dx > 0 else "end"
                    text.set("style", f"text-anchor: {anchor}")
                    # y is the baseline: below the web the text hangs under it.
                    shift_y = font if dy > 0.9 else font / 3 if abs(dx) >= 0.1 else 0
                    text.set("x", str(centre_x + dx * (length + 8)))
                    text.set("y", str(centre_y + dy * (length + 8) + shift_y))


def radar_chart(title: str, description: str, axes: list[str],
                series: dict[str, list[float | None]], *, max_value: float = 10) -> bytes:
    """A web with a spoke per axis (say the domains of Positive Health) and a polygon per
    series (say a moment, "12 mrt 2026"). A None score is left out, not drawn as 0."""
    empty = all(v is None for values in series.values() for v in values)
    chart = _chart(_Radar, series, empty, range=(0, max_value), fill=True, margin_top=24,
                   x_labels=[_text(axis) for axis in axes])
    return _finish(chart, title, description)


def bar_chart(title: str, description: str, bars: list[tuple[str, float | None]], *,
              max_value: float | None = None) -> bytes:
    """Horizontal bars, one per (name, value), top to bottom in the order given; the
    names on the left, the value at the end of each bar. A None value gets no bar. The
    scale runs from 0 to `max_value` in quarters, or else in whole numbers (counts)."""
    values = [value for _name, value in bars if value is not None]
    if max_value:
        ticks = [max_value * i / 4 for i in range(5)]
    else:
        step = max(1, math.ceil(max(values, default=1) / 5))
        ticks = list(range(0, math.ceil(max(values, default=1) / step) * step + 1, step))
    chart = _chart(pygal.HorizontalBar, {"": [value for _name, value in reversed(bars)]},
                   not values, show_legend=False, print_values=True, y_labels=ticks,
                   x_labels=[_text(name) for name, _value in reversed(bars)],
                   range=(0, ticks[-1]))
    return _finish(chart, title, description)


def _finish(chart, title, description):
    """pygal's SVG without its comments (links to pygal's site), its script (always there,
    also with js=[]: the tooltips' settings), tooltip data and tooltip layer; with our own
    <title> and <desc>."""
    # Our own chart, rendered by pygal, which escapes every text: no DTD, no entities.
    root = ET.fromstring(chart.render())  # nosec B314  # the parser leaves comments out
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (SCRIPT, DESC) or "tooltip-overlay" in child.get("class", ""):
                parent.remove(child)
    title_node = root.find(TITLE)
    title_node.text = _text(title)
    desc = ET.Element(DESC)
    desc.text = _text(description)
    root.insert(list(root).index(title_node) + 1, desc)
    root.set("role", "img")
    # Written with SVG as the default namespace, not as "ns0:svg".
    for node in root.iter():
        node.tag = node.tag.removeprefix(f"{{{SVG_NS}}}")
    root.set("xmlns", SVG_NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def svg_response(svg: bytes) -> HttpResponse:
    """The SVG of a chart as a response. It holds health data: not kept in any cache."""
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
