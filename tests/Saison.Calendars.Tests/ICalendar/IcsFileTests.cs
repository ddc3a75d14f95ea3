using Saison.Calendars.ICalendar;

namespace Saison.Calendars.Tests.ICalendar;

/// <summary>The app's reader: Ical.Net, and our French checks on top. Fixtures are files as other tools write them.</summary>
public class IcsFileTests
{
    private const string Paris = "Europe/Paris";
    private static readonly DateTimeOffset SeasonEnd = new(2027, 9, 1, 0, 0, 0, TimeSpan.FromHours(2));

    private static IcsReadResult Client(string name)
    {
        var read = Fixture.Read(Path.Combine("clients", name));
        Assert.Null(read.Error);
        Assert.Empty(read.Refused);
        return read;
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute, int offset) => new(2027, month, day, hour, minute, 0, TimeSpan.FromHours(offset));

    [Fact]
    public void Reads_ical_generator_with_its_non_UTC_DTSTAMP_and_a_UTC_UNTIL_that_keeps_the_last_wednesday()
    {
        var read = Client("ical-generator.ics");
        Assert.Equal("Régates de l'estuaire 2027", read.Name);
        Assert.Equal(["Régate des voiliers", "Initiation à la voile", "Fête de la mer"], read.Events.Select(e => e.Summary));
        var regatta = read.Events[0];
        Assert.Equal("Port de Saint-Nazaire, bassin de Penhoët", regatta.Location);
        Assert.Equal("Départ devant l'écluse, arrivée au pont de Saint-Nazaire.\nOuvert à tous.", regatta.Description);
        Assert.Equal(At(7, 10, 14, 0, 2), regatta.First(Paris).Start);

        // UNTIL=20270825T080000Z is 10:00 in Paris: 25 August is the last occurrence, 14 July the exception.
        var lessons = read.Events[1].Occurrences(Paris, SeasonEnd);
        Assert.Equal([7, 21, 28, 4, 11, 18, 25], lessons.Select(o => o.Start.Day));
        Assert.Equal(At(8, 25, 10, 0, 2), lessons[^1].Start);

        var party = read.Events[2];
        Assert.True(party.IsAllDay);
        Assert.Equal((new DateOnly(2027, 8, 1), new DateOnly(2027, 8, 3)), (party.FirstDay, party.EndDay));
    }

    [Fact]
    public void Reads_an_Outlook_export_with_its_Windows_zone_and_keeps_the_last_thursday_of_a_UTC_UNTIL()
    {
        var read = Client("outlook.ics");
        Assert.Equal("Calendrier - Base sous-marine", read.Name);
        var concerts = read.Events.Single(e => e.Summary == "Concert du jeudi");
        var occurrences = concerts.Occurrences(Paris, SeasonEnd);

        // 1 July → 26 August, weekly, minus 5 August: the UNTIL (19:00 UTC) is 21:00 in Paris, the last start itself.
        Assert.Equal(8, occurrences.Count);
        Assert.DoesNotContain(occurrences, o => o.Start == At(8, 5, 21, 0, 2));
        Assert.Equal(At(8, 26, 21, 0, 2), occurrences[^1].Start);
        Assert.Equal(At(8, 26, 23, 0, 2), occurrences[^1].End);

        var exhibition = read.Events.Single(e => e.IsAllDay);
        Assert.Equal("Exposition « Escales »", exhibition.Summary);
        Assert.Equal(new DateOnly(2027, 7, 16), exhibition.EndDay);

        // 02:30 on 31 October happens twice: RFC 5545 §3.3.5 takes the first (summer time, UTC+2).
        var night = read.Events.Single(e => e.Summary.StartsWith("Nuit", StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), night.First(Paris).Start);
    }

    [Fact]
    public void Reads_a_Google_export_with_UTC_times_a_weekly_rule_and_a_cancelled_event()
    {
        var read = Client("google.ics");
        Assert.Equal("Les animations de l'office de tourisme", read.Description);
        var fireworks = read.Events.Single(e => e.Uid == "7kukuqrfedlm2f9t6jd4ftphas@google.com");
        Assert.Equal(At(7, 14, 22, 30, 2), fireworks.First(Paris).Start);
        Assert.Equal("Plage de Saint-Nazaire, 44600 Saint-Nazaire, France", fireworks.Location);
        Assert.Equal(EventStatus.Confirmed, fireworks.Status);

        var visits = read.Events.Single(e => e.Summary == "Visite guidée des chantiers");
        Assert.Equal(9, visits.Occurrences(Paris, SeasonEnd).Count);
        Assert.Equal(1, visits.Sequence);
        Assert.Equal(EventStatus.Cancelled, read.Events.Single(e => e.IsAllDay).Status);
    }

