using Saison.Calendars.ICalendar;

namespace Saison.Calendars.Tests.ICalendar;

/// <summary>The .ics files the tests read: fixtures beside the tests, reference calendars from the repository.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    /// <summary>Reads a fixture with the app's reader (Ical.Net and our checks).</summary>
    public static IcsReadResult Read(string name)
    {
        using var reader = new StreamReader(Path(name));
        return IcsFile.Read(reader);
    }

    /// <summary>Reads a fixture with Ical.Net alone, as any other client would.</summary>
    public static Ical.Net.Calendar Load(string name) => Ical.Net.Calendar.Load(Text(name))!;

    public static IcsReadResult ReadReference(string name)
    {
        using var reader = new StreamReader(System.IO.Path.Combine(AppContext.BaseDirectory, "calendars", name));
        return IcsFile.Read(reader);
    }

    /// <summary>Writes with <paramref name="write"/> and returns the text (CRLF and all).</summary>
    public static string Write(Action<IcsWriter> write)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        write(new IcsWriter(text));
        return text.ToString();
    }
}
