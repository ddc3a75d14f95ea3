using Saison.Application.Calendars;

namespace Saison.Application.Tests.Calendars;

public class SchoolHolidayCalendarTests
{
    private static readonly SchoolHolidayCalendar Calendar = new(Path.Combine(AppContext.BaseDirectory, "calendars"));

    [Fact]
    public async Task Summer_2027_of_zone_B_starts_after_class_on_saturday_3_july()
    {
        var summer = Assert.Single(await Calendar.ListAsync("B", new DateOnly(2027, 7, 14), new DateOnly(2027, 7, 14)));
        Assert.StartsWith("Vacances d'été", summer.Name, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2027, 7, 3), summer.ClassesEnd);
        Assert.Equal(summer.ClassesResume.AddDays(-1), summer.Days.Last);
        Assert.Equal("B", summer.Zone);
    }

    [Fact]
    public async Task Ranges_overlapping_a_period_in_date_order()
    {
        var spring2026 = await Calendar.ListAsync("b", new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 31));
        Assert.Equal([new DateOnly(2026, 4, 11), new DateOnly(2026, 5, 13)], spring2026.Select(h => h.ClassesEnd));
        Assert.Equal(new DateOnly(2026, 4, 27), spring2026[0].ClassesResume);
    }

    [Fact]
    public async Task The_day_classes_resume_is_not_a_holiday()
    {
        Assert.Empty(await Calendar.ListAsync("B", new DateOnly(2025, 11, 3), new DateOnly(2025, 11, 3)));
        Assert.Single(await Calendar.ListAsync("B", new DateOnly(2025, 11, 2), new DateOnly(2025, 11, 2)));
    }

    [Fact]
    public async Task A_zone_without_a_file_is_an_error_naming_the_file()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => Calendar.ListAsync("Z", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)));
        Assert.Contains("vacances-scolaires-zone-z.ics", error.Message, StringComparison.Ordinal);
    }
}
