using Saison.Calendars.ICalendar;
using Saison.Domain.Calendar;

namespace Saison.Calendars.Tests.ICalendar;

/// <summary>The reference calendars in the repository's <c>calendars/</c> folder, which the app reads.</summary>
public class ReferenceCalendarTests
{
    [Fact]
    public void Public_holidays_file_equals_metropolitan_France_s_rule_data_for_2026_to_2028()
    {
        var calendar = Fixture.ReadReference("jours-feries.ics");
        Assert.Null(calendar.Error);
        Assert.Empty(calendar.Refused);
        var fromFile = calendar.Events.Select(e => (Date: e.FirstDay, e.Summary)).OrderBy(h => h.Date).ToList();
        var france = new PublicHolidayCalendar(System.Text.Json.JsonSerializer.Deserialize<RuleSet>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "public-holidays", "france.json")), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.Rules);
        var fromRule = new[] { 2026, 2027, 2028 }.SelectMany(france.Of).Select(h => (h.Date, h.Name)).ToList();
        Assert.Equal(fromRule, fromFile);
        Assert.All(calendar.Events, e => Assert.Equal(e.FirstDay.AddDays(1), e.EndDay));
    }

    [Fact]
    public void School_holidays_file_covers_three_school_years_of_zone_B_with_its_source()
    {
        var calendar = Fixture.ReadReference("vacances-scolaires-zone-b.ics");
        Assert.Contains("calendrier scolaire, ministère de l'Éducation nationale", calendar.Description, StringComparison.Ordinal);
        Assert.Equal(18, calendar.Events.Count);
        Assert.All(calendar.Events, e => Assert.True(e.IsAllDay));
        Assert.Equal(calendar.Events.Count, calendar.Events.Select(e => e.Uid).Distinct().Count());

        // Classes resume on the morning of the exclusive end: a Monday, except after the Ascension bridge too.
        Assert.All(calendar.Events.Where(e => !e.Summary.StartsWith("Vacances d'été", StringComparison.Ordinal)), e => Assert.Equal(DayOfWeek.Monday, e.EndDay.DayOfWeek));
        var summer2027 = calendar.Events.Single(e => e.Uid == "vacances-zone-b-2026-2027-ete@saison");
        Assert.Equal(new DateOnly(2027, 7, 3), summer2027.FirstDay);
    }

    private sealed record RuleSet(IReadOnlyList<PublicHolidayRule> Rules);
}
