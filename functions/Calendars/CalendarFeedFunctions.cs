using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;
using Saison.Application.Calendars;
using Saison.Functions.Http;

namespace Saison.Functions.Calendars;

/// <summary>
/// The iCalendar feeds, outside <c>/api</c>: <c>/calendars/agenda-{season}.ics</c> (public) and
/// <c>/calendars/{token}.ics</c> for every other feed (the token is the only credential calendar
/// clients can carry). ETag + If-None-Match and Last-Modified + If-Modified-Since give 304.
/// </summary>
internal static partial class CalendarFeedFunctions
{
    public static IEndpointRouteBuilder MapCalendarFeedFunctions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendars/{feed}.ics", FeedAsync)
            .WithName("CalendarFeed")
            .WithTags("Calendriers")
            .WithSummary("Flux iCalendar : agenda touristique public (agenda-{saison}) ou flux privé ouvert par un jeton")
            .AllowAnonymous();
        return app;
    }

    private static async Task<IResult> FeedAsync(string feed, HttpContext context, CalendarFeeds feeds, FeedTokens tokens, CancellationToken cancellationToken)
    {
        FeedDocument? document;
        bool isPublic;
        if (AgendaName().Match(feed) is { Success: true } agenda)
        {
            isPublic = true;
            document = await feeds.AgendaAsync(int.Parse(agenda.Groups[1].ValueSpan, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            isPublic = false;

            // Unknown and revoked tokens look the same: nothing tells a guesser which tokens existed.
            var token = await tokens.ResolveAsync(feed, cancellationToken).ConfigureAwait(false);
            document = token is null ? null : await feeds.ForTokenAsync(token, cancellationToken).ConfigureAwait(false);
        }

        if (document is null)
        {
            return Problems.NotFound("Aucun calendrier à cette adresse (jeton inconnu ou révoqué, ou saison inconnue).");
        }

        var headers = context.Response.Headers;
        headers.ETag = document.ETag;
        headers.LastModified = document.LastModified.ToString("R", CultureInfo.InvariantCulture);
        headers.CacheControl = isPublic ? "public, max-age=900" : "private, max-age=0, must-revalidate";
        if (NotModified(context.Request, document))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        headers.ContentDisposition = $"inline; filename=\"{(isPublic ? feed : "saison")}.ics\"";
        return TypedResults.Bytes(document.Content, "text/calendar; charset=utf-8");
    }

    private static bool NotModified(HttpRequest request, FeedDocument document)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(document.ETag, StringComparison.Ordinal));
        }

        return DateTimeOffset.TryParseExact(request.Headers.IfModifiedSince.ToString(), "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && document.LastModified <= since;
    }

    [GeneratedRegex("^agenda-([0-9]{4})$")]
    private static partial Regex AgendaName();
}
