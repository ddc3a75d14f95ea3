using Azure;
using Saison.Domain.Decisions;

namespace Saison.Application.Logistics;

/// <summary>How a logistics or crews use case ended; the function maps each kind to one HTTP answer.</summary>
public enum ResultKind
{
    Ok,
    Created,
    NotFound,
    Forbidden,
    Validation,
    Conflict,
    PreconditionFailed,
    BusinessRule,
}

/// <summary>A use case's answer: a value with its ETag, or a refusal with its French detail, field and reasons.</summary>
public sealed record LogisticsResult<T>(ResultKind Kind, T? Value, ETag? ETag, string? Detail, string? Field, IReadOnlyList<Reason> Reasons)
{
    public bool IsSuccess => Kind is ResultKind.Ok or ResultKind.Created;

    public static LogisticsResult<T> Ok(T value, ETag? etag = null) => new(ResultKind.Ok, value, etag, null, null, []);

    public static LogisticsResult<T> Created(T value, ETag? etag = null) => new(ResultKind.Created, value, etag, null, null, []);

    public static LogisticsResult<T> NotFound(string detail) => new(ResultKind.NotFound, default, null, detail, null, []);

    public static LogisticsResult<T> Forbidden(string detail) => new(ResultKind.Forbidden, default, null, detail, null, []);

    public static LogisticsResult<T> Invalid(string field, string detail) => new(ResultKind.Validation, default, null, detail, field, []);

    public static LogisticsResult<T> Conflict(string detail, IReadOnlyList<Reason>? reasons = null) => new(ResultKind.Conflict, default, null, detail, null, reasons ?? []);

    public static LogisticsResult<T> Stale() => new(ResultKind.PreconditionFailed, default, null, null, "If-Match", []);

    public static LogisticsResult<T> Refused(string detail, IReadOnlyList<Reason> reasons, string? field = null) => new(ResultKind.BusinessRule, default, null, detail, field, reasons);

    /// <summary>The value in another shape (the API's), or the same refusal.</summary>
    public LogisticsResult<TOther> Select<TOther>(Func<T, TOther> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return IsSuccess ? new(Kind, shape(Value!), ETag, Detail, Field, Reasons) : As<TOther>();
    }

    /// <summary>The same refusal for another value type.</summary>
    public LogisticsResult<TOther> As<TOther>() => IsSuccess
        ? throw new InvalidOperationException("Only a refusal converts to another value type.")
        : new(Kind, default, null, Detail, Field, Reasons);
}
