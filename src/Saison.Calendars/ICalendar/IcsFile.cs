using System.Globalization;
using System.Runtime.Serialization;
using System.Text;
using System.Text.RegularExpressions;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Saison.Calendars.ICalendar;

/// <summary>Why a whole file cannot be read, in French, with the (1-based) line where it is known.</summary>
public sealed record IcsFileError(string Message, int? Line = null)
{
    /// <summary>« Ligne 4 : … » when the line is known, the message alone otherwise.</summary>
    public string Text => Line is { } line ? $"Ligne {line.ToString(CultureInfo.InvariantCulture)} : {Message}" : Message;

    public override string ToString() => Text;
}

/// <summary>A VEVENT that cannot be used, named by its SUMMARY (or UID), with its reason in French.</summary>
public sealed record IcsRefusedEvent(string Name, string? Uid, string Reason)
{
    /// <summary>« « Concert » (UID abc@x) : la fin précède le début. »</summary>
    public string Text => Uid is null || Uid == Name ? $"« {Name} » : {Reason}" : $"« {Name} » (UID {Uid}) : {Reason}";
}

/// <summary>One occurrence of an event: instants for timed events; for all-day ones, midnights of the first day and of the day after the last.</summary>
public sealed record IcsOccurrence(DateTimeOffset Start, DateTimeOffset End, DateOnly FirstDay, DateOnly EndDay);

/// <summary>
/// A VEVENT read and checked: its texts, its DTSTART/DTEND as written (dates for all-day events),
/// and its occurrences expanded by Ical.Net (RRULE, RDATE, EXDATE; UNTIL and DST as RFC 5545
/// §3.3.5 and §3.3.10 say). Floating times and dates are placed in the zone the caller names.
/// </summary>
public sealed class IcsEvent
{
    private readonly IcalEvent _source;

    internal IcsEvent(IcalEvent source)
    {
        _source = source;
        Uid = source.Uid!;
        Summary = source.Summary ?? string.Empty;
        Categories = [.. source.Categories ?? []];
        Status = source.Status?.ToUpperInvariant() switch
        {
            "TENTATIVE" => EventStatus.Tentative,
            "CONFIRMED" => EventStatus.Confirmed,
            "CANCELLED" => EventStatus.Cancelled,
            _ => null,
        };
    }

    /// <summary>UID, as written.</summary>
    public string Uid { get; }

    /// <summary>SUMMARY, empty when the event has none.</summary>
    public string Summary { get; }

    /// <summary>DESCRIPTION, unescaped.</summary>
    public string? Description => _source.Description;

    /// <summary>LOCATION, unescaped.</summary>
    public string? Location => _source.Location;

    /// <summary>CATEGORIES, each unescaped.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>STATUS when it is one of RFC 5545's three (§3.8.1.11), else null.</summary>
    public EventStatus? Status { get; }

    /// <summary>SEQUENCE, 0 when absent.</summary>
    public int Sequence => _source.Sequence;

    /// <summary>DTSTART is a DATE: whole days.</summary>
    public bool IsAllDay => !_source.DtStart!.HasTime;

    /// <summary>An RRULE or RDATE makes it repeat.</summary>
    public bool Recurs => IcsFile.Repeats(_source);

    /// <summary>The first day (DTSTART's date as written).</summary>
    public DateOnly FirstDay => _source.DtStart!.Date;

    /// <summary>The exclusive end day of an all-day event (DTEND's date, or from DURATION; one day when neither).</summary>
    public DateOnly EndDay => (_source.End ?? _source.DtStart!.AddDays(1)).Date;

    /// <summary>The first occurrence.</summary>
    public IcsOccurrence First(string floatingZoneId) => Occurrence(_source.DtStart!, _source.End, floatingZoneId);

