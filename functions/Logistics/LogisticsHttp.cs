using Azure;
using Saison.Application.Logistics;
using Saison.Functions.Http;

namespace Saison.Functions.Logistics;

/// <summary>Maps logistics use-case results to HTTP: the value with its ETag, or the matching problem.</summary>
internal static class LogisticsHttp
{
    public static IResult ToHttp<T>(this LogisticsResult<T> result, HttpContext context, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        if (result.ETag is { } etag)
        {
            RecordHeaders.SetETag(context, etag);
        }

        return result.Kind switch
        {
            ResultKind.Ok => TypedResults.Ok(result.Value),
            ResultKind.Created => TypedResults.Created(location, result.Value),
            ResultKind.NotFound => Problems.NotFound(result.Detail!),
            ResultKind.Forbidden => Problems.Forbidden(result.Detail!),
            ResultKind.Validation => Problems.Validation(result.Field ?? "body", result.Detail!),
            ResultKind.Conflict => Problems.Conflict(result.Detail!, result.Reasons.Count > 0 ? result.Reasons : null),
            ResultKind.PreconditionFailed => Problems.PreconditionFailed(),
            _ => Problems.BusinessRule(result.Detail!, result.Reasons, result.Field),
        };
    }

    /// <summary>The If-Match ETag of an update, or the 428 problem when it is missing.</summary>
    public static bool TryIfMatch(HttpRequest request, out ETag etag, out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RecordHeaders.IfMatch(request) is not { } ifMatch)
        {
            etag = default;
            problem = Problems.PreconditionRequired();
            return false;
        }

        etag = ifMatch;
        problem = null;
        return true;
    }
}
