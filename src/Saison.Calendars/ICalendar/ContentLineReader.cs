using System.Text;

namespace Saison.Calendars.ICalendar;

/// <summary>
/// Reads content lines: unfolds continuation lines (a physical line starting with a space or a
/// tab, RFC 5545 §3.1), accepts CRLF or a bare LF, and splits each line into name, parameters
/// (quoted values included, §3.2) and value. Errors name the physical line.
/// </summary>
public sealed class ContentLineReader
{
    private readonly TextReader _input;
    private string? _pending;
    private int _pendingLine;
    private int _physicalLine;

    public ContentLineReader(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
    }

    /// <summary>The number of physical lines read so far (the last one at the end of the input).</summary>
    public int PhysicalLine => _physicalLine;

    /// <summary>The next unfolded content line, or <c>null</c> at the end; blank lines are skipped.</summary>
    public ContentLine? Read()
    {
        string? first;
        int firstLine;
        if (_pending is not null)
        {
            first = _pending;
            firstLine = _pendingLine;
            _pending = null;
        }
        else
        {
            do
            {
                first = _input.ReadLine();
                if (first is null)
                {
                    return null;
                }

                _physicalLine++;

                if (first.Length > 0 && (first[0] == ' ' || first[0] == '\t'))
                {
                    throw IcsFormatException.At(_physicalLine, "a property name (a continuation line needs a line before it)", IcsFormatException.Quote(first));
                }
            }
            while (first.Length == 0);
            firstLine = _physicalLine;
        }

        StringBuilder? unfolded = null;
        while (true)
        {
            var next = _input.ReadLine();
            if (next is null)
            {
                break;
            }

            _physicalLine++;
            if (next.Length > 0 && (next[0] == ' ' || next[0] == '\t'))
            {
                unfolded ??= new StringBuilder(first);
                unfolded.Append(next, 1, next.Length - 1);
                continue;
            }

            if (next.Length == 0)
            {
                continue;
            }

            _pending = next;
            _pendingLine = _physicalLine;
            break;
        }

        return Parse(unfolded?.ToString() ?? first, firstLine);
    }

    /// <summary>Splits one unfolded line; <paramref name="lineNumber"/> is used in errors.</summary>
    public static ContentLine Parse(string line, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        var i = 0;
        var name = ReadName(line, ref i, lineNumber, "a property name");
        var parameters = new List<ContentParameter>();
        while (i < line.Length && line[i] == ';')
        {
            i++;
            var parameterName = ReadName(line, ref i, lineNumber, "a parameter name after ';'");
            if (i >= line.Length || line[i] != '=')
            {
                throw IcsFormatException.At(lineNumber, $"'=' after parameter '{parameterName}'", i >= line.Length ? "end of line" : IcsFormatException.Quote(line[i..]));
            }

            i++;
            var values = new List<string>();
            while (true)
            {
                values.Add(ReadParameterValue(line, ref i, lineNumber, parameterName));
                if (i < line.Length && line[i] == ',')
                {
                    i++;
                    continue;
                }

                break;
            }

            parameters.Add(new ContentParameter(parameterName, values));
        }

        if (i >= line.Length || line[i] != ':')
        {
            throw IcsFormatException.At(lineNumber, $"':' after '{line[..i]}'", i >= line.Length ? "end of line" : IcsFormatException.Quote(line[i..]));
        }

        return new ContentLine(name.ToUpperInvariant(), parameters, line[(i + 1)..], lineNumber);
    }

    private static string ReadName(string line, ref int i, int lineNumber, string expected)
    {
        var start = i;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '-'))
        {
            i++;
        }

        if (i == start)
        {
            throw IcsFormatException.At(lineNumber, expected, i >= line.Length ? "end of line" : IcsFormatException.Quote(line[i..]));
        }

        return line[start..i];
    }

    private static string ReadParameterValue(string line, ref int i, int lineNumber, string parameterName)
    {
        if (i < line.Length && line[i] == '"')
        {
            var close = line.IndexOf('"', i + 1);
            if (close < 0)
            {
                throw IcsFormatException.At(lineNumber, $"a closing '\"' for parameter '{parameterName}'", "end of line");
            }

            var quoted = line[(i + 1)..close];
            i = close + 1;
            return quoted;
        }

        var start = i;
        while (i < line.Length && line[i] is not (';' or ':' or ',' or '"'))
        {
            i++;
        }

        if (i < line.Length && line[i] == '"')
        {
            throw IcsFormatException.At(lineNumber, $"a value for parameter '{parameterName}' without '\"' inside", IcsFormatException.Quote(line[start..]));
        }

        return line[start..i];
    }
}
