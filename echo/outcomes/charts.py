"""Charts for the program dashboard: accessible SVG drawn on the server, returned as Markup.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and described by its
``<desc>``, in which the caller states the main finding in words (WCAG 1.1.1); the page
puts a data table with the same numbers beside it, so the chart draws none. Nothing is
told by colour alone (WCAG 1.4.1): bars print their values, line series differ by marker
shape and dash pattern and carry their names at their ends, and the pre/post chart tells
before (hollow circle) from after (filled square) by shape, with a legend in words.
Colours come from the classes of the "Charts" section of static/css/echo.css, each mark
at least 3:1 against the page (WCAG 1.4.11). There is no inline style or script (the
Content-Security-Policy allows neither); geometry that carries meaning (dash patterns,
shapes) is in SVG attributes so it survives without the stylesheet.

The drawing is 400 units wide with a ``viewBox`` and no fixed size: it takes the width of
its box (at most 30rem) and its 16-unit text stays at 12 px or more on a 375 px phone.
Text is laid out with a generous estimate of its width (0.6 em a character), never
rotated, and wrapped at spaces rather than cut.

Bar orientation: bars stand vertical while there are at most 12 of them and every label
and printed value fits on one line within its bar's slot; otherwise they lie horizontal,
one row each, the label (wrapped when long) above its bar and the value after its end.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

__all__ = [
    "NO_DATA",
    "PairedRow",
    "bar_chart",
    "line_chart",
    "nice_ticks",
    "paired_chart",
]

Number = float | int | Decimal

NO_DATA = "No data for this period."
WIDTH = 400.0  # drawing units across; the stylesheet scales the drawing to its box
FONT = 16.0  # text size in drawing units (the stylesheet sets --text-base, 16 px)
# Generous average advances of one character, in ems, for laying text out without its
# font: regular, bold (values and series names are bold) and a wide letter or sign.
EM, BOLD_EM, WIDE_EM = 0.6, 0.7, 1.0
WIDE = frozenset("%@MWmw")
LINE = 20.0  # from one line of text to the next
PLOT_HEIGHT = 200.0  # the value axis of the bar and line charts
BAR = 20.0  # thickness of a horizontal bar
MAX_VERTICAL_BARS = 12
MAX_SERIES = 4
# One per series, in order: the marker shape and the dash pattern of its line.
SHAPES = ("circle", "square", "triangle", "diamond")
DASHES = ("none", "8 4", "2 4", "12 4 2 4")

_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


@dataclass(frozen=True)
class PairedRow:
    """One scale's mean before and after, with an optional interval around the after mean."""

    label: str
    before: float
    after: float
    ci_low: float | None
    ci_high: float | None
    scale_min: float
    scale_max: float


