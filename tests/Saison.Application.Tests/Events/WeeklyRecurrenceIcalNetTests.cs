using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Saison.Application.Seasons;
using Saison.Domain.Events;

namespace Saison.Application.Tests.Events;

/// <summary>
/// The domain expands the app's own weekly recurrence over local dates (it stays pure: no Ical.Net
/// there); the season's zone is applied at the edge by <see cref="SeasonTime.ToOffset"/>. This proves
/// the pair gives exactly what Ical.Net gives for the same RRULE (RFC 5545 §3.3.10) anchored in
/// Europe/Paris — UNTIL in UTC, the DST days of 28 March and 31 October 2027, 02:30 that does not
/// exist or happens twice — so every place that uses the domain's occurrences (feeds, COPIL counts,
/// leave context, crew schedules) agrees with the library.
/// </summary>
public class WeeklyRecurrenceIcalNetTests
{
    private const string ZoneId = "Europe/Paris";
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    private static readonly TimeOnly[] Times = [new(2, 30), new(2, 0), new(3, 0), new(1, 59), new(0, 0), new(10, 0), new(20, 0), new(21, 0), new(23, 30)];

    private static readonly DateOnly[] AroundChanges =
        [new(2027, 3, 21), new(2027, 3, 26), new(2027, 3, 27), new(2027, 3, 28), new(2027, 10, 24), new(2027, 10, 29), new(2027, 10, 30), new(2027, 10, 31)];

    private static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>How UNTIL is written for a DATE-TIME start with a TZID: in UTC (§3.3.10), at the last start or at the end of the last day.</summary>
    public enum UntilForm
    {
        LastStartInUtc,
        EndOfLastDayInUtc,
    }

    [Theory]
    [InlineData(UntilForm.LastStartInUtc)]
    [InlineData(UntilForm.EndOfLastDayInUtc)]
    public void Domain_expansion_in_the_season_zone_equals_Ical_Net_for_600_random_rules(UntilForm form)
    {
        var random = new Random(20270328 + (int)form);
        for (var n = 0; n < 600; n++)
        {
            var firstDay = n % 3 == 0 ? AroundChanges[random.Next(AroundChanges.Length)] : new DateOnly(2027, 3, 1).AddDays(random.Next(250));
            var time = Times[random.Next(Times.Length)];
            var days = Week.Where(d => d == firstDay.DayOfWeek || random.Next(3) == 0).ToList();
            var interval = random.Next(4) == 0 ? random.Next(2, 4) : 1;
            var byCount = random.Next(2) == 0;
            var count = byCount ? random.Next(1, 40) : (int?)null;
            var until = byCount ? (DateOnly?)null : firstDay.AddDays(random.Next(0, 220));
            var first = new EventSchedule(firstDay.ToDateTime(time), firstDay.ToDateTime(time).AddHours(random.Next(1, 4)), allDay: false);
            var rule = new WeeklyRecurrence(days, until, count, interval: interval);
            var produced = rule.Expand(first);
            var exceptions = produced.Skip(1).Where(_ => random.Next(5) == 0).Select(o => o.FirstDay).ToList();
            rule = rule.WithExceptions(exceptions);

            var ours = Ours(first, rule);
            var library = IcalNet(first, rule, form);

            // Ical.Net 5.2.4 places an end that falls in the repeated hour of 31 October at the first
            // of the two (one hour short of the exact duration RFC 5545 §3.8.5.3 asks): those ends
            // are checked by A_night_across_the_autumn_change_lasts_its_exact_duration instead.
            library = [.. library.Zip(ours, (l, o) => Paris.IsAmbiguousTime(TimeZoneInfo.ConvertTimeFromUtc(o.End, Paris)) && l.Start == o.Start ? o : l)];
            Assert.True(ours.SequenceEqual(library), $"Rule {n}: {RRule(first, rule, form)} from {first.Start:yyyy-MM-dd HH:mm} to {first.End:HH:mm} gives {ours.Count} occurrences here, {library.Count} with Ical.Net; first difference: "
                + string.Join(" / ", ours.Zip(library).Where(p => p.First != p.Second).Take(1).Select(p => $"{p.First} vs {p.Second}")));
        }
    }

    [Fact]
    public void A_weekly_rule_with_a_UTC_UNTIL_at_the_last_local_start_keeps_its_last_occurrence()
    {
        // Thursdays 21:00 in Paris from 1 July until 26 August 19:00 UTC (= 21:00 Paris): nine Thursdays.
        var first = new EventSchedule(new DateTime(2027, 7, 1, 21, 0, 0), new DateTime(2027, 7, 1, 23, 0, 0), false);
        var rule = new WeeklyRecurrence([DayOfWeek.Thursday], new DateOnly(2027, 8, 26), null);
        var ours = rule.Expand(first);
        Assert.Equal(9, ours.Count);
        Assert.Equal(new DateTime(2027, 8, 26, 21, 0, 0), ours[^1].Start);
        Assert.Equal(IcalNet(first, rule, UntilForm.LastStartInUtc), Ours(first, rule));
    }

