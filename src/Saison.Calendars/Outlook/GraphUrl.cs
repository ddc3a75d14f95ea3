using System.Text;

namespace Saison.Calendars.Outlook;

/// <summary>
/// The relative Graph urls the sync writes itself (the <c>$batch</c> steps), every value escaped:
/// path segments and query values are percent-encoded as RFC 3986 §2.1 says (everything but the
/// unreserved characters, UTF-8 first), and a text inside a <c>$filter</c> is an OData string
/// literal, its quotes doubled (OData ABNF <c>SQUOTE-in-string</c>), before the encoding. An
/// unescaped <c>#</c> would end the url (a fragment), <c>&amp;</c> start a new query option, <c>+</c> read
/// as a space, <c>/</c> or <c>?</c> change the path.
/// </summary>
public static class GraphUrl
{
    /// <summary>A value as one path segment, percent-encoded.</summary>
    public static string Segment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Uri.EscapeDataString(value);
    }

    /// <summary>A text as an OData string literal: in single quotes, each quote doubled (not yet url-encoded).</summary>
    public static string StringLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A query string (<c>?name=value&amp;…</c>) with every value percent-encoded; names are OData's system options, written as is.</summary>
    public static string Query(params (string Name, string Value)[] options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var query = new StringBuilder();
        foreach (var (name, value) in options)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }

    /// <summary>The events of the target's calendar: <c>/users/{mailbox}/calendar/events</c> or <c>/users/{mailbox}/calendars/{id}/events</c>.</summary>
    public static string Events(OutlookTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.CalendarId is null
            ? $"/users/{Segment(target.Mailbox)}/calendar/events"
            : $"/users/{Segment(target.Mailbox)}/calendars/{Segment(target.CalendarId)}/events";
    }

    /// <summary>One event of the target's mailbox: <c>/users/{mailbox}/events/{id}</c>.</summary>
    public static string Event(OutlookTarget target, string graphId)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"/users/{Segment(target.Mailbox)}/events/{Segment(graphId)}";
    }

    /// <summary>The <c>$filter</c> of the events carrying extended property <paramref name="propertyId"/>, whatever its value.</summary>
    public static string HasProperty(string propertyId) => $"singleValueExtendedProperties/Any(ep: ep/id eq {StringLiteral(propertyId)})";

    /// <summary>The <c>$expand</c> that returns property <paramref name="propertyId"/> with each event.</summary>
    public static string ExpandProperty(string propertyId) => $"singleValueExtendedProperties($filter=id eq {StringLiteral(propertyId)})";
}
