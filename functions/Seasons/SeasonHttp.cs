using Azure;
using Microsoft.Net.Http.Headers;
using Saison.Functions.Http;

namespace Saison.Functions.Seasons;

/// <summary>HTTP helpers of the season area: If-Match, a record with its ETag, the roles that read.</summary>
internal static class SeasonHttp
{
    /// <summary>The If-Match header as an ETag, or null when absent.</summary>
    public static ETag? IfMatch(HttpRequest request) => RecordHeaders.IfMatch(request);

    /// <summary>200 with the record and its ETag.</summary>
    public static IResult Respond<T>(HttpContext http, T value, ETag etag)
    {
        ArgumentNullException.ThrowIfNull(http);
        RecordHeaders.SetETag(http, etag);
        return TypedResults.Ok(value);
    }

    /// <summary>Every app role: whoever is authenticated reads the season and the shared plan.</summary>
    public static string[] Everyone { get; } = [.. Saison.Application.Identity.Roles.All];
}
