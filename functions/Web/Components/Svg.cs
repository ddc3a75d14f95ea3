using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Saison.Functions.Web.Components;

/// <summary>
/// Charts drawn by the app as inline SVG (no script, no network): horizontal bars against a target,
/// vertical bars with highlighted periods, stacked bars and a heatmap. Each mark carries its value in
/// <c>data-key</c>/<c>data-value</c> and a <c>title</c> read by screen readers and tooltips.
/// </summary>
public static class Svg
{
    public static readonly string[] Palette = ["#0b4f71", "#2f7d4a", "#b35c00", "#a01c1c", "#6a4c93", "#4a5561"];

    /// <summary>Bad, warning, neutral, good: late/at risk/on track/done, or refused/partly/pending/approved.</summary>
    public static readonly string[] States = ["#a01c1c", "#b35c00", "#7b8794", "#2f7d4a"];

    /// <summary>One horizontal bar per row, with an optional target marker.</summary>
    public static MarkupString Bars(string label, IReadOnlyList<BarRow> rows, decimal? max = null, string unit = "")
    {
        ArgumentNullException.ThrowIfNull(rows);
        const int labelWidth = 250, barWidth = 360, rowHeight = 46, top = 10;
        var scale = max ?? Math.Max(1m, rows.Select(r => Math.Max(r.Value, r.Target ?? 0m)).DefaultIfEmpty(1m).Max());
        var height = top + (rows.Count * rowHeight) + 24;
        var svg = Open(label, labelWidth + barWidth + 200, height);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = top + (i * rowHeight);
            var width = (double)(row.Value / scale) * barWidth;
            Label(svg, labelWidth - 8, y, rowHeight, row.Label);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"mark\" data-key=\"{Text(row.Key)}\" data-value=\"{N(row.Value)}\" x=\"{labelWidth}\" y=\"{y + 8}\" width=\"{N(Math.Max(width, 0.5))}\" height=\"{rowHeight - 16}\" fill=\"{row.Color ?? Palette[0]}\"><title>{Text(row.Label)} : {Text(row.Display ?? N(row.Value) + unit)}</title></rect>");

