"""The dashboard's SVG charts: named and described for assistive technology, values in
words on the drawing, series told apart without colour, labels escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from markupsafe import Markup

from echo.outcomes.charts import NO_DATA, PairedRow, bar_chart, line_chart, nice_ticks, paired_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(chart: Markup) -> ET.Element:
    assert isinstance(chart, Markup)
    return ET.fromstring(str(chart))  # noqa: S314 - our own output, no DTD


def _by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in e.get("class", "").split()]


def _texts(root: ET.Element, name: str) -> list[str]:
    """The text of each element of the class; a wrapped text's lines joined by spaces."""
    return [" ".join(e.itertext()) for e in _by_class(root, name)]


def _row(label: str = "Confidence", *, ci: bool = True) -> PairedRow:
    return PairedRow(
        label=label,
        before=2.8,
        after=3.9,
        ci_low=3.5 if ci else None,
        ci_high=4.3 if ci else None,
        scale_min=1,
        scale_max=5,
    )


# nice_ticks


def test_nice_ticks_zero_gives_a_unit_scale() -> None:
    assert nice_ticks(0) == [0, 1]


def test_nice_ticks_small_value_steps_by_two() -> None:
    assert nice_ticks(7) == [0, 2, 4, 6, 8]


def test_nice_ticks_rounds_up_to_a_step_of_twenty() -> None:
    assert nice_ticks(93) == [0, 20, 40, 60, 80, 100]


def test_nice_ticks_exact_maximum_is_the_top_tick() -> None:
    assert nice_ticks(100) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(5) == [0, 1, 2, 3, 4, 5]


def test_nice_ticks_fractions_have_no_float_noise() -> None:
    assert nice_ticks(0.7) == [0, 0.2, 0.4, 0.6, 0.8]


def test_nice_ticks_integers_never_step_below_one() -> None:
    assert nice_ticks(1, integers=True) == [0, 1]
    assert nice_ticks(1) == [0, 0.2, 0.4, 0.6, 0.8, 1]


def test_nice_ticks_steps_are_one_two_or_five_times_a_power_of_ten() -> None:
    for top in (0.003, 1.5, 12, 47, 350, 9_999, 123_456):
        ticks = nice_ticks(top)
        step = ticks[1] - ticks[0]
        assert ticks[0] == 0 and ticks[-1] >= top and len(ticks) <= 6
        assert f"{step:.0e}"[0] in "125"


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf")])
def test_nice_ticks_rejects_negative_or_infinite(bad: float) -> None:
    with pytest.raises(ValueError, match="ticks"):
        nice_ticks(bad)


# Every chart: role, name and description


def test_bar_chart_is_an_image_named_by_title_and_desc() -> None:
    root = _parse(
        bar_chart(
            chart_id="roles",
            title="Participants by role",
            description="Nurses were the largest group.",
            labels=["Nurse", "Doctor"],
            values=[30, 12],
        )
    )
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert "chart" in root.get("class", "").split()
    assert root.get("width") is None and root.get("style") is None
    assert re.fullmatch(r"0 0 400 \d+", root.get("viewBox", ""))
    ids = root.get("aria-labelledby", "").split()
    assert ids == ["roles-title", "roles-desc"]
    named = {e.get("id"): e for e in root.iter() if e.get("id")}
    assert named["roles-title"].tag == f"{SVG}title"
    assert named["roles-title"].text == "Participants by role"
    assert named["roles-desc"].tag == f"{SVG}desc"
    assert named["roles-desc"].text == "Nurses were the largest group."


def test_every_chart_has_no_inline_style_or_script() -> None:
    charts = [
        bar_chart(chart_id="a", title="t", description="d", labels=["x"], values=[1]),
        line_chart(chart_id="b", title="t", description="d", labels=["x"], series=[("s", [1])]),
        paired_chart(chart_id="c", title="t", description="d", rows=[_row()]),
    ]
    for chart in charts:
        assert "style=" not in chart and "<style" not in chart and "<script" not in chart
        assert _parse(chart).get("role") == "img"


def test_chart_id_that_is_not_a_plain_name_is_refused() -> None:
    with pytest.raises(ValueError, match="chart_id"):
        bar_chart(chart_id='x" onload="', title="t", description="d", labels=["a"], values=[1])


# Bars