def nice_ticks(max_value: float, *, integers: bool = False, intervals: int = 5) -> list[float]:
    """Ticks from 0 up to the first step at or above ``max_value``, the step being 1, 2 or 5
    times a power of ten and giving at most ``intervals`` steps: 7 gives [0, 2, 4, 6, 8],
    93 gives [0, 20, 40, 60, 80, 100]. A maximum of 0 gives [0, 1], so an all-zero chart
    still has a scale. With ``integers`` no step is below 1 (people come whole)."""
    value = float(max_value)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"ticks need a finite maximum of 0 or more, not {max_value!r}")
    if intervals < 1:
        raise ValueError("ticks need at least one interval")
    if value == 0:
        return [0.0, 1.0]
    exponent = math.floor(math.log10(value / intervals))
    if integers:
        exponent = max(exponent, 0)
    for power in (exponent, exponent + 1):
        for multiple in (1, 2, 5):
            step = multiple * 10.0**power
            count = max(1, math.ceil(value / step - 1e-9))
            if count <= intervals:
                digits = max(0, -power)
                return [round(i * step, digits) for i in range(count + 1)]
    raise AssertionError("a step of ten times the first power always fits")


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[Number],
    unit: str = "",
    value_format: Callable[[float], str] | None = None,
) -> Markup:
    """Bars from a zero baseline, each with its value printed beside it.

    ``unit`` follows each printed value ("%" directly, a word after a space);
    ``value_format`` formats the printed values and the tick labels. Values must be 0 or
    more. See the module docstring for when the bars lie horizontal."""
    _check_id(chart_id)
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} labels for {len(values)} values")
    if not labels:
        return _no_data(chart_id, title)
    numbers = [_number(value) for value in values]
    fmt = value_format or _format
    ticks = nice_ticks(max(numbers), integers=all(n.is_integer() for n in numbers))
    tick_texts = [fmt(tick) for tick in ticks]
    value_texts = [_with_unit(fmt(number), unit) for number in numbers]
    left = _width_of(tick_texts) + 10
    slot = (WIDTH - 4 - left) / len(labels)
    fits = all(_width(label) <= slot - 4 for label in labels) and all(
        _width(text, bold=True) <= slot - 4 for text in value_texts
    )
    if len(labels) <= MAX_VERTICAL_BARS and fits:
        body, height = _vertical_bars(labels, numbers, value_texts, ticks, tick_texts, left)
    else:
        body, height = _horizontal_bars(labels, numbers, value_texts, ticks, tick_texts)
    return _svg(chart_id, title, description, height, body)


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    unit: str = "",
) -> Markup:
    """One to four series over the same labels (sessions, months), from a zero baseline.

    Each series has its own marker shape and dash pattern and its name at its last value;
    ``None`` is a gap in the line. Markers mark every point while there is room, and
    otherwise the ends of each stretch of line (a lone point always has one). ``unit``
    captions the value axis."""
    _check_id(chart_id)
    if len(series) > MAX_SERIES:
        raise ValueError(f"at most {MAX_SERIES} series can be told apart; split the chart")
    for name, values in series:
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(labels)} labels")
    points = [
        [None if value is None else _number(value) for value in values] for _, values in series
    ]
    present = [value for values in points for value in values if value is not None]
    if not labels or not present:
        return _no_data(chart_id, title)

    ticks = nice_ticks(max(present), integers=all(value.is_integer() for value in present))
    tick_texts = [_format(tick) for tick in ticks]
    names = [_series_name(name) for name, _ in series]
    left = _width_of(tick_texts) + 10
    right = WIDTH - max(_width_of(lines, bold=True) for lines in names) - 26
    top = 12.0 + (LINE if unit else 0)
    bottom = top + PLOT_HEIGHT
    scale = PLOT_HEIGHT / ticks[-1]
    step = (right - left) / len(labels)

    def x_at(index: int) -> float:
        return left + (index + 0.5) * step

    def y_at(value: float) -> float:
        return bottom - value * scale

    parts = []
    if unit:
        parts.append(_text(0, 14, unit, "chart-unit"))
    parts.extend(_value_grid(ticks, tick_texts, left, right, y_at))

    label_lines = [_wrap(label, 90) for label in labels]
    label_width = _width_of([line for lines in label_lines for line in lines])
    every = max(1, math.ceil((label_width + 8) / step))
    shown = list(range(0, len(labels), every))
    if shown[-1] != len(labels) - 1 and len(shown) > 1:
        if (len(labels) - 1 - shown[-1]) * step >= label_width + 8:
            shown.append(len(labels) - 1)
        else:
            shown[-1] = len(labels) - 1
    for index in shown:
        lines = label_lines[index]
        half = _width_of(lines) / 2
        x = min(max(x_at(index), half), WIDTH - half)
        parts.append(_line(x_at(index), bottom, x_at(index), bottom + 5, "chart-axis"))
        parts.append(_text(x, bottom + LINE, lines, "chart-label", anchor="middle"))
    height = bottom + 10 + max(len(label_lines[i]) for i in shown) * LINE
    parts.append(_line(left, bottom, right, bottom, "chart-axis"))

    every_point = step >= 14
    ends: list[tuple[float, int]] = []
    for number, values in enumerate(points):
        shape = SHAPES[number]
        segments: list[list[tuple[float, float]]] = [[]]
        for index, value in enumerate(values):
            if value is None:
                if segments[-1]:
                    segments.append([])
            else:
                segments[-1].append((x_at(index), y_at(value)))
        segments = [segment for segment in segments if segment]
        path = " ".join(
            "M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in segment)
            for segment in segments
            if len(segment) > 1
        )
        group = [f'<g class="chart-series chart-series-{number + 1}">']
        if path:
            group.append(
                f'<path class="chart-line" fill="none" stroke-dasharray="{DASHES[number]}"'
                f' d="{path}"/>'
            )
        for segment in segments:
            marked = segment if every_point else list(dict.fromkeys([segment[0], segment[-1]]))
            group.extend(_marker(shape, x, y) for x, y in marked)
        group.append("</g>")
        parts.extend(group)
        if segments:  # a series without a value in the period has no line and no name
            ends.append((segments[-1][-1][1], number))

    # Names at the series' last values, pushed apart where they would overlap, each after
    # its series' marker so that a name pushed off its line still shows which line it names.
    placed_bottom = -math.inf
    for y, number in sorted(ends):
        lines = names[number]
        first = max(y, placed_bottom + LINE / 2 + 2)
        parts.append(
            f'<g class="chart-series chart-series-{number + 1}">'
            + _marker(SHAPES[number], right + 14, first)
            + _text(right + 26, first, lines, "chart-series-label", dy="0.35em")
            + "</g>"
        )
        placed_bottom = first + (len(lines) - 0.5) * LINE
    height = max(height, placed_bottom + 6)
    return _svg(chart_id, title, description, height, "".join(parts))


