using Azure;
using Microsoft.Net.Http.Headers;
using Saison.Application.Seasons;
using Saison.Functions.Http;

namespace Saison.Functions.Seasons;

/// <summary>Maps use-case results of the season area to HTTP: the record with its ETag, or the problem.</summary>
internal static class SeasonHttp
{
    /// <summary>The If-Match header as an ETag, or null when absent.</summary>
    public static ETag? IfMatch(HttpRequest request) => RecordHeaders.IfMatch(request);

    /// <summary>200 (or <paramref name="created"/>'s 201) with the ETag header, or the refusal.</summary>
    public static IResult Respond<T>(HttpContext http, UseCaseResult<T> result, string? created = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Failure is { } failure)
        {
            return Problem(failure);
        }

        if (result.ETag != default)
        {
            RecordHeaders.SetETag(http, result.ETag);
        }

        return created is null ? TypedResults.Ok(result.Value) : TypedResults.Created(created, result.Value);
    }

    /// <summary>200 with the record and its ETag.</summary>
    public static IResult Respond<T>(HttpContext http, T value, ETag etag)
    {
        ArgumentNullException.ThrowIfNull(http);
        RecordHeaders.SetETag(http, etag);
        return TypedResults.Ok(value);
    }

    public static IResult Problem(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var reasons = failure.Reasons;
        return failure.Kind switch
        {
            FailureKind.Validation => Problems.Validation(failure.Field ?? "body", failure.Detail),
            FailureKind.Forbidden => Problems.Forbidden(failure.Detail),
            FailureKind.NotFound => Problems.NotFound(failure.Detail),
            FailureKind.Conflict => Problems.Conflict(failure.Detail, reasons.Count > 0 ? reasons : null),
            FailureKind.BusinessRule => Problems.BusinessRule(failure.Detail, reasons, failure.Field),
            FailureKind.PreconditionFailed => Problems.PreconditionFailed(failure.Detail),
            FailureKind.PreconditionRequired => Problems.PreconditionRequired(),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, "Unknown failure kind."),
        };
    }

    /// <summary>Every app role: whoever is authenticated reads the season and the shared plan.</summary>
    public static string[] Everyone { get; } = [.. Saison.Application.Identity.Roles.All];
}
