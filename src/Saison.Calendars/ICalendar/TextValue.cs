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

    /// <summary>A list of TEXT values (CATEGORIES, §3.8.1.2), each escaped, joined by unescaped commas.</summary>
    public static string EscapeList(IEnumerable<string> values) => string.Join(",", values.Select(Escape));
}