def paired_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[PairedRow],
) -> Markup:
    """A dumbbell per scale: before (hollow circle) joined to after (filled square) on the
    scale's own axis, an interval whisker around after when both its ends are given, and
    the numbers in words under each. Points beyond the scale are drawn at its ends."""
    _check_id(chart_id)
    if not rows:
        return _no_data(chart_id, title)
    for row in rows:
        values = (row.before, row.after, row.ci_low, row.ci_high, row.scale_min, row.scale_max)
        for value in values:
            if value is not None:
                _number(value, negative=True)
        if not row.scale_max > row.scale_min:
            raise ValueError(f"{row.label!r}: the scale's maximum must be above its minimum")

    legend = [("before", "Before"), ("after", "After")]
    if any(row.ci_low is not None and row.ci_high is not None for row in rows):
        legend.append(("ci", "Confidence interval"))
    parts, cursor = _legend(legend)
    cursor += 8
    for row in rows:
        lines = _wrap(row.label, WIDTH)
        parts.append(_text(0, cursor + 14, lines, "chart-label"))
        y = cursor + len(lines) * LINE + 14
        low_text, high_text = _format(row.scale_min), _format(row.scale_max)
        track = (_width(low_text) + 8, WIDTH - _width(high_text) - 8)
        parts.append(_line(track[0], y, track[1], y, "chart-track"))
        span = row.scale_max - row.scale_min
        whole = float(row.scale_min).is_integer() and float(row.scale_max).is_integer()
        for tick in nice_ticks(span, integers=whole):
            if tick <= span * (1 + 1e-9):
                x = _on_scale(row.scale_min + tick, row, track)
                parts.append(_line(x, y - 8, x, y + 8, "chart-grid"))
        parts.append(_text(track[0] - 6, y, low_text, "chart-tick", anchor="end", dy="0.35em"))
        parts.append(_text(track[1] + 6, y, high_text, "chart-tick", dy="0.35em"))
        before, after = _on_scale(row.before, row, track), _on_scale(row.after, row, track)
        parts.append(_line(before, y, after, y, "chart-change"))
        words = f"Before {_format(row.before)}, after {_format(row.after)}"
        if row.ci_low is not None and row.ci_high is not None:
            low, high = _on_scale(row.ci_low, row, track), _on_scale(row.ci_high, row, track)
            parts.append(_whisker(low, high, y))
            words += f" (CI {_format(row.ci_low)}\N{EN DASH}{_format(row.ci_high)})"
        parts.append(_before_marker(before, y))
        parts.append(_after_marker(after, y))
        word_lines = _wrap(words, WIDTH, bold=True)
        parts.append(_text(0, y + 34, word_lines, "chart-value"))
        cursor = y + 34 + (len(word_lines) - 1) * LINE + 26
    return _svg(chart_id, title, description, cursor - 8, "".join(parts))


# Drawing