def test_bar_chart_draws_one_bar_per_value_with_height_proportional() -> None:
    root = _parse(
        bar_chart(
            chart_id="c",
            title="t",
            description="d",
            labels=["A", "B", "C"],
            values=[10, 5, Decimal("2.5")],
        )
    )
    bars = _by_class(root, "chart-bar")
    assert len(bars) == 3
    heights = [float(bar.get("height", "")) for bar in bars]
    assert heights[0] / heights[1] == pytest.approx(2, rel=0.01)
    assert heights[0] / heights[2] == pytest.approx(4, rel=0.01)
    # A zero baseline: every bar ends on the same line.
    bottoms = {round(float(bar.get("y", "")) + float(bar.get("height", "")), 1) for bar in bars}
    assert len(bottoms) == 1


def test_bar_chart_prints_every_value_with_its_unit() -> None:
    root = _parse(
        bar_chart(
            chart_id="c",
            title="t",
            description="d",
            labels=["A", "B"],
            values=[45, 1234],
            unit="%",
        )
    )
    assert _texts(root, "chart-value") == ["45%", "1,234%"]
    assert _texts(root, "chart-label") == ["A", "B"]


def test_bar_chart_word_unit_follows_a_space_and_value_format_is_used() -> None:
    root = _parse(
        bar_chart(
            chart_id="c",
            title="t",
            description="d",
            labels=["A"],
            values=[2.5],
            unit="hours",
            value_format=lambda value: f"{value:.1f}",
        )
    )
    assert _texts(root, "chart-value") == ["2.5 hours"]
    assert _texts(root, "chart-tick") == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]


def test_bar_chart_has_tick_labels_and_light_gridlines() -> None:
    root = _parse(
        bar_chart(chart_id="c", title="t", description="d", labels=["A", "B"], values=[7, 3])
    )
    assert _texts(root, "chart-tick") == ["0", "2", "4", "6", "8"]
    assert len(_by_class(root, "chart-grid")) == 4
    assert len(_by_class(root, "chart-axis")) == 1


def test_bar_chart_escapes_labels_and_still_parses() -> None:
    chart = bar_chart(
        chart_id="c",
        title="Roles <i>",
        description="Mostly <b>&",
        labels=["<b>&", "ok"],
        values=[1, 2],
    )
    assert "<b>" not in chart and "&lt;b&gt;&amp;" in chart
    root = _parse(chart)
    assert _texts(root, "chart-label") == ["<b>&", "ok"]
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}title").text == "Roles <i>"  # type: ignore[union-attr]


def test_bar_chart_few_short_labels_stand_vertical() -> None:
    root = _parse(
        bar_chart(chart_id="c", title="t", description="d", labels=["A", "B"], values=[4, 2])
    )
    first, second = _by_class(root, "chart-bar")
    assert first.get("width") == second.get("width")
    assert float(first.get("x", "")) < float(second.get("x", ""))
    assert first.get("y") != second.get("y")


def test_bar_chart_long_labels_lie_horizontal_with_lengths_proportional() -> None:
    labels = ["Northern county school-based clinic", "Southern county clinic"]
    root = _parse(bar_chart(chart_id="c", title="t", description="d", labels=labels, values=[8, 4]))
    first, second = _by_class(root, "chart-bar")
    assert first.get("height") == second.get("height")
    assert first.get("x") == second.get("x")
    assert float(first.get("width", "")) / float(second.get("width", "")) == pytest.approx(
        2, rel=0.01
    )
    assert _texts(root, "chart-label") == labels


def test_bar_chart_more_than_twelve_bars_lie_horizontal() -> None:
    labels = [str(n) for n in range(13)]
    root = _parse(
        bar_chart(chart_id="c", title="t", description="d", labels=labels, values=range(13))
    )
    bars = _by_class(root, "chart-bar")
    assert len(bars) == 13
    assert len({bar.get("x") for bar in bars}) == 1


def test_bar_chart_all_zero_values_still_draw_a_scale() -> None:
    root = _parse(
        bar_chart(chart_id="c", title="t", description="d", labels=["A", "B"], values=[0, 0])
    )
    assert [bar.get("height") for bar in _by_class(root, "chart-bar")] == ["0", "0"]
    assert _texts(root, "chart-value") == ["0", "0"]


def test_bar_chart_empty_says_no_data() -> None:
    root = _parse(bar_chart(chart_id="c", title="Roles", description="d", labels=[], values=[]))
    assert _texts(root, "chart-empty") == [NO_DATA]
    assert root.get("role") == "img"
    assert root.find(f"{SVG}desc").text == NO_DATA  # type: ignore[union-attr]
    assert _by_class(root, "chart-bar") == []


