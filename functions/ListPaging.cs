using Microsoft.AspNetCore.WebUtilities;
using Saison.Application.Persistence;
using Saison.Functions.Http;

namespace Saison.Functions;

/// <summary>
/// Pages of the lists that grow with the season (events, plan, requests, review queue, leave, crew schedule):
/// <c>?pageSize=</c> (1 to 1,000, 1,000 by default) and <c>?continuation=</c>. The body keeps its shape, cut to
/// the page; when more follows, the answer carries the next page's token in <c>X-Continuation</c> and its address
/// in <c>Link: &lt;…&gt;; rel="next"</c> (RFC 8288). The last page has neither.
/// </summary>
internal static class ListPaging
{
    public const string ContinuationHeader = "X-Continuation";

    /// <summary>The page the query asks for, or the 400 problem naming the parameter.</summary>
    public static IResult? Read(int? pageSize, string? continuation, out PageRequest page)
    {
        var parsed = PageRequest.Parse(pageSize, continuation, out var field, out var error);
        page = parsed ?? PageRequest.First;
        return parsed is null ? Problems.Validation(field!, error!) : null;
    }

    /// <summary>The page and the ISO week filter of the query, or the 400 problem naming the parameter.</summary>
    public static IResult? Read(int? pageSize, string? continuation, string? week, out PageRequest page, out (DateOnly Monday, DateOnly Sunday)? days)
    {
        days = null;
        return Read(pageSize, continuation, out page) ?? ReadWeek(week, out days);
    }

    /// <summary>An ISO week filter (<c>?week=2027-W28</c>) as its first and last day, or the 400 problem.</summary>
    public static IResult? ReadWeek(string? week, out (DateOnly Monday, DateOnly Sunday)? days)
    {
        days = week is null ? null : IsoWeekFilter.Parse(week);
        return week is not null && days is null ? Problems.Validation("week", IsoWeekFilter.Refusal) : null;
    }

    /// <summary>The page of <paramref name="ordered"/>, with the next page's token and link on the answer when more follows.</summary>
    public static IReadOnlyList<T> Cut<T>(HttpContext http, PageRequest page, IReadOnlyList<T> ordered, Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(page);
        var (items, next) = page.Cut(ordered, key);
        Next(http, page, next);
        return items;
    }

    /// <summary>Puts the next page's token and link on the answer (none on the last page); the link names <paramref name="path"/> (the request's own path by default).</summary>
    public static void Next(HttpContext http, PageRequest page, string? next, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(page);
        if (next is not null)
        {
            var query = http.Request.Query.Where(q => q.Key is not ("continuation" or "pageSize"))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new("pageSize", page.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(new("continuation", next));
            var link = QueryHelpers.AddQueryString(path ?? http.Request.Path.ToString(), query);
            http.Response.Headers[ContinuationHeader] = next;
            http.Response.Headers.Link = $"<{link}>; rel=\"next\"";
        }
    }
}