def _svg(chart_id: str, title: str, description: str, height: float, body: str) -> Markup:
    return Markup(  # noqa: S704 - every text below is escaped and every number formatted here
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart"'
        f' viewBox="0 0 {_n(WIDTH)} {_n(math.ceil(height))}" role="img"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def _no_data(chart_id: str, title: str) -> Markup:
    return _svg(chart_id, title, NO_DATA, 40, _text(0, 26, NO_DATA, "chart-empty"))


def _vertical_bars(
    labels: Sequence[str],
    numbers: Sequence[float],
    value_texts: Sequence[str],
    ticks: Sequence[float],
    tick_texts: Sequence[str],
    left: float,
) -> tuple[str, float]:
    right = WIDTH - 4
    top = LINE + 8
    bottom = top + PLOT_HEIGHT
    scale = PLOT_HEIGHT / ticks[-1]
    slot = (right - left) / len(labels)
    bar_width = min(slot * 0.6, 48.0)

    def y_at(value: float) -> float:
        return bottom - value * scale

    parts = _value_grid(ticks, tick_texts, left, right, y_at)
    for index, (label, number, text) in enumerate(zip(labels, numbers, value_texts, strict=True)):
        middle = left + (index + 0.5) * slot
        length = number * scale
        parts.append(
            f'<rect class="chart-bar" x="{_n(middle - bar_width / 2)}" y="{_n(bottom - length)}"'
            f' width="{_n(bar_width)}" height="{_n(length)}"/>'
        )
        parts.append(_text(middle, bottom - length - 6, text, "chart-value", anchor="middle"))
        parts.append(_text(middle, bottom + LINE - 2, label, "chart-label", anchor="middle"))
    parts.append(_line(left, bottom, right, bottom, "chart-axis"))
    return "".join(parts), bottom + LINE + 8


def _horizontal_bars(
    labels: Sequence[str],
    numbers: Sequence[float],
    value_texts: Sequence[str],
    ticks: Sequence[float],
    tick_texts: Sequence[str],
) -> tuple[str, float]:
    half_tick = _width_of(tick_texts) / 2
    left = max(half_tick + 2, 4.0)
    right = WIDTH - max(_width_of(value_texts, bold=True) + 8, half_tick + 2)
    scale = (right - left) / ticks[-1]
    parts = []
    cursor = 4.0
    for label, number, text in zip(labels, numbers, value_texts, strict=True):
        lines = _wrap(label, WIDTH - left)
        parts.append(_text(left, cursor + 14, lines, "chart-label"))
        y = cursor + len(lines) * LINE + 2
        for tick in ticks[1:]:
            x = left + tick * scale
            parts.append(_line(x, y - 3, x, y + BAR + 3, "chart-grid"))
        length = number * scale
        parts.append(
            f'<rect class="chart-bar" x="{_n(left)}" y="{_n(y)}"'
            f' width="{_n(length)}" height="{_n(BAR)}"/>'
        )
        parts.append(_line(left, y - 3, left, y + BAR + 3, "chart-axis"))
        parts.append(_text(left + length + 6, y + BAR / 2, text, "chart-value", dy="0.35em"))
        cursor = y + BAR + 12
    for tick, text in zip(ticks, tick_texts, strict=True):
        parts.append(_text(left + tick * scale, cursor + 12, text, "chart-tick", anchor="middle"))
    return "".join(parts), cursor + LINE + 4


def _value_grid(
    ticks: Sequence[float],
    tick_texts: Sequence[str],
    left: float,
    right: float,
    y_at: Callable[[float], float],
) -> list[str]:
    """Light gridlines across the plot at each tick above zero, labelled on the left."""
    parts = []
    for tick, text in zip(ticks, tick_texts, strict=True):
        y = y_at(tick)
        if tick:
            parts.append(_line(left, y, right, y, "chart-grid"))
        parts.append(_text(left - 6, y, text, "chart-tick", anchor="end", dy="0.35em"))
    return parts


def _series_name(name: str) -> list[str]:
    """A series name in lines of 120 units, or as wide as its longest word up to 170."""
    longest = _width_of(name.split(), bold=True)
    return _wrap(name, min(max(120.0, longest), 170.0), bold=True)


def _legend(items: Sequence[tuple[str, str]]) -> tuple[list[str], float]:
    """Shapes and their names in a row, wrapping; returns the parts and the height used."""
    parts = ['<g class="chart-legend">']
    x, y = 0.0, 12.0
    for kind, name in items:
        width = 22 + _width(name) + 18
        if x and x + width > WIDTH:
            x, y = 0.0, y + LINE + 4
        if kind == "before":
            parts.append(_before_marker(x + 8, y))
        elif kind == "after":
            parts.append(_after_marker(x + 8, y))
        else:
            parts.append(_whisker(x + 1, x + 15, y))
        parts.append(_text(x + 22, y, name, "chart-label", dy="0.35em"))
        x += width
    parts.append("</g>")
    return parts, y + 12


def _on_scale(value: float, row: PairedRow, track: tuple[float, float]) -> float:
    """Where a value of the row's scale falls on its track; beyond the scale, at its end."""
    share = (value - row.scale_min) / (row.scale_max - row.scale_min)
    return track[0] + min(max(share, 0.0), 1.0) * (track[1] - track[0])


def _marker(shape: str, x: float, y: float) -> str:
    start = f'class="chart-marker" data-shape="{shape}"'
    if shape == "circle":
        return f'<circle {start} cx="{_n(x)}" cy="{_n(y)}" r="4.5"/>'
    if shape == "square":
        return f'<rect {start} x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8"/>'
    if shape == "triangle":
        corners = [(x, y - 6), (x + 5.5, y + 4), (x - 5.5, y + 4)]
    else:
        corners = [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)]
    outline = " L".join(f"{_n(cx)},{_n(cy)}" for cx, cy in corners)
    return f'<path {start} d="M{outline} Z"/>'


