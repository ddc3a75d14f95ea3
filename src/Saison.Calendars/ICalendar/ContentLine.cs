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

/// <summary>
/// One unfolded content line (RFC 5545 §3.1): <c>name *(";" param) ":" value</c>, with the number
/// of the physical line it started on so that errors can say where.
/// </summary>
public sealed record ContentLine(string Name, IReadOnlyList<ContentParameter> Parameters, string Value, int LineNumber = 0)
{
    public ContentLine(string name, string value)
        : this(name, [], value)
    {
    }

    /// <summary>The value of parameter <paramref name="name"/> (case-insensitive), or <c>null</c>.</summary>
    public string? Parameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return parameter.Value;
            }
        }

        return null;
    }

    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);
}