    /// <summary>
    /// The occurrences (exceptions removed) that start before <paramref name="before"/>, at most
    /// <paramref name="max"/>, in order; the event itself when it does not repeat.
    /// </summary>
    public IReadOnlyList<IcsOccurrence> Occurrences(string floatingZoneId, DateTimeOffset before, int max = 1000)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(floatingZoneId);
        var result = new List<IcsOccurrence>();
        foreach (var occurrence in _source.GetOccurrences())
        {
            var item = Occurrence(occurrence.Period.StartTime, occurrence.Period.EffectiveEndTime, floatingZoneId);
            if (item.Start >= before || result.Count >= max)
            {
                break;
            }

            result.Add(item);
        }

        return result;
    }

    private static IcsOccurrence Occurrence(CalDateTime start, CalDateTime? end, string floatingZoneId)
    {
        var first = start.Date;
        var after = end?.Date ?? first.AddDays(start.HasTime ? 0 : 1);
        var from = Instant(start, floatingZoneId);
        var to = end is null ? (start.HasTime ? from : Instant(start.AddDays(1), floatingZoneId)) : Instant(end, floatingZoneId);
        return new IcsOccurrence(from, to, first, after);
    }

    /// <summary>The instant of a DATE or DATE-TIME; floating values and dates are read in <paramref name="floatingZoneId"/>.</summary>
    internal static DateTimeOffset Instant(CalDateTime value, string floatingZoneId)
    {
        var placed = value.IsFloating ? new CalDateTime(value.Date, value.Time ?? TimeOnly.MinValue, floatingZoneId) : value;
        return new DateTimeOffset(placed.AsUtc, TimeSpan.Zero);
    }
}

/// <summary>A calendar file as read: its name and events, those refused with their reason, or why the whole file is unreadable.</summary>
public sealed record IcsReadResult(string? Name, string? Description, IReadOnlyList<IcsEvent> Events, IReadOnlyList<IcsRefusedEvent> Refused, IcsFileError? Error);