    [Fact]
    public void A_night_across_the_spring_change_lasts_its_exact_duration_every_week()
    {
        // Saturday 01:00–05:00 (4 h): on the night of 28 March the clocks jump, 4 h later is 06:00.
        var first = new EventSchedule(new DateTime(2027, 3, 20, 1, 0, 0), new DateTime(2027, 3, 20, 5, 0, 0), false);
        var rule = new WeeklyRecurrence([DayOfWeek.Saturday, DayOfWeek.Sunday], null, 4);
        var nights = Ours(first, rule);
        Assert.Equal((new DateTime(2027, 3, 28, 0, 0, 0), new DateTime(2027, 3, 28, 4, 0, 0)), nights[3]);
        Assert.Equal(IcalNet(first, rule, UntilForm.LastStartInUtc), nights);
    }

    [Fact]
    public void A_night_across_the_autumn_change_lasts_its_exact_duration()
    {
        // Sunday 00:00–03:00 (3 h): on 31 October the clocks go back, 3 h later is 02:00 the second time (UTC+1).
        var first = new EventSchedule(new DateTime(2027, 10, 24, 0, 0, 0), new DateTime(2027, 10, 24, 3, 0, 0), false);
        var nights = Ours(first, new WeeklyRecurrence([DayOfWeek.Sunday], null, 2));
        Assert.Equal((new DateTime(2027, 10, 30, 22, 0, 0), new DateTime(2027, 10, 31, 1, 0, 0)), nights[1]);
    }

    /// <summary>The app's expansion: the domain's local occurrences, placed in the season's zone at the edge.</summary>
    private static List<(DateTime Start, DateTime End)> Ours(EventSchedule first, WeeklyRecurrence rule) =>
        [.. rule.Expand(first).Select(o => SeasonTime.ToOffsets(o, first, Paris)).Select(o => (o.Start.UtcDateTime, o.End.UtcDateTime))];

    [Theory]
    [InlineData(3, 28, 2, 30, "2027-03-28T01:30:00Z")]
    [InlineData(10, 31, 2, 30, "2027-10-31T00:30:00Z")]
    [InlineData(10, 31, 3, 0, "2027-10-31T02:00:00Z")]
    [InlineData(3, 28, 3, 0, "2027-03-28T01:00:00Z")]
    public void Local_times_on_the_DST_days_map_as_RFC_5545_and_Ical_Net_say(int month, int day, int hour, int minute, string utc)
    {
        var local = new DateTime(2027, month, day, hour, minute, 0);
        var expected = DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expected, SeasonTime.ToOffset(local, Paris).UtcDateTime);
        Assert.Equal(expected, new CalDateTime(local, ZoneId, true).AsUtc);
    }

    private static List<(DateTime Start, DateTime End)> IcalNet(EventSchedule first, WeeklyRecurrence rule, UntilForm form)
    {
        var vevent = new CalendarEvent
        {
            DtStart = new CalDateTime(first.Start, ZoneId, true),
            DtEnd = new CalDateTime(first.End, ZoneId, true),
            RecurrenceRule = new RecurrenceRule(RRule(first, rule, form)),
        };
        foreach (var day in rule.Exceptions)
        {
            vevent.ExceptionDates.Add(new CalDateTime(day.ToDateTime(TimeOnly.FromDateTime(first.Start)), ZoneId, true));
        }

        return [.. vevent.GetOccurrences().Take(WeeklyRecurrence.MaxOccurrences + 1).Select(o => (o.Period.StartTime.AsUtc, o.Period.EffectiveEndTime!.AsUtc))];
    }

    /// <summary>The domain's rule as RFC 5545 wants it with a zoned DATE-TIME start: UNTIL in UTC.</summary>
    private static string RRule(EventSchedule first, WeeklyRecurrence rule, UntilForm form)
    {
        var text = rule.ToRRule();
        if (rule.Until is not { } until)
        {
            return text;
        }

        var local = form == UntilForm.LastStartInUtc ? until.ToDateTime(TimeOnly.FromDateTime(first.Start)) : until.ToDateTime(new TimeOnly(23, 59, 59));
        var utc = SeasonTime.ToOffset(local, Paris).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return text.Replace("UNTIL=" + until.ToString("yyyyMMdd", CultureInfo.InvariantCulture), "UNTIL=" + utc, StringComparison.Ordinal);
    }
}
