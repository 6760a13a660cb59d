"""Score over time: mean score per week, one line per scenario category (textual-plotext)."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from commcoach.history import WeeklyScore

CHART_TOP = 4
"""Lines drawn when no category is picked: more than this is unreadable in a terminal."""


class ProgressChart(PlotextPlot):
    """A plotext line chart of weekly mean scores."""

    def draw(self, weekly: list[WeeklyScore], category: str | None) -> str:
        """Draw `category` (or the busiest few); returns the note to show under the chart."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        weeks = sorted({w.week_start for w in weekly})
        if not weeks:
            self.refresh()
            return "No scored answers yet: the chart shows mean score per week and category."
        index = {week: i for i, week in enumerate(weeks)}
        by_category: dict[str, list[WeeklyScore]] = {}
        for row in weekly:
            by_category.setdefault(row.category, []).append(row)
        if category is not None:
            shown = {category: by_category.get(category, [])}
        else:
            busiest = sorted(by_category, key=lambda c: -sum(r.attempts for r in by_category[c]))
            shown = {c: by_category[c] for c in sorted(busiest[:CHART_TOP])}
        for name, rows in shown.items():
            if not rows:
                continue
            xs = [index[r.week_start] for r in rows]
            ys = [r.mean_score for r in rows]
            plt.plot(xs, ys, label=name, marker="braille")
            if len(xs) == 1:
                plt.scatter(xs, ys)
        step = max(1, len(weeks) // 6)
        ticks = [float(i) for i in range(0, len(weeks), step)]
        plt.xticks(ticks, [f"{weeks[int(i)]:%d %b}" for i in ticks])
        plt.ylim(0, 100)
        plt.yticks([0.0, 25.0, 50.0, 75.0, 100.0])
        plt.title("Mean score per week")
        self.refresh()
        return f"{len(weekly)} category-weeks · weeks start on Monday"
