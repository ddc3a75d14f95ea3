using System.Text;

namespace Saison.Calendars.ICalendar;

/// <summary>
/// Writes content lines: CRLF after each, folded so that no physical line exceeds 75 octets of
/// UTF-8 (RFC 5545 §3.1), never inside a character's UTF-8 sequence (nor between the two halves
/// of a surrogate pair: folding counts whole code points).
/// </summary>
public sealed class ContentLineWriter
{
    /// <summary>The longest physical line, in octets, CRLF excluded (RFC 5545 §3.1).</summary>
    public const int MaxLineOctets = 75;

    private readonly TextWriter _output;
    private readonly StringBuilder _line = new(256);

    public ContentLineWriter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes <c>name:value</c>; the value must already be in its iCalendar form (escaped TEXT, formatted date…).</summary>
    public void Write(string name, string value) => Write(name, ReadOnlySpan<(string Name, string Value)>.Empty, value);

    /// <summary>Writes <c>name;param=value…:value</c>; parameter values are quoted when they hold <c>: ; ,</c>.</summary>
    public void Write(string name, ReadOnlySpan<(string Name, string Value)> parameters, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _line.Clear();
        _line.Append(name);
        foreach (var (parameterName, parameterValue) in parameters)
        {
            _line.Append(';').Append(parameterName).Append('=');
            AppendParameterValue(_line, parameterValue);
        }

        _line.Append(':').Append(value);
        WriteFolded(_line);
    }

    /// <summary>Writes an already formed content line.</summary>
    public void Write(ContentLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parameters = new (string, string)[line.Parameters.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = (line.Parameters[i].Name, string.Join(",", line.Parameters[i].Values.Select(Quote)));
        }

        _line.Clear();
        _line.Append(line.Name);
        foreach (var (parameterName, parameterValue) in parameters)
        {
            _line.Append(';').Append(parameterName).Append('=').Append(parameterValue);
        }

        _line.Append(':').Append(line.Value);
        WriteFolded(_line);
    }

    private static string Quote(string value) => NeedsQuotes(value) ? "\"" + value.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"" : value;

    private static bool NeedsQuotes(string value) => value.AsSpan().IndexOfAny(":;,") >= 0;

    private static void AppendParameterValue(StringBuilder line, string value)
    {
        // DQUOTE cannot appear in a parameter value at all (§3.2): it is dropped rather than corrupt the line.
        if (NeedsQuotes(value))
        {
            line.Append('"').Append(value.Replace("\"", string.Empty, StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(value.Replace("\"", string.Empty, StringComparison.Ordinal));
        }
    }

    private void WriteFolded(StringBuilder line)
    {
        var octets = 0;
        foreach (var chunk in line.GetChunks())
        {
            var span = chunk.Span;
            var i = 0;
            while (i < span.Length)
            {
                // A surrogate pair split across StringBuilder chunks is rare; Rune decoding of the
                // high half alone gives a replacement that still counts 3 octets, so the fold stays
                // under the limit and the pair is written unbroken below.
                var status = Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
                var length = status == System.Buffers.OperationStatus.Done ? rune.Utf8SequenceLength : 4;
                if (octets + length > MaxLineOctets)
                {
                    _output.Write("\r\n ");
                    octets = 1;
                }

                _output.Write(span.Slice(i, consumed));
                octets += length;
                i += consumed;
            }
        }

        _output.Write("\r\n");
    }
}
