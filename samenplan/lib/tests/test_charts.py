import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from samenplan.lib import charts

SVG = "{http://www.w3.org/2000/svg}"
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
D = datetime.date
GLUCOSE = {
    "Nuchter": [(D(2026, 3, 3), 7.8), (D(2026, 3, 10), 7.1), (D(2026, 3, 17), 6.6)],
    "Na het eten": [(D(2026, 3, 3), 10.2), (D(2026, 3, 10), 9.4), (D(2026, 3, 17), 8.7)],
}
DOMAINS = ["Lichaamsfuncties", "Mentaal welbevinden", "Zingeving", "Kwaliteit van leven",
           "Meedoen", "Dagelijks functioneren"]
SCORES = {"12 jan 2026": [5, 6, 7, 4, 3, 6], "12 mrt 2026": [6, 7, 7, 6, 5, 7]}


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def line(**kwargs):
    return charts.line_chart("Bloedsuiker", "Bloedsuiker van Anna in mmol/l",
                             kwargs.pop("series", GLUCOSE), **kwargs)


def radar(series=SCORES):
    return charts.radar_chart("Positieve Gezondheid", "Scores van Anna per gebied", DOMAINS,
                              series)


def parse(svg):
    assert svg.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ET.fromstring(svg)  # raises when it is not well-formed XML


def with_class(root, name, tag="*"):
    return [node for node in root.iter(f"{SVG}{tag}") if name in node.get("class", "").split()]


def texts(root, group_class):
    return ["".join(text.itertext()) for group in with_class(root, group_class, "g")
            for text in group.iter(f"{SVG}text")]


def x_labels(root):
    return [t for group in with_class(root, "axis", "g") if "x" in group.get("class").split()
            for t in texts(group, "guides")]


@pytest.mark.parametrize("make", [line, lambda: line(bands=[(4, 8, "Streef")]), radar])
def test_a_chart_is_a_standalone_svg_with_title_and_description(make):
    root = parse(make())
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 800 400"
    # No fixed size: the page decides how wide the image is.
    assert root.get("width") is None and root.get("height") is None
    assert root.find(f"{SVG}title").text in ("Bloedsuiker", "Positieve Gezondheid")
    assert root.find(f"{SVG}desc").text.startswith(("Bloedsuiker van Anna", "Scores van Anna"))


@pytest.mark.parametrize("make", [line, lambda: line(bands=[(4, 8, "")]), radar,
                                  lambda: line(series={})])
def test_a_chart_has_no_script_and_no_link_to_anything_outside_it(make):
    svg = make()
    root = parse(svg)
    assert not list(root.iter(f"{SVG}script"))
    assert b"<script" not in svg and b"xml-stylesheet" not in svg
    assert set(re.findall(rb"https?://[^\s\"')<]*", svg)) <= {uri.encode() for uri in NAMESPACES}
    assert not [key for node in root.iter() for key in node.attrib if key.endswith("href")]


@pytest.mark.parametrize("make", [line, lambda: line(bands=[(4, 8, "Streef")]), radar])
def test_all_text_is_at_least_14_pixels(make):
    sizes = re.findall(rb"font-size:\s*(\d+)px", make())
    assert sizes and min(int(size) for size in sizes) >= 14


def test_text_that_people_typed_is_escaped():
    nasty = "<script>alert(1)</script> & zo"
    svg = charts.line_chart(nasty, nasty, {nasty: GLUCOSE["Nuchter"]}, y_title=nasty,
                            bands=[(6, 8, f"{nasty}!")])
    root = parse(svg)
    assert not list(root.iter(f"{SVG}script"))
    assert root.find(f"{SVG}title").text == nasty
    assert root.find(f"{SVG}desc").text == nasty
    assert texts(root, "legends") == [nasty, f"{nasty}!"]
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; zo" in svg

    root = parse(charts.radar_chart(nasty, nasty, [nasty, "b", "c"], {nasty: [1, 2, 3]}))
    assert not list(root.iter(f"{SVG}script"))
    assert nasty in texts(root, "legends")
    assert nasty in x_labels(root)


def test_control_characters_that_xml_cannot_hold_are_left_out():
    odd = "Pijn\x01 en\x0b moe"
    root = parse(charts.line_chart(odd, odd, {odd: GLUCOSE["Nuchter"]}, y_title=odd,
                                   bands=[(6, 8, odd)]))
    assert root.find(f"{SVG}title").text == "Pijn en moe"
    assert texts(root, "legends") == ["Pijn en moe", "Pijn en moe"]
    root = parse(charts.radar_chart(odd, odd, [odd, "b", "c"], {odd: [1, 2, 3]}))
    assert "Pijn en moe" in x_labels(root)


def test_a_line_chart_with_two_series_draws_two_lines():
    root = parse(line())
    lines = [path for path in with_class(root, "line", "path") if "reactive" in path.get("class")]
    assert len(lines) == 2
    assert texts(root, "legends") == ["Nuchter", "Na het eten"]