def test_bar_chart_mismatched_or_negative_values_are_refused() -> None:
    with pytest.raises(ValueError, match="labels"):
        bar_chart(chart_id="c", title="t", description="d", labels=["A"], values=[1, 2])
    with pytest.raises(ValueError, match="zero"):
        bar_chart(chart_id="c", title="t", description="d", labels=["A"], values=[-1])


# Lines


def _attendance() -> Markup:
    return line_chart(
        chart_id="attendance",
        title="Attendance by session",
        description="Unique participants grew every session.",
        labels=["S1", "S2", "S3", "S4", "S5"],
        series=[
            ("Participants", [5, 8, None, 9, 12]),
            ("Unique participants", [5, 10, 12, 15, 19]),
            ("<Guests> & friends", [1, 2, 2, 3, 3]),
        ],
        unit="people",
    )


def test_line_chart_is_named_and_described() -> None:
    root = _parse(_attendance())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "attendance-title attendance-desc"
    assert root.find(f"{SVG}title").text == "Attendance by session"  # type: ignore[union-attr]


def test_line_chart_series_differ_by_marker_shape_and_dash() -> None:
    root = _parse(_attendance())
    groups = [g for g in _by_class(root, "chart-series") if _by_class(g, "chart-line")]
    assert len(groups) == 3
    shapes = [{m.get("data-shape") for m in _by_class(group, "chart-marker")} for group in groups]
    assert all(len(found) == 1 for found in shapes)
    assert len({found.pop() for found in shapes}) == 3
    dashes = [_by_class(group, "chart-line")[0].get("stroke-dasharray") for group in groups]
    assert None not in dashes and len(set(dashes)) == 3


def test_line_chart_none_splits_the_line_into_segments() -> None:
    root = _parse(_attendance())
    lines = _by_class(root, "chart-line")
    assert lines[0].get("d", "").count("M") == 2
    assert lines[1].get("d", "").count("M") == 1


def test_line_chart_marks_every_point_when_there_is_room() -> None:
    root = _parse(_attendance())
    first_series = _by_class(root, "chart-series-1")[0]
    assert len(_by_class(first_series, "chart-marker")) == 4


def test_line_chart_lone_point_between_gaps_keeps_its_marker() -> None:
    root = _parse(
        line_chart(
            chart_id="c",
            title="t",
            description="d",
            labels=[str(n) for n in range(60)],
            series=[("Only", [None] * 30 + [4] + [None] * 29)],
        )
    )
    assert _by_class(root, "chart-line") == []
    line_group = _by_class(root, "chart-series")[0]
    assert len(_by_class(line_group, "chart-marker")) == 1


def test_line_chart_series_without_values_is_left_out() -> None:
    root = _parse(
        line_chart(
            chart_id="c",
            title="t",
            description="d",
            labels=["a", "b"],
            series=[("Participants", [3, 4]), ("Guests", [None, None])],
        )
    )
    assert _texts(root, "chart-series-label") == ["Participants"]
    assert len(_by_class(root, "chart-line")) == 1


def test_line_chart_labels_each_series_at_its_end_escaped() -> None:
    chart = _attendance()
    assert "<Guests>" not in chart
    root = _parse(chart)
    names = sorted(_texts(root, "chart-series-label"))
    assert names == ["<Guests> & friends", "Participants", "Unique participants"]
    # Each name follows its series' marker shape.
    for group in _by_class(root, "chart-series"):
        if _by_class(group, "chart-series-label"):
            assert len(_by_class(group, "chart-marker")) == 1


def test_line_chart_has_axis_ticks_labels_and_unit() -> None:
    root = _parse(_attendance())
    assert _texts(root, "chart-tick") == ["0", "5", "10", "15", "20"]
    assert _texts(root, "chart-unit") == ["people"]
    assert "S1" in _texts(root, "chart-label") and "S5" in _texts(root, "chart-label")


def test_line_chart_many_labels_are_thinned_but_keep_first_and_last() -> None:
    labels = [f"2025-{n:02d}" for n in range(1, 41)]
    root = _parse(
        line_chart(
            chart_id="c",
            title="t",
            description="d",
            labels=labels,
            series=[("Participants", [3] * 40)],
        )
    )
    shown = _texts(root, "chart-label")
    assert 1 < len(shown) < 40
    assert shown[0] == "2025-01" and shown[-1] == "2025-40"