/// <summary>
/// Reads iCalendar files (RFC 5545) with Ical.Net — what Google, Outlook, Thunderbird or
/// ical-generator write, including a DTSTAMP that is not in UTC — and checks each VEVENT as
/// Saison needs it (a UID, a readable DTSTART, a known TZID, an end after the start, a recurrence
/// that expands). A broken event is refused by name while the others are kept; a file that is
/// not iCalendar at all gets one French error with its line where known.
/// </summary>
public static partial class IcsFile
{
    /// <summary>Reads a whole text; never throws for malformed input: the error is in the result.</summary>
    public static IcsReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Failed(new IcsFileError("Le fichier est vide : aucun calendrier iCalendar (BEGIN:VCALENDAR) à lire."));
        }

        var firstLine = text.TrimStart('\uFEFF', '\r', '\n');
        if (!firstLine.StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            var line = text[..(text.Length - firstLine.Length)].Count(c => c == '\n') + 1;
            return Failed(new IcsFileError($"un fichier iCalendar commence par BEGIN:VCALENDAR, pas par {Quote(FirstLineOf(firstLine))}.", line));
        }

        IcalCalendar? calendar;
        try
        {
            calendar = IcalCalendar.Load(text);
        }
        catch (SerializationException e)
        {
            return Failed(Locate(e.Message, text));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            // A value Ical.Net refuses (an RRULE with an unknown part, a bad date in a list…) stops
            // the whole load: read the events one by one to keep the good ones.
            return ReadEventByEvent(text);
        }

        if (calendar is null)
        {
            return Failed(new IcsFileError("aucun calendrier (BEGIN:VCALENDAR … END:VCALENDAR) complet dans le fichier."));
        }

        var events = new List<IcsEvent>();
        var refused = new List<IcsRefusedEvent>();
        var withoutUid = EventsWithoutUid(text, calendar.Events.Count);
        foreach (var (vevent, index) in calendar.Events.Select((e, i) => (e, i)))
        {
            if (withoutUid.Contains(index))
            {
                refused.Add(Refusal(vevent.Summary, null, MissingUid));
            }
            else if (Check(vevent) is { } reason)
            {
                refused.Add(Refusal(vevent.Summary, vevent.Properties.ContainsKey("UID") ? vevent.Uid : null, reason));
            }
            else
            {
                events.Add(new IcsEvent(vevent));
            }
        }

        return new IcsReadResult(Property(calendar, "X-WR-CALNAME"), Property(calendar, "X-WR-CALDESC"), events, refused, null);
    }

    /// <summary>Reads from a reader (an upload, a file).</summary>
    public static IcsReadResult Read(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Read(input.ReadToEnd());
    }

    private const string MissingUid = "il n'a pas d'identifiant (UID), obligatoire (RFC 5545 §3.6.1).";

    /// <summary>
    /// Ical.Net gives a VEVENT without UID a generated one; the positions (in file order) of those
    /// that had none. The text is split only when there are fewer UID lines than VEVENTs.
    /// </summary>
    private static HashSet<int> EventsWithoutUid(string text, int events)
    {
        var uids = Regex.Count(text, "^UID[:;]", RegexOptions.Multiline | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        if (uids >= events)
        {
            return [];
        }

        var (_, blocks) = Split(text);
        return [.. blocks.Select((b, i) => (b, i)).Where(x => Raw(x.b.Lines, "UID") is null).Select(x => x.i)];
    }

    /// <summary>Why Saison cannot use this VEVENT, in French; null when it can.</summary>
    private static string? Check(IcalEvent vevent)
    {
        if (string.IsNullOrWhiteSpace(vevent.Uid))
        {
            return MissingUid;
        }

        if (vevent.DtStart is not { } start)
        {
            return vevent.Properties.ContainsKey("DTSTART")
                ? "sa date de début (DTSTART) est illisible."
                : "il n'a pas de date de début (DTSTART).";
        }

        if (vevent.Properties.ContainsKey("DTEND") && vevent.DtEnd is null)
        {
            return "sa date de fin (DTEND) est illisible.";
        }

        foreach (var zone in new[] { start, vevent.DtEnd }.Where(t => t is { IsFloating: false, IsUtc: false }).Select(t => t!.TzId!).Distinct())
        {
            if (!KnownZone(zone))
            {
                return $"son fuseau horaire (TZID) {Quote(zone)} est inconnu.";
            }
        }

        if (vevent.DtEnd is { } end)
        {
            if (end.HasTime != start.HasTime)
            {
                return "son début et sa fin doivent être tous deux des dates ou tous deux des dates et heures (RFC 5545 §3.8.2.2).";
            }

            if (start.HasTime ? end.AsUtc < start.AsUtc : end.Date <= start.Date)
            {
                return start.HasTime
                    ? $"il se termine ({Format(end)}) avant de commencer ({Format(start)})."
                    : $"sa fin ({Format(end)}, exclue) doit suivre son premier jour ({Format(start)}).";
            }
        }
        else if (vevent.Duration is { Sign: < 0 })
        {
            return "sa durée (DURATION) est négative.";
        }

        if (!Repeats(vevent))
        {
            return null;
        }

        try
        {
            // Expanding once proves the rule usable.
            _ = vevent.GetOccurrences().Take(1).ToList();
        }
        catch (EvaluationException e)
        {
            return $"sa récurrence ne peut pas être développée ({e.Message}).";
        }

        return null;
    }

    /// <summary>An RRULE or an RDATE makes the event repeat.</summary>
    internal static bool Repeats(IcalEvent vevent) =>
        vevent.RecurrenceRule is not null || vevent.RecurrenceDates.GetAllDates().Any() || vevent.RecurrenceDates.GetAllPeriods().Any();

    /// <summary>Zones Ical.Net resolves (IANA, Windows, Outlook's names), remembered: a feed names the same few thousands of times.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Zones = new(StringComparer.Ordinal);

    private static bool KnownZone(string zone) => Zones.GetOrAdd(zone, Resolves);

    private static bool Resolves(string zone)
    {
        try
        {
            _ = new CalDateTime(2027, 1, 1, 0, 0, 0, zone).AsUtc;
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Format(CalDateTime time) => time.HasTime
        ? time.Value.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)
        : time.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// The fallback when one value stops Ical.Net's load: each VEVENT is loaded alone with the
    /// calendar's other components (its VTIMEZONEs), so one bad event costs only itself.
    /// </summary>
    private static IcsReadResult ReadEventByEvent(string text)
    {
        var (envelope, blocks) = Split(text);
        IcalCalendar? frame;
        try
        {
            frame = IcalCalendar.Load(Document(envelope, []));
        }
        catch (Exception e) when (e is SerializationException or ArgumentException or FormatException or OverflowException)
        {
            return Failed(new IcsFileError($"l'en-tête du calendrier ou un fuseau horaire (VTIMEZONE) est illisible ({e.Message})."));
        }

        var events = new List<IcsEvent>();
        var refused = new List<IcsRefusedEvent>();
        foreach (var block in blocks)
        {
            if (LoadAlone(envelope, block.Lines) is { } vevent)
            {
                if (Check(vevent) is { } reason)
                {
                    refused.Add(Refusal(vevent.Summary, vevent.Properties.ContainsKey("UID") ? vevent.Uid : null, reason));
                }
                else
                {
                    events.Add(new IcsEvent(vevent));
                }

                continue;
            }

            refused.Add(Refusal(Raw(block.Lines, "SUMMARY"), Raw(block.Lines, "UID"), Culprit(envelope, block)));
        }

        return new IcsReadResult(Property(frame!, "X-WR-CALNAME"), Property(frame!, "X-WR-CALDESC"), events, refused, null);
    }

    private static IcalEvent? LoadAlone(List<string> envelope, List<string> lines)
    {
        try
        {
            return IcalCalendar.Load(Document(envelope, lines))!.Events.Single();
        }
        catch (Exception e) when (e is SerializationException or ArgumentException or FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The property whose removal lets Ical.Net load the event, said in French with its line.</summary>
    private static string Culprit(List<string> envelope, (int Line, List<string> Lines) block)
    {
        var properties = Properties(block.Lines).ToList();
        foreach (var (first, count, content) in properties.Where(p => !p.Content.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase) && !p.Content.StartsWith("END:", StringComparison.OrdinalIgnoreCase)))
        {
            var without = block.Lines.Take(first).Concat(block.Lines.Skip(first + count)).ToList();
            if (LoadAlone(envelope, without) is not null)
            {
                var name = content.Split([':', ';'], 2)[0].ToUpperInvariant();
                var what = name switch
                {
                    "RRULE" or "EXRULE" => "sa règle de récurrence",
                    "DTSTART" => "sa date de début",
                    "DTEND" => "sa date de fin",
                    "EXDATE" => "ses dates d'exception",
                    "RDATE" => "ses dates supplémentaires",
                    "DURATION" => "sa durée",
                    _ => "la propriété",
                };
                return $"{what} {Quote(content)} (ligne {(block.Line + first).ToString(CultureInfo.InvariantCulture)}) est invalide.";
            }
        }

        return $"il est illisible (lignes {block.Line.ToString(CultureInfo.InvariantCulture)} à {(block.Line + block.Lines.Count - 1).ToString(CultureInfo.InvariantCulture)}).";
    }

    private static string Document(List<string> envelope, List<string> vevent) =>
        string.Join("\r\n", envelope.Take(envelope.Count - 1).Concat(vevent).Append(envelope[^1])) + "\r\n";

    /// <summary>The physical lines outside VEVENTs, and each VEVENT's lines with the line number of its BEGIN.</summary>
    private static (List<string> Envelope, List<(int Line, List<string> Lines)> Blocks) Split(string text)
    {
        var envelope = new List<string>();
        var blocks = new List<(int, List<string>)>();
        List<string>? current = null;
        var number = 0;
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            number++;
            if (current is null && line.Equals("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                current = [line];
                blocks.Add((number, current));
            }
            else if (current is not null)
            {
                current.Add(line);
                if (line.Equals("END:VEVENT", StringComparison.OrdinalIgnoreCase))
                {
                    current = null;
                }
            }
            else if (line.Length > 0)
            {
                envelope.Add(line);
            }
        }

        return (envelope, blocks);
    }

    /// <summary>Content lines unfolded (RFC 5545 §3.1): index of the first physical line, how many, the text.</summary>
    private static IEnumerable<(int First, int Count, string Content)> Properties(List<string> lines)
    {
        var builder = new StringBuilder();
        var first = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                builder.Append(line, 1, line.Length - 1);
                continue;
            }

            if (i > 0)
            {
                yield return (first, i - first, builder.ToString());
            }

            first = i;
            builder.Clear().Append(line);
        }

        if (lines.Count > 0)
        {
            yield return (first, lines.Count - first, builder.ToString());
        }
    }

    /// <summary>The raw text of a property in a block that Ical.Net could not load, only to name the event.</summary>
    private static string? Raw(List<string> lines, string name) =>
        Properties(lines).Select(p => p.Content).Where(l => l.StartsWith(name, StringComparison.OrdinalIgnoreCase) && l.Length > name.Length && l[name.Length] is ':' or ';')
            .Select(l => l.Split(':', 2)[1].Replace("\\,", ",", StringComparison.Ordinal).Replace("\\;", ";", StringComparison.Ordinal).Replace("\\n", " ", StringComparison.OrdinalIgnoreCase).Replace("\\\\", "\\", StringComparison.Ordinal))
            .FirstOrDefault();

    /// <summary>Ical.Net's parser errors, said in French with the line they are on.</summary>
    private static IcsFileError Locate(string message, string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (UnparsableLine().Match(message) is { Success: true } unparsable)
        {
            var content = unparsable.Groups[1].Value;
            var index = lines.FindIndex(l => l == content);
            return new IcsFileError($"ligne illisible {Quote(content)} : une ligne iCalendar s'écrit NOM:valeur (ou NOM;PARAMÈTRE=valeur:valeur), et une suite de ligne commence par une espace.", index >= 0 ? index + 1 : null);
        }

        if (UnclosedComponent().Match(message) is { Success: true } unclosed)
        {
            var component = unclosed.Groups[1].Value;
            var index = lines.FindLastIndex(l => l.Equals("BEGIN:" + component, StringComparison.OrdinalIgnoreCase));
            return new IcsFileError($"le composant {component} ouvert ici n'est jamais fermé (END:{component} manquant) : le fichier est sans doute tronqué.", index >= 0 ? index + 1 : null);
        }

        if (MismatchedEnd().Match(message) is { Success: true } mismatched)
        {
            var found = mismatched.Groups[2].Value;
            var index = lines.FindIndex(l => l.Equals(found, StringComparison.OrdinalIgnoreCase));
            return new IcsFileError($"{Quote(found)} ferme un composant qui n'est pas ouvert : {mismatched.Groups[1].Value} était attendu.", index >= 0 ? index + 1 : null);
        }

        return new IcsFileError($"le fichier n'est pas un iCalendar lisible ({message}).");
    }

    private static IcsReadResult Failed(IcsFileError error) => new(null, null, [], [], error);

    private static IcsRefusedEvent Refusal(string? summary, string? uid, string reason) =>
        new(string.IsNullOrWhiteSpace(summary) ? uid ?? "événement sans titre ni UID" : summary, uid, reason);

    private static string? Property(IcalCalendar calendar, string name) =>
        calendar.Properties.ContainsKey(name) ? calendar.Properties[name]?.Value?.ToString() : null;

    private static string FirstLineOf(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static string Quote(string text) => "« " + (text.Length > 60 ? text[..60] + "…" : text) + " »";

    [GeneratedRegex("Could not parse line: '(.*)'", RegexOptions.Singleline)]
    private static partial Regex UnparsableLine();

    [GeneratedRegex("Expected '([^']*)', found '([^']*)'")]
    private static partial Regex MismatchedEnd();

    [GeneratedRegex(@"Unclosed component (\S+)")]
    private static partial Regex UnclosedComponent();
}
