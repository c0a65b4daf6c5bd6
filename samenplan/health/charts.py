"""The charts of health data, for the pages and the booklet alike."""

from django.utils.translation import gettext as _

from samenplan.lib import charts

from .queries import current_targets, measurement_points


def measurement_chart(plan, kind, with_results):
    """The SVG of one kind of measurement over time, against the target that holds today
    (for blood pressure: two lines and two bands)."""
    points = list(reversed(measurement_points(plan, kind.key, with_results)))
    series = {kind.parts[0].name.capitalize() if kind.has_two_parts else kind.name:
              [(p.moment, float(p.value)) for p in points]}
    if kind.has_two_parts:
        series[kind.parts[1].name.capitalize()] = [
            (p.moment, float(p.second_value)) for p in points if p.second_value is not None]
    target = current_targets(plan).get(kind.key)
    bands = []
    if target:
        for part, (low, high) in zip(kind.parts, target.bands(), strict=True):
            label = _("Streefwaarde") + (f" {part.name}" if kind.has_two_parts else "")
            bands.append((None if low is None else float(low),
                          None if high is None else float(high), label))
    return charts.line_chart(
        kind.name, _("De metingen van %(name)s over de tijd, met de streefwaarde.")
        % {"name": kind.name}, series, y_title=kind.unit_label, bands=bands,
    )