def test_line_chart_empty_or_all_gaps_say_no_data() -> None:
    for series in ([], [("Participants", [None, None])]):
        root = _parse(
            line_chart(chart_id="c", title="t", description="d", labels=["a", "b"], series=series)
        )
        assert _texts(root, "chart-empty") == [NO_DATA]


def test_line_chart_too_many_series_or_wrong_lengths_are_refused() -> None:
    five = [(str(n), [1.0]) for n in range(5)]
    with pytest.raises(ValueError, match="series"):
        line_chart(chart_id="c", title="t", description="d", labels=["a"], series=five)
    with pytest.raises(ValueError, match="labels"):
        line_chart(chart_id="c", title="t", description="d", labels=["a"], series=[("s", [1, 2])])


# Pre/post


def test_paired_chart_one_before_and_one_after_marker_per_row() -> None:
    rows = [_row("Confidence"), _row("Knowledge", ci=False), _row("Skills")]
    root = _parse(paired_chart(chart_id="prepost", title="t", description="d", rows=rows))
    legend = _by_class(root, "chart-legend")[0]
    drawn = [e for e in root.iter() if e not in set(legend.iter())]
    before = [e for e in drawn if "chart-before" in e.get("class", "")]
    after = [e for e in drawn if "chart-after" in e.get("class", "")]
    assert len(before) == 3 and len(after) == 3
    assert {e.tag for e in before} == {f"{SVG}circle"}
    assert {e.tag for e in after} == {f"{SVG}rect"}
    assert len(_by_class(root, "chart-change")) == 3


def test_paired_chart_whisker_only_when_interval_given() -> None:
    rows = [_row("Confidence"), _row("Knowledge", ci=False)]
    root = _parse(paired_chart(chart_id="c", title="t", description="d", rows=rows))
    legend = set(_by_class(root, "chart-legend")[0].iter())
    whiskers = [e for e in _by_class(root, "chart-ci") if e not in legend]
    assert len(whiskers) == 1
    assert _texts(root, "chart-value") == [
        "Before 2.8, after 3.9 (CI 3.5\N{EN DASH}4.3)",
        "Before 2.8, after 3.9",
    ]


def test_paired_chart_without_intervals_has_no_whisker_in_legend() -> None:
    root = _parse(paired_chart(chart_id="c", title="t", description="d", rows=[_row(ci=False)]))
    assert _by_class(root, "chart-ci") == []
    legend = _by_class(root, "chart-legend")[0]
    assert ["".join(t.itertext()) for t in legend.iter(f"{SVG}text")] == ["Before", "After"]


def test_paired_chart_legend_names_the_shapes() -> None:
    root = _parse(paired_chart(chart_id="c", title="t", description="d", rows=[_row()]))
    legend = _by_class(root, "chart-legend")[0]
    texts = ["".join(t.itertext()) for t in legend.iter(f"{SVG}text")]
    assert texts == ["Before", "After", "Confidence interval"]
    assert legend.find(f"{SVG}circle") is not None and legend.find(f"{SVG}rect") is not None


def test_paired_chart_after_sits_right_of_before_on_the_scale() -> None:
    root = _parse(paired_chart(chart_id="c", title="t", description="d", rows=[_row()]))
    legend = set(_by_class(root, "chart-legend")[0].iter())
    before = next(e for e in _by_class(root, "chart-before") if e not in legend)
    after = next(e for e in _by_class(root, "chart-after") if e not in legend)
    before_x = float(before.get("cx", ""))
    after_x = float(after.get("x", "")) + float(after.get("width", "")) / 2
    assert after_x > before_x
    assert _texts(root, "chart-tick") == ["1", "5"]


def test_paired_chart_escapes_labels() -> None:
    chart = paired_chart(chart_id="c", title="t", description="d", rows=[_row("<b>&")])
    assert "<b>" not in chart
    assert "<b>&" in _texts(_parse(chart), "chart-label")


def test_paired_chart_empty_says_no_data() -> None:
    root = _parse(paired_chart(chart_id="c", title="Pre/post", description="d", rows=[]))
    assert _texts(root, "chart-empty") == [NO_DATA]


def test_paired_chart_scale_must_run_upwards() -> None:
    row = PairedRow("x", 1, 2, None, None, scale_min=5, scale_max=5)
    with pytest.raises(ValueError, match="scale"):
        paired_chart(chart_id="c", title="t", description="d", rows=[row])
