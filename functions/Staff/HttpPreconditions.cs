using Azure;
using Saison.Application.Persistence;
using Saison.Application.Staff;
using Saison.Functions.Http;

namespace Saison.Functions.Staff;

/// <summary>ETag and If-Match handling, and the mapping of a <see cref="ChangeResult{T}"/> to HTTP, for the staff and leave functions.</summary>
internal static class HttpPreconditions
{
    /// <summary>The ETag the caller read, or null when If-Match is missing (428).</summary>
    public static ETag? IfMatch(HttpRequest request) => RecordHeaders.IfMatch(request);

    public static IResult WithETag<T>(HttpContext context, Versioned<T> record, int status = StatusCodes.Status200OK, string? location = null)
    {
        RecordHeaders.SetETag(context, record.ETag);
        return status == StatusCodes.Status201Created
            ? TypedResults.Created(location, record.Value)
            : TypedResults.Ok(record.Value);
    }

    public static IResult ToHttp<T>(HttpContext context, ChangeResult<T> result, bool created, Func<T, string> location)
        where T : class => result.Status switch
        {
            ChangeStatus.Done => WithETag(context, result.Record!, created ? StatusCodes.Status201Created : StatusCodes.Status200OK, created ? location(result.Record!.Value) : null),
            ChangeStatus.Invalid => Problems.Validation(result.Errors!),
            ChangeStatus.NotFound => Problems.NotFound(result.Detail!),
            ChangeStatus.AlreadyExists => Problems.Conflict(result.Detail!),
            ChangeStatus.Stale => Problems.PreconditionFailed(),
            _ => throw new InvalidOperationException($"Unexpected change status {result.Status}."),
        };
}