    [Fact]
    public void Reads_a_Thunderbird_export_with_a_UTC_EXDATE_and_a_start_that_does_not_exist_on_the_DST_day()
    {
        var read = Client("thunderbird.ics");
        var market = read.Events.Single(e => e.Summary == "Marché nocturne");
        var fridays = market.Occurrences(Paris, SeasonEnd);

        // 2 July → 27 August (UNTIL 17:00 UTC = 19:00 Paris, kept), minus 16 July given in UTC.
        Assert.Equal([2, 9, 23, 30, 6, 13, 20, 27], fridays.Select(o => o.Start.Day));

        // 02:30 does not exist on 28 March 2027: RFC 5545 §3.3.5 reads it with the offset before the gap,
        // 01:30 UTC (03:30 summer time) — not an hour early.
        var watch = read.Events.Single(e => e.Summary == "Veille de nuit au phare").Occurrences(Paris, SeasonEnd);
        Assert.Equal(
            [new DateTimeOffset(2027, 3, 27, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 29, 0, 30, 0, TimeSpan.Zero)],
            watch.Select(o => o.Start.ToUniversalTime()));
    }

    [Fact]
    public void A_broken_event_is_refused_by_name_with_its_reason_while_the_others_are_kept()
    {
        var read = Fixture.Read(Path.Combine("clients", "one-broken-event.ics"));
        Assert.Null(read.Error);
        Assert.Equal(["Ouverture de la saison nautique", "Clôture de la saison nautique"], read.Events.Select(e => e.Summary));
        Assert.Equal(2, read.Refused.Count);

        var balade = read.Refused.Single(r => r.Name == "Balade en mer");
        Assert.Equal("balade@regates.example", balade.Uid);
        Assert.Equal("sa règle de récurrence « RRULE:FREQ=FORTNIGHTLY;COUNT=4 » (ligne 16) est invalide.", balade.Reason);
        Assert.StartsWith("« Balade en mer » (UID balade@regates.example) : sa règle", balade.Text, StringComparison.Ordinal);

        var night = read.Refused.Single(r => r.Name == "Nuit des étoiles");
        Assert.Equal("il se termine (15/08/2027 21:00) avant de commencer (15/08/2027 23:00).", night.Reason);
    }