def test_the_band_is_shaded_and_named_in_the_legend():
    root = parse(line(bands=[(4.5, 8, "Streefwaarde 4,5 tot 8")]))
    assert texts(root, "legends") == ["Nuchter", "Na het eten", "Streefwaarde 4,5 tot 8"]
    [shade] = with_class(root, "band", "g")
    assert len(shade.findall(f"{SVG}rect")) == 1
    [edges] = with_class(root, "band-edges", "g")
    assert len(edges.findall(f"{SVG}path")) == 2  # a dashed line at 4,5 and at 8
    # Still two lines: the band's legend entry draws nothing.
    assert len([p for p in with_class(root, "line", "path") if "reactive" in p.get("class")]) == 2


def test_two_bands_are_each_shaded_and_named():
    root = parse(line(bands=[(None, 140, "Bovendruk"), (None, 90, "Onderdruk")]))
    assert texts(root, "legends")[-2:] == ["Bovendruk", "Onderdruk"]
    assert len(with_class(root, "band", "g")) == 2
    edges = with_class(root, "band-edges", "g")
    assert sum(len(group.findall(f"{SVG}path")) for group in edges) == 2


def test_an_open_band_has_one_edge():
    root = parse(line(bands=[(None, 8, "Onder de 8")]))
    [edges] = with_class(root, "band-edges", "g")
    assert len(edges.findall(f"{SVG}path")) == 1
    assert "Onder de 8" in texts(root, "legends")


def y_labels(root):
    return [t for group in with_class(root, "axis", "g") if "y" in group.get("class").split()
            for t in texts(group, "guides")]


def test_the_y_axis_runs_between_round_numbers_and_reaches_the_band():
    root = parse(line(series={"Nuchter": GLUCOSE["Nuchter"]}, bands=[(4, 7, "")]))
    assert y_labels(root) == ["4", "5", "6", "7", "8"]


def test_the_y_axis_keeps_the_range_it_is_given():
    root = parse(line(y_range=(0, 20), bands=[(4, 8, "")]))
    assert y_labels(root)[0] == "0" and y_labels(root)[-1] == "20"


def test_dates_on_the_axis_are_dutch_with_the_year_where_it_starts_or_changes():
    root = parse(line())
    assert x_labels(root) == ["3 mrt 2026", "10 mrt", "17 mrt"]

    root = parse(line(series={"Gewicht": [(D(2025, 12, 1), 70), (D(2026, 1, 5), 69),
                                          (D(2026, 2, 9), 68)]}))
    assert x_labels(root) == ["1 dec 2025", "5 jan 2026", "9 feb"]


def test_many_dates_are_spread_evenly_over_the_axis():
    points = [(D(2026, 1, 1) + datetime.timedelta(days=day), 7) for day in range(0, 100, 3)]
    labels = x_labels(parse(line(series={"Score": points})))
    assert labels[0] == "1 jan 2026"
    assert 3 <= len(labels) <= 6


def test_a_moment_is_shown_on_its_day_in_the_netherlands():
    late = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)  # 00:30 on 3 March here
    assert x_labels(parse(line(series={"Score": [(late, 7)]}))) == ["3 mrt 2026"]


def test_numbers_on_the_axis_have_a_decimal_comma():
    root = parse(line(series={"Score": [(D(2026, 3, 3), 4.2)]}, y_range=(4, 5)))
    assert "4,2" in y_labels(root)


@pytest.mark.parametrize(
    "make",
    [
        lambda: line(series={}),
        lambda: line(series={"Nuchter": []}),
        lambda: line(series={"Nuchter": [(D(2026, 3, 3), None)]}, bands=[(4, 8, "")]),
        lambda: radar({}),
        lambda: radar({"12 mrt 2026": [None] * 6}),
    ],
)
def test_a_chart_without_data_says_so(make):
    root = parse(make())
    assert [text.text for text in with_class(root, "no_data", "text")] == ["Nog geen gegevens"]
    assert not texts(root, "axis") and not texts(root, "legends")


def test_the_radar_chart_names_its_axes_and_has_a_polygon_per_moment():
    root = parse(radar())
    assert sorted(x_labels(root)) == sorted(DOMAINS)
    assert len([p for p in with_class(root, "line", "path") if "reactive" in p.get("class")]) == 2
    assert texts(root, "legends") == ["12 jan 2026", "12 mrt 2026"]


def test_a_missing_score_is_left_out_and_not_drawn_as_zero():
    root = parse(radar({"12 mrt 2026": [6, None, 7, 6, 5, 7]}))
    assert len(with_class(root, "dot", "circle")) == 5


def test_the_response_is_an_svg_that_no_cache_keeps():
    response = charts.svg_response(line())
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    parse(response.content)
