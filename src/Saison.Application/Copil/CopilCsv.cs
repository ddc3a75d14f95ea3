using System.Globalization;
using System.Text;

namespace Saison.Application.Copil;

/// <summary>
/// Every figure of the dashboard as CSV (RFC 4180 quoting, <c>;</c> separator as French spreadsheets
/// expect, invariant numbers and ISO dates so that a machine reads them back unchanged).
/// </summary>
public static class CopilCsv
{
    /// <summary>The CSV of <paramref name="figure"/>, or null when no figure has that name.</summary>
    public static string? Write(CopilDashboard dashboard, string figure)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        IEnumerable<IReadOnlyList<object?>>? rows = figure switch
        {
            "themes" => Rows(["themeId", "theme", "targetPercent", "events", "actualPercent", "gapPoints"], dashboard.Themes.Select(t => Row(t.ThemeId, t.Name, t.TargetPercent, t.Events, t.ActualPercent, t.GapPoints))),
            "weeks" => Rows(["weekStart", "isoWeek", "occurrences", "events", "peak"], dashboard.Weeks.Select(w => Row(w.WeekStart, w.IsoWeek, w.Occurrences, w.Events, w.Peak))),
            "sites" => Rows(["siteId", "site", "events", "occurrences", "sharePercent"], dashboard.Sites.Select(s => Row(s.SiteId, s.SiteName, s.Events, s.Occurrences, s.SharePercent))),
            "load" => Rows(["serviceId", "service", "weekStart", "isoWeek", "loadHours", "capacityHours", "loadPercent"], dashboard.Load.Select(l => Row(l.ServiceId, l.ServiceName, l.WeekStart, l.IsoWeek, l.LoadHours, l.CapacityHours, l.LoadPercent))),
            "coverage" => Rows(["teamId", "team", "day", "onDuty", "minimum", "absent", "belowMinimum"], dashboard.CoverageRisks.Select(c => Row(c.TeamId, c.TeamName, c.Day, c.OnDuty, c.Minimum, c.Absent, c.BelowMinimum))),
            "plan" => Rows(["ownerId", "milestones", "done", "late", "atRisk", "onTrack"], dashboard.Plan.Select(p => Row(p.OwnerId, p.Milestones, p.Done, p.Late, p.AtRisk, p.OnTrack))),
            "envelopes" => Rows(["serviceId", "envelope", "amount", "consumed", "pending", "consumedPercent"], dashboard.Envelopes.Select(e => Row(e.ServiceId, e.Name, e.Amount, e.Consumed, e.Pending, e.ConsumedPercent))),
            "requests" => Rows(["organiserKind", "lines", "approved", "partlyApproved", "refused", "pending", "requestedCost", "approvedPercent"], dashboard.Requests.Select(r => Row(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(r.Kind.ToString()), r.Lines, r.Approved, r.PartlyApproved, r.Refused, r.Pending, r.RequestedCost, r.ApprovedPercent))),
            "decisions" => Rows(["date", "decision", "recordedBy"], dashboard.Decisions.Select(d => Row(d.Date, d.Text, d.RecordedBy))),
            _ => null,
        };
        if (rows is null)
        {
            return null;
        }

        var csv = new StringBuilder();
        foreach (var row in rows)
        {
            csv.AppendJoin(';', row.Select(Cell)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static IEnumerable<IReadOnlyList<object?>> Rows(string[] header, IEnumerable<IReadOnlyList<object?>> rows) => [header, .. rows];

    private static object?[] Row(params object?[] cells) => cells;

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return text.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
