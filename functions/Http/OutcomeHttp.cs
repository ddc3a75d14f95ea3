using Microsoft.AspNetCore.Http.HttpResults;

namespace Saison.Functions.Http;

/// <summary>The one mapping of a use case's <see cref="Outcome{T}"/> to HTTP: the value with its ETag, or the matching problem.</summary>
internal static class OutcomeHttp
{
    /// <summary>200 (201 at <paramref name="location"/> for a creation) with the ETag header, or the refusal's problem.</summary>
    public static IResult ToHttp<T>(this Outcome<T> outcome, HttpContext context, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(context);
        if (outcome.Failure is { } failure)
        {
            return Problem(failure);
        }

        if (outcome.ETag is { } etag && etag != default)
        {
            RecordHeaders.SetETag(context, etag);
        }

        return outcome.Kind == OutcomeKind.Created ? TypedResults.Created(location, outcome.Value) : TypedResults.Ok(outcome.Value);
    }

    /// <summary>A record read: 200 with its ETag header.</summary>
    public static IResult Ok<T>(HttpContext context, T value, Azure.ETag etag) => Outcome<T>.Ok(value, etag).ToHttp(context);

    /// <summary>The problem (RFC 9457) of a refusal.</summary>
    public static ProblemHttpResult Problem(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            OutcomeKind.Validation => Problems.Validation(failure.Errors),
            OutcomeKind.Forbidden => Problems.Forbidden(failure.Detail),
            OutcomeKind.NotFound => Problems.NotFound(failure.Detail),
            OutcomeKind.Conflict or OutcomeKind.AlreadyExists => Problems.Conflict(failure.Detail, failure.Reasons.Count > 0 ? failure.Reasons : null),
            OutcomeKind.BusinessRule => Problems.BusinessRule(failure.Detail, failure.Reasons, failure.Field),
            OutcomeKind.PreconditionFailed => Problems.PreconditionFailed(failure.Detail),
            OutcomeKind.PreconditionRequired => Problems.PreconditionRequired(),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, "A failure has a refusal kind."),
        };
    }

    /// <summary>The status the API gives for an outcome of this kind; the pages answer with it too (200 for a success).</summary>
    public static int Status(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Validation => StatusCodes.Status400BadRequest,
        OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
        OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        OutcomeKind.Conflict or OutcomeKind.AlreadyExists => StatusCodes.Status409Conflict,
        OutcomeKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        OutcomeKind.BusinessRule => StatusCodes.Status422UnprocessableEntity,
        OutcomeKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        _ => StatusCodes.Status200OK,
    };
}