def _before_marker(x: float, y: float) -> str:
    return f'<circle class="chart-before" cx="{_n(x)}" cy="{_n(y)}" r="7"/>'


def _after_marker(x: float, y: float) -> str:
    return f'<rect class="chart-after" x="{_n(x - 5.5)}" y="{_n(y - 5.5)}" width="11" height="11"/>'


def _whisker(low: float, high: float, y: float) -> str:
    low_end, high_end = _n(low), _n(high)
    return (
        f'<path class="chart-ci" fill="none" d="M{low_end},{_n(y)} H{high_end}'
        f' M{low_end},{_n(y - 8)} V{_n(y + 8)} M{high_end},{_n(y - 8)} V{_n(y + 8)}"/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, css_class: str) -> str:
    return f'<line class="{css_class}" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"/>'


def _text(
    x: float,
    y: float,
    content: str | Sequence[str],
    css_class: str,
    *,
    anchor: str = "start",
    dy: str = "",
) -> str:
    """A text element; a list of lines becomes one tspan a line, each under the last."""
    lines = [content] if isinstance(content, str) else list(content)
    attributes = f'class="{css_class}" x="{_n(x)}" y="{_n(y)}"'
    if anchor != "start":
        attributes += f' text-anchor="{anchor}"'
    if len(lines) == 1:
        shift = f' dy="{dy}"' if dy else ""
        return f"<text {attributes}{shift}>{escape(lines[0])}</text>"
    spans = "".join(
        f'<tspan x="{_n(x)}" dy="{(dy or "0") if index == 0 else _n(LINE)}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f"<text {attributes}>{spans}</text>"


# Numbers and text


def _check_id(chart_id: str) -> None:
    if not _CHART_ID.match(chart_id):
        raise ValueError(f"chart_id must be a letter then letters, digits, - or _: {chart_id!r}")


def _number(value: Number, *, negative: bool = False) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"charts draw finite numbers, not {value!r}")
    if number < 0 and not negative:
        raise ValueError(f"bars and lines start at zero and cannot show {value!r}")
    return number


def _format(value: float) -> str:
    """12 -> "12", 1234 -> "1,234", 3.456 -> "3.46", 2.5 -> "2.5"."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _with_unit(text: str, unit: str) -> str:
    if not unit:
        return text
    return f"{text} {unit}" if unit[0].isalnum() else f"{text}{unit}"


def _wrap(text: str, width: float, *, bold: bool = False) -> list[str]:
    """Lines of at most ``width`` units, broken at spaces (a word longer than a line, inside)."""
    count = max(1, int(width // ((BOLD_EM if bold else EM) * FONT)))
    while True:
        lines = textwrap.wrap(text, count) or [""]
        if count == 1 or all(_width(line, bold=bold) <= width for line in lines):
            return lines
        count -= 1


def _width(text: str, *, bold: bool = False) -> float:
    em = BOLD_EM if bold else EM
    return FONT * sum(WIDE_EM if char in WIDE else em for char in text)


def _width_of(texts: Sequence[str], *, bold: bool = False) -> float:
    return max((_width(text, bold=bold) for text in texts), default=0.0)


def _n(value: float) -> str:
    """A coordinate to one decimal place, without a trailing ".0"."""
    text = f"{value:.1f}"
    if text in ("-0.0", "0.0"):
        return "0"
    return text.removesuffix(".0")
