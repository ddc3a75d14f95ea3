using System.Text;

namespace Saison.Calendars.ICalendar;

/// <summary>TEXT values (RFC 5545 §3.3.11): <c>\\ \; \, \n</c> escaped; <c>:</c> is not.</summary>
public static class TextValue
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("\\;,\n\r") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\': builder.Append("\\\\"); break;
                case ';': builder.Append("\\;"); break;
                case ',': builder.Append("\\,"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r':
                    // CRLF and a lone CR are one line break.
                    if (i + 1 >= text.Length || text[i + 1] != '\n')
                    {
                        builder.Append("\\n");
                    }

                    break;
                default: builder.Append(text[i]); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Undoes <see cref="Escape"/>; an unknown escape keeps its character (readers in the wild are lenient).</summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                builder.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>A list of TEXT values (CATEGORIES, §3.8.1.2), each escaped, joined by unescaped commas.</summary>
    public static string EscapeList(IEnumerable<string> values) => string.Join(",", values.Select(Escape));

    /// <summary>Splits on unescaped commas, then unescapes each part.</summary>
    public static IReadOnlyList<string> UnescapeList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == ',')
            {
                parts.Add(Unescape(value[start..i]));
                start = i + 1;
            }
        }

        parts.Add(Unescape(value[start..]));
        return parts;
    }
}
