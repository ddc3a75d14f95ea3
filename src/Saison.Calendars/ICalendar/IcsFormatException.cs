namespace Saison.Calendars.ICalendar;

/// <summary>Where an iCalendar text is malformed and what was expected there.</summary>
public sealed record IcsFormatError(int Line, string Expected, string Found)
{
    public string Message => Line > 0
        ? $"Line {Line}: expected {Expected}, found {Found}."
        : $"Expected {Expected}, found {Found}.";

    public override string ToString() => Message;
}

/// <summary>Thrown by <see cref="IcsReader.Read(TextReader)"/> for malformed input; <see cref="Error"/> says the line and what was expected.</summary>
public sealed class IcsFormatException : FormatException
{
    public IcsFormatException()
        : this(new IcsFormatError(0, "iCalendar data", "something else"))
    {
    }

    public IcsFormatException(string message)
        : base(message)
    {
        Error = new IcsFormatError(0, "iCalendar data", message);
    }

    public IcsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new IcsFormatError(0, "iCalendar data", message);
    }

    public IcsFormatException(IcsFormatError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public IcsFormatError Error { get; }

    /// <summary>The physical line (1-based) where the problem starts.</summary>
    public int Line => Error.Line;

    internal static IcsFormatException At(int line, string expected, string found) => new(new IcsFormatError(line, expected, found));

    internal static string Quote(string text) => text.Length == 0 ? "an empty value" : "'" + (text.Length > 60 ? text[..60] + "…" : text) + "'";
}