    [Theory]
    [InlineData("empty.ics", null, "Le fichier est vide")]
    [InlineData("missing-begin.ics", 1, "un fichier iCalendar commence par BEGIN:VCALENDAR, pas par « PRODID:-//x//y//EN »")]
    [InlineData("continuation-first.ics", 1, "commence par BEGIN:VCALENDAR")]
    [InlineData("missing-colon.ics", 3, "ligne illisible « VERSION 2.0 »")]
    [InlineData("bad-property-name.ics", 3, "ligne illisible « :2.0 »")]
    [InlineData("unterminated-quote.ics", 5, "ligne illisible « DTSTART;TZID=\"Europe/Paris:20270714T100000 »")]
    [InlineData("parameter-without-equals.ics", 5, "ligne illisible « DTSTART;VALUE:20270714 »")]
    [InlineData("mismatched-end.ics", 6, "« END:VTODO » ferme un composant qui n'est pas ouvert")]
    [InlineData("unexpected-eof.ics", 3, "le composant VEVENT ouvert ici n'est jamais fermé")]
    [InlineData("missing-end-calendar.ics", 1, "le composant VCALENDAR ouvert ici n'est jamais fermé")]
    public void A_broken_file_gets_one_French_error_with_its_line(string file, int? line, string expected)
    {
        var read = Fixture.Read(Path.Combine("errors", file));
        Assert.NotNull(read.Error);
        Assert.Equal(line, read.Error.Line);
        Assert.Contains(expected, read.Error.Message, StringComparison.Ordinal);
        Assert.Empty(read.Events);
        if (line is not null)
        {
            Assert.StartsWith($"Ligne {line} : ", read.Error.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("bad-date-time.ics", "sa date de début (DTSTART) est illisible.")]
    [InlineData("bad-date.ics", "sa date de début « DTSTART;VALUE=DATE:20271314 » (ligne 5) est invalide.")]
    [InlineData("end-before-start.ics", "sa fin (14/07/2027, exclue) doit suivre son premier jour (14/07/2027).")]
    [InlineData("missing-dtstart.ics", "il n'a pas de date de début (DTSTART).")]
    [InlineData("missing-uid.ics", "il n'a pas d'identifiant (UID), obligatoire (RFC 5545 §3.6.1).")]
    [InlineData("rrule-bad-byday.ics", "sa règle de récurrence « RRULE:FREQ=WEEKLY;BYDAY=XX » (ligne 6) est invalide.")]
    [InlineData("rrule-count-and-until.ics", "sa règle de récurrence « RRULE:FREQ=DAILY;COUNT=3;UNTIL=20270720T000000Z » (ligne 6) est invalide.")]
    [InlineData("rrule-without-freq.ics", "sa règle de récurrence « RRULE:COUNT=3 » (ligne 6) est invalide.")]
    [InlineData("unknown-tzid.ics", "son fuseau horaire (TZID) « Atlantis/Lost_City » est inconnu.")]
    public void A_broken_event_gets_its_French_reason(string file, string reason)
    {
        var read = Fixture.Read(Path.Combine("errors", file));
        Assert.Null(read.Error);
        Assert.Equal(reason, Assert.Single(read.Refused).Reason);
    }

    [Fact]
    public void Every_error_fixture_is_covered_by_a_test()
    {
        static IEnumerable<string> Files(string method) => typeof(IcsFileTests).GetMethod(method)!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]);
        var covered = Files(nameof(A_broken_file_gets_one_French_error_with_its_line)).Concat(Files(nameof(A_broken_event_gets_its_French_reason))).ToHashSet();
        var files = Directory.GetFiles(Fixture.Path("errors"), "*.ics").Select(Path.GetFileName).ToHashSet();
        Assert.Equal(files.Order(), covered.Order());
    }

    [Theory]
    [InlineData("rfc5545-new-york.ics")]
    [InlineData("recurring-with-exception.ics")]
    [InlineData("escapes-and-folding.ics")]
    public void The_earlier_fixtures_are_read_whole(string file)
    {
        var read = Fixture.Read(file);
        Assert.Null(read.Error);
        Assert.Empty(read.Refused);
        Assert.NotEmpty(read.Events);
    }

    [Fact]
    public void A_TZID_known_only_from_its_VTIMEZONE_is_refused_by_name_rather_than_read_in_the_wrong_zone()
    {
        // Ical.Net resolves TZIDs by name (IANA, Windows, Outlook's); a made-up name is refused, never guessed.
        var read = Fixture.Read("rfc5545-rrule-timezone.ics");
        Assert.Null(read.Error);
        Assert.All(read.Refused, r => Assert.Equal("son fuseau horaire (TZID) « Eastern Time (custom) » est inconnu.", r.Reason));
        Assert.Equal(["Summer meeting", "Winter meeting"], read.Refused.Select(r => r.Name).Order());
    }

    [Fact]
    public void Unfolds_and_unescapes_accents_emoji_and_separators()
    {
        var read = Fixture.Read("escapes-and-folding.ics");
        Assert.Equal("Agenda de l'été", read.Name);
        var fireworks = Assert.Single(read.Events);
        Assert.Equal("Feu d'artifice, bal populaire; et buvette", fireworks.Summary);
        Assert.Equal("Première ligne\nDeuxième ligne avec un antislash \\ et deux-points : ici. Été à Saint-Nazaire 🎆 et 🎉 sur la plage de Saint-Nazaire — fête !", fireworks.Description);
        Assert.Equal(["Fête nationale", "Plage, bord de mer"], fireworks.Categories);
        Assert.True(fireworks.IsAllDay);
        Assert.Equal(new DateOnly(2027, 7, 15), fireworks.EndDay);
    }

    [Fact]
    public void A_recurring_event_with_an_exception_date_expands_without_it()
    {
        var market = Assert.Single(Fixture.Read("recurring-with-exception.ics").Events);
        var occurrences = market.Occurrences(Paris, new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(7, occurrences.Count);
        Assert.DoesNotContain(occurrences, o => o.Start == At(7, 16, 19, 0, 2));
        Assert.Equal(2, market.Sequence);
    }
}