            // The value is written past the bar and past the target's tick, never over it.
            var valueAt = labelWidth + Math.Max(width, row.Target is { } t ? (double)(t / scale) * barWidth : 0) + 8;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(valueAt)}\" y=\"{y + (rowHeight / 2) + 5}\" font-size=\"13\">{Text(row.Display ?? N(row.Value) + unit)}</text>");
            if (row.Target is { } target)
            {
                var x = labelWidth + ((double)(target / scale) * barWidth);
                svg.Append(CultureInfo.InvariantCulture, $"<line class=\"target\" data-key=\"{Text(row.Key)}\" data-value=\"{N(target)}\" x1=\"{N(x)}\" x2=\"{N(x)}\" y1=\"{y + 4}\" y2=\"{y + rowHeight - 4}\" stroke=\"#1b1f24\" stroke-width=\"3\"><title>Objectif : {N(target)}{unit}</title></line>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{labelWidth}\" x2=\"{labelWidth}\" y1=\"{top}\" y2=\"{height - 24}\" stroke=\"#7b8794\"/>");
        return Close(svg);
    }

    /// <summary>Vertical bars (one per column), highlighted columns drawn over a shaded band.</summary>
    public static MarkupString Columns(string label, IReadOnlyList<ColumnBar> columns, string highlightLegend)
    {
        ArgumentNullException.ThrowIfNull(columns);
        const int left = 36, chartHeight = 180, top = 14, columnWidth = 46;
        var width = left + (columns.Count * columnWidth) + 10;
        var max = Math.Max(1m, columns.Select(c => c.Value).DefaultIfEmpty(1m).Max());
        var svg = Open(label, width, top + chartHeight + 48);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var x = left + (i * columnWidth);
            if (column.Highlight)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"band\" x=\"{x}\" y=\"{top}\" width=\"{columnWidth}\" height=\"{chartHeight}\" fill=\"#fff1c2\"><title>{Text(highlightLegend)}</title></rect>");
            }

            var h = (double)(column.Value / max) * chartHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"mark\" data-key=\"{Text(column.Key)}\" data-value=\"{N(column.Value)}\" x=\"{x + 7}\" y=\"{N(top + chartHeight - h)}\" width=\"{columnWidth - 14}\" height=\"{N(Math.Max(h, 0.5))}\" fill=\"{Palette[0]}\"><title>{Text(column.Label)} : {N(column.Value)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (columnWidth / 2)}\" y=\"{N(top + chartHeight - h - 4)}\" text-anchor=\"middle\" font-size=\"13\">{N(column.Value)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (columnWidth / 2)}\" y=\"{top + chartHeight + 16}\" text-anchor=\"middle\" font-size=\"12\">{Text(column.Axis)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - 10}\" y1=\"{top + chartHeight}\" y2=\"{top + chartHeight}\" stroke=\"#7b8794\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{top + chartHeight + 30}\" width=\"12\" height=\"12\" fill=\"#fff1c2\" stroke=\"#c9d1d8\"/><text x=\"{left + 18}\" y=\"{top + chartHeight + 41}\" font-size=\"13\">{Text(highlightLegend)}</text>");
        return Close(svg);
    }

    /// <summary>One stacked horizontal bar per row (parts in the palette's order), with a legend.</summary>
    public static MarkupString Stacked(string label, IReadOnlyList<string> parts, IReadOnlyList<StackedRow> rows, IReadOnlyList<string>? colors = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(rows);
        const int labelWidth = 250, barWidth = 400, rowHeight = 46, top = 34;
        var palette = colors ?? Palette;
        var max = Math.Max(1m, rows.Select(r => r.Values.Sum()).DefaultIfEmpty(1m).Max());
        var svg = Open(label, labelWidth + barWidth + 60, top + (rows.Count * rowHeight) + 10);
        var lx = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{palette[p % palette.Count]}\"/><text x=\"{lx + 16}\" y=\"15\" font-size=\"12\">{Text(parts[p])}</text>");
            lx += 24 + (parts[p].Length * 7);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = top + (i * rowHeight);
            Label(svg, labelWidth - 8, y, rowHeight, row.Label);
            double x = labelWidth;
            for (var p = 0; p < row.Values.Count; p++)
            {
                var w = (double)(row.Values[p] / max) * barWidth;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"mark\" data-key=\"{Text(row.Key)}/{Text(parts[p])}\" data-value=\"{N(row.Values[p])}\" x=\"{N(x)}\" y=\"{y + 8}\" width=\"{N(w)}\" height=\"{rowHeight - 16}\" fill=\"{palette[p % palette.Count]}\"><title>{Text(row.Label)} — {Text(parts[p])} : {N(row.Values[p])}</title></rect>");
                x += w;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 6)}\" y=\"{y + (rowHeight / 2) + 5}\" font-size=\"13\">{N(row.Values.Sum())}</text>");
        }

        return Close(svg);
    }

    /// <summary>A heatmap: rows × columns of cells coloured by value (percent), value written in each cell.</summary>
    public static MarkupString Heatmap(string label, IReadOnlyList<string> columnLabels, IReadOnlyList<HeatRow> rows)
    {
        ArgumentNullException.ThrowIfNull(columnLabels);
        ArgumentNullException.ThrowIfNull(rows);
        const int labelWidth = 250, cell = 46, top = 24;
        var svg = Open(label, labelWidth + (columnLabels.Count * cell) + 10, top + (rows.Count * cell) + 10);
        for (var c = 0; c < columnLabels.Count; c++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + (c * cell) + (cell / 2)}\" y=\"16\" text-anchor=\"middle\" font-size=\"11\">{Text(columnLabels[c])}</text>");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var y = top + (r * cell);
            Label(svg, labelWidth - 8, y, cell, row.Label);
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var value = row.Cells[c];
                var x = labelWidth + (c * cell);
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"mark\" data-key=\"{Text(row.Key)}/{c}\" data-value=\"{(value is { } v ? N(v) : string.Empty)}\" x=\"{x + 1}\" y=\"{y + 1}\" width=\"{cell - 2}\" height=\"{cell - 2}\" fill=\"{HeatColor(value)}\"><title>{Text(row.Label)}, {Text(columnLabels[c])} : {(value is { } t ? N(t) + " %" : "aucune capacité")}</title></rect>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (cell / 2)}\" y=\"{y + 25}\" text-anchor=\"middle\" font-size=\"11\">{(value is { } w ? N(Math.Round(w)) : "–")}</text>");
            }
        }

        return Close(svg);
    }

    /// <summary>
    /// A reverse-plan timeline: one row per milestone, a dot on its due date (coloured by state, hollow
    /// when done), its baseline due date as a grey diamond beside it, today's line and the anchors
    /// (the event's date) as vertical lines. Dates run left to right, weeks marked on the axis.
    /// </summary>
    public static MarkupString Timeline(string label, IReadOnlyList<TimelineRow> rows, DateOnly today, IReadOnlyList<(DateOnly Date, string Label)> anchors)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(anchors);
        const int labelWidth = 250, rowHeight = 40, top = 46, dayWidth = 6;
        var dates = rows.SelectMany(r => new[] { r.Due, r.Baseline ?? r.Due, r.DoneOn ?? r.Due }).Concat(anchors.Select(a => a.Date)).Append(today).ToList();
        var first = dates.Min().AddDays(-3);
        var last = dates.Max().AddDays(3);
        var days = last.DayNumber - first.DayNumber;
        var width = labelWidth + (days * dayWidth) + 20;
        var height = top + (rows.Count * rowHeight) + 20;
        double X(DateOnly d) => labelWidth + ((d.DayNumber - first.DayNumber) * dayWidth);
        var svg = Open(label, width, height);

        // Weeks on the axis: a tick each Monday, its date every other week.
        var monday = first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
        for (var (d, i) = (monday, 0); d <= last; d = d.AddDays(7), i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(X(d))}\" x2=\"{N(X(d))}\" y1=\"{top - 8}\" y2=\"{height - 16}\" stroke=\"#e3e7eb\"/>");
            if (i % 2 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(d))}\" y=\"{top - 12}\" text-anchor=\"middle\" font-size=\"12\">{d.ToString("dd/MM", CultureInfo.InvariantCulture)}</text>");
            }
        }

        foreach (var (date, name) in anchors)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"anchor\" x1=\"{N(X(date))}\" x2=\"{N(X(date))}\" y1=\"14\" y2=\"{height - 16}\" stroke=\"#0b4f71\" stroke-width=\"3\"><title>{Text(name)} : {date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}</title></line>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(date) + 4)}\" y=\"14\" font-size=\"12\" font-weight=\"600\">{Text(name)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"today\" data-value=\"{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\" x1=\"{N(X(today))}\" x2=\"{N(X(today))}\" y1=\"{top - 4}\" y2=\"{height - 16}\" stroke=\"#a01c1c\" stroke-dasharray=\"4 3\" stroke-width=\"2\"><title>Aujourd'hui : {today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}</title></line>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(today) + 4)}\" y=\"{height - 4}\" font-size=\"12\" fill=\"#a01c1c\">aujourd'hui</text>");

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = top + (i * rowHeight);
            var cy = y + (rowHeight / 2);
            Label(svg, labelWidth - 10, y, rowHeight, row.Label);
            if (row.Baseline is { } baseline)
            {
                var bx = X(baseline);
                svg.Append(CultureInfo.InvariantCulture, $"<path class=\"baseline\" data-key=\"{Text(row.Key)}\" data-value=\"{baseline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\" d=\"M{N(bx)} {cy - 7} l7 7 l-7 7 l-7 -7 z\" fill=\"#c9d1d8\" stroke=\"#7b8794\"><title>{Text(row.Label)} — échéance de référence : {baseline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}</title></path>");
                if (baseline != row.Due)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(bx)}\" x2=\"{N(X(row.Due))}\" y1=\"{cy}\" y2=\"{cy}\" stroke=\"#7b8794\" stroke-dasharray=\"2 2\"/>");
                }
            }

            var color = row.StateColor;
            var fill = row.DoneOn is null ? color : "#ffffff";
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"mark\" data-key=\"{Text(row.Key)}\" data-value=\"{row.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\" data-state=\"{Text(row.State)}\" cx=\"{N(X(row.Due))}\" cy=\"{cy}\" r=\"7\" fill=\"{fill}\" stroke=\"{color}\" stroke-width=\"3\"><title>{Text(row.Label)} — échéance {row.Due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} : {Text(row.State)}</title></circle>");
        }

        return Close(svg);
    }

    /// <summary>
    /// A team's absence calendar: one row per agent, one column per day; approved absences filled,
    /// pending ones hatched (outlined), days off greyed; then the team's coverage each day against its
    /// minimum (red under it). Names only for those allowed to read them (the caller passes them).
    /// </summary>
    public static MarkupString AbsenceCalendar(string label, IReadOnlyList<DateOnly> days, IReadOnlyList<AbsenceRow> rows, IReadOnlyList<(int OnDuty, int? Minimum)> coverage)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(coverage);
        const int labelWidth = 200, cell = 22, top = 40, rowHeight = 26;
        var height = top + ((rows.Count + 1) * rowHeight) + 14;
        var svg = Open(label, labelWidth + (days.Count * cell) + 10, height);
        for (var d = 0; d < days.Count; d++)
        {
            var x = labelWidth + (d * cell);
            if (days[d].DayOfWeek == DayOfWeek.Monday || d == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"14\" font-size=\"12\">{days[d].ToString("dd/MM", CultureInfo.InvariantCulture)}</text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (cell / 2)}\" y=\"32\" text-anchor=\"middle\" font-size=\"11\">{"dlmmjvs"[(int)days[d].DayOfWeek]}</text>");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var y = top + (r * rowHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" font-size=\"13\">{Text(row.Label)}</text>");
            for (var d = 0; d < days.Count; d++)
            {
                var x = labelWidth + (d * cell);
                var state = row.States[d];
                var (fill, stroke, title) = state switch
                {
                    AbsenceState.Approved => ("#0b4f71", "#0b4f71", "absent (accordé)"),
                    AbsenceState.Pending => ("#ffffff", "#b35c00", "demande en attente"),
                    AbsenceState.DayOff => ("#eeeeee", "#e3e7eb", "non travaillé"),
                    _ => ("#ffffff", "#e3e7eb", "présent"),
                };
                var pattern = state == AbsenceState.Pending ? " stroke-dasharray=\"3 2\" stroke-width=\"2\"" : string.Empty;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"day\" data-key=\"{Text(row.Key)}/{days[d].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\" data-state=\"{state.ToString().ToLowerInvariant()}\" x=\"{x + 1}\" y=\"{y + 3}\" width=\"{cell - 2}\" height=\"{rowHeight - 6}\" fill=\"{fill}\" stroke=\"{stroke}\"{pattern}><title>{Text(row.Label)}, {days[d].ToString("dd/MM", CultureInfo.InvariantCulture)} : {title}</title></rect>");
            }
        }

        var cy = top + (rows.Count * rowHeight);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{cy + 17}\" text-anchor=\"end\" font-size=\"13\" font-weight=\"600\">Présents / minimum</text>");
        for (var d = 0; d < days.Count && d < coverage.Count; d++)
        {
            var (onDuty, minimum) = coverage[d];
            var below = minimum is { } m && onDuty < m;
            var x = labelWidth + (d * cell) + (cell / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"coverage\" data-key=\"{days[d].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\" data-value=\"{onDuty}\" x=\"{x}\" y=\"{cy + 17}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{(below ? "#a01c1c" : "#1b1f24")}\" font-weight=\"{(below ? "700" : "400")}\">{onDuty}<title>{days[d].ToString("dd/MM", CultureInfo.InvariantCulture)} : {onDuty} présents{(minimum is { } min ? $" pour un minimum de {min}" : string.Empty)}</title></text>");
        }

        return Close(svg);
    }

    /// <summary>The heatmap's colour scale (load against capacity, percent), from white to red above 100 %.</summary>
    public static string HeatColor(decimal? percent) => percent switch
    {
        null => "#eeeeee",
        0m => "#ffffff",
        < 50m => "#e3f1e6",
        < 80m => "#fff1c2",
        <= 100m => "#ffd7a8",
        _ => "#f7b3b3",
    };

    /// <summary>A row's label right-aligned before <paramref name="x"/>, on up to three lines rather than cut.</summary>
    private static void Label(StringBuilder svg, int x, int y, int rowHeight, string label)
    {
        var lines = Wrap(label, 30, 3);
        const int lineHeight = 15;
        var first = y + (rowHeight / 2) + 5 - ((lines.Count - 1) * lineHeight / 2);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{first}\" text-anchor=\"end\" font-size=\"13\">");
        for (var i = 0; i < lines.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{x}\" dy=\"{(i == 0 ? 0 : lineHeight)}\">{Text(lines[i])}</tspan>");
        }

        svg.Append("</text>");
    }

    /// <summary>Splits a label at spaces into lines of about <paramref name="width"/> characters (the last one shortened if it must).</summary>
    internal static List<string> Wrap(string label, int width, int maxLines)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        if (lines.Count > maxLines)
        {
            lines[maxLines - 1] = Shorten(string.Join(' ', lines.Skip(maxLines - 1)), width);
            lines.RemoveRange(maxLines, lines.Count - maxLines);
        }

        return lines;
    }

    private static StringBuilder Open(string label, int width, int height) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{Text(label)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"system-ui, sans-serif\"><title>{Text(label)}</title>");

    private static MarkupString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Text(string value) => WebUtility.HtmlEncode(value);

    private static string Shorten(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";

    private static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

public sealed record BarRow(string Key, string Label, decimal Value, decimal? Target = null, string? Display = null, string? Color = null);

public sealed record ColumnBar(string Key, string Label, string Axis, decimal Value, bool Highlight);

public sealed record StackedRow(string Key, string Label, IReadOnlyList<decimal> Values);

/// <summary>A milestone on the timeline: its due date, its baseline's, its state (French) and colour.</summary>
public sealed record TimelineRow(string Key, string Label, DateOnly Due, DateOnly? Baseline, DateOnly? DoneOn, string State, string StateColor);

/// <summary>How an agent stands on a day of the absence calendar.</summary>
public enum AbsenceState
{
    Present,
    DayOff,
    Pending,
    Approved,
}

/// <summary>An agent's row of the absence calendar: one state per day shown.</summary>
public sealed record AbsenceRow(string Key, string Label, IReadOnlyList<AbsenceState> States);

public sealed record HeatRow(string Key, string Label, IReadOnlyList<decimal?> Cells);
