using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Saison.Application.Persistence;

/// <summary>
/// One page of a list that grows with the season: at most <paramref name="Size"/> entries after the one a continuation
/// token names. Lists are ordered by their use case; the token carries the key of the last entry returned (and its
/// position, used only when that entry has left the list), so entries added meanwhile never shift a page.
/// </summary>
public sealed record PageRequest(int Size, string? AfterKey = null, int AfterIndex = -1)
{
    /// <summary>The Table service's own page limit: also ours, and the default.</summary>
    public const int MaxSize = 1000;

    public static PageRequest First { get; } = new(MaxSize);

    /// <summary>
    /// A page from the query's <c>pageSize</c> and <c>continuation</c>, or the French reason they are refused
    /// (<paramref name="field"/> names the parameter).
    /// </summary>
    public static PageRequest? Parse(int? pageSize, string? continuation, out string? field, out string? error)
    {
        (field, error) = (null, null);
        if (pageSize is { } size && size is < 1 or > MaxSize)
        {
            (field, error) = ("pageSize", string.Create(CultureInfo.InvariantCulture, $"La taille de page est comprise entre 1 et {MaxSize}."));
            return null;
        }

        if (string.IsNullOrEmpty(continuation))
        {
            return new PageRequest(pageSize ?? MaxSize);
        }

        if (!TryDecode(continuation, out var key, out var index))
        {
            (field, error) = ("continuation", "Jeton de continuation illisible : renvoyez celui de la page précédente (en-tête Link ou X-Continuation), tel quel.");
            return null;
        }

        return new PageRequest(pageSize ?? MaxSize, key, index);
    }

    /// <summary>The page of <paramref name="ordered"/> this request names, and the token of the next one (<c>null</c> on the last page).</summary>
    public (IReadOnlyList<T> Items, string? Next) Cut<T>(IReadOnlyList<T> ordered, Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(key);
        var start = 0;
        if (AfterKey is not null)
        {
            start = AfterIndex + 1;
            for (var i = 0; i < ordered.Count; i++)
            {
                if (string.Equals(key(ordered[i]), AfterKey, StringComparison.Ordinal))
                {
                    start = i + 1;
                    break;
                }
            }
        }

        start = Math.Clamp(start, 0, ordered.Count);
        var count = Math.Min(Size, ordered.Count - start);
        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = ordered[start + i];
        }

        var last = start + count - 1;
        return (items, start + count < ordered.Count ? Encode(key(ordered[last]), last) : null);
    }

    private static string Encode(string key, int index) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(index.ToString(CultureInfo.InvariantCulture) + "~" + key));

    private static bool TryDecode(string token, out string key, out int index)
    {
        (key, index) = (string.Empty, -1);
        if (token.Length > 2048)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var at = text.IndexOf('~', StringComparison.Ordinal);
        if (at < 1 || !int.TryParse(text.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        key = text[(at + 1)..];
        return true;
    }
}

/// <summary>An ISO 8601 week (<c>2027-W28</c>), the filter the pages use for "this week".</summary>
public static class IsoWeekFilter
{
    /// <summary>The Monday and Sunday of the week, or <c>null</c> when <paramref name="text"/> is not a week.</summary>
    public static (DateOnly Monday, DateOnly Sunday)? Parse(string? text)
    {
        if (text is not { Length: 8 } || text[4] != '-' || text[5] is not ('W' or 'w')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || year < 2000 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return null;
        }

        var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        return (monday, monday.AddDays(6));
    }

    public const string Refusal = "La semaine s'écrit en ISO 8601 : AAAA-Wss (par exemple 2027-W28).";
}
