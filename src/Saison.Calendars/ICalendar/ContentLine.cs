namespace Saison.Calendars.ICalendar;

/// <summary>A property parameter (RFC 5545 §3.2): a name and one or more values, unquoted.</summary>
public sealed record ContentParameter(string Name, IReadOnlyList<string> Values)
{
    public ContentParameter(string name, string value)
        : this(name, [value])
    {
    }

    /// <summary>The first value (most parameters take one).</summary>
    public string Value => Values.Count > 0 ? Values[0] : string.Empty;
}

/// <summary>One content line to write (RFC 5545 §3.1): <c>name *(";" param) ":" value</c>.</summary>
public sealed record ContentLine(string Name, IReadOnlyList<ContentParameter> Parameters, string Value)
{
    public ContentLine(string name, string value)
        : this(name, [], value)
    {
    }
}
