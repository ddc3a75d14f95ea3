using Azure;
using Saison.Domain.Decisions;

namespace Saison.Application.Seasons;

/// <summary>Why a use case refused: the HTTP layer maps each kind to its status (400, 403, 404, 409, 412, 422, 428).</summary>
public enum FailureKind
{
    /// <summary>Malformed or missing input (400).</summary>
    Validation,

    /// <summary>The caller may not act on this record (403).</summary>
    Forbidden,

    /// <summary>No such record (404).</summary>
    NotFound,

    /// <summary>The record's state forbids the change (409).</summary>
    Conflict,

    /// <summary>The change breaks a business rule (422).</summary>
    BusinessRule,

    /// <summary>The record changed since the caller read it (412).</summary>
    PreconditionFailed,

    /// <summary>The caller did not say which version it read (428).</summary>
    PreconditionRequired,
}

/// <summary>A refusal: its kind, a French detail, the rule's reasons and the offending field.</summary>
public sealed record Failure(FailureKind Kind, string Detail, IReadOnlyList<Reason> Reasons, string? Field = null)
{
    public static Failure Validation(string field, string detail) => new(FailureKind.Validation, detail, [], field);

    public static Failure NotFound(string detail) => new(FailureKind.NotFound, detail, []);

    public static Failure Forbidden(string detail) => new(FailureKind.Forbidden, detail, []);

    public static Failure PreconditionFailed() => new(FailureKind.PreconditionFailed, "L'enregistrement a été modifié depuis votre lecture : relisez-le puis recommencez.", [], "If-Match");

    public static Failure PreconditionRequired() => new(FailureKind.PreconditionRequired, "Indiquez dans l'en-tête If-Match l'ETag de la version que vous avez lue.", [], "If-Match");

    /// <summary>A refused decision as a business-rule (422) or conflict (409) failure.</summary>
    public static Failure From(Decision decision, string detail, FailureKind kind = FailureKind.BusinessRule, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(kind, detail + " " + string.Join(" ", decision.Reasons.Select(r => r.Message)), decision.Reasons, field);
    }
}

/// <summary>What a use case gives back: a value with its ETag, or a failure.</summary>
public sealed record UseCaseResult<T>(T? Value, ETag ETag, Failure? Failure)
    where T : class
{
    public bool Succeeded => Failure is null;

    public static UseCaseResult<T> Ok(T value, ETag etag) => new(value, etag, null);

    public static UseCaseResult<T> Fail(Failure failure) => new(null, default, failure);

    public static implicit operator UseCaseResult<T>(Failure failure) => Fail(failure);

    /// <summary>The value in another shape (the API's), or the same failure.</summary>
    public UseCaseResult<TOther> Select<TOther>(Func<T, TOther> shape)
        where TOther : class
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Failure is null ? new(shape(Value!), ETag, null) : new(null, default, Failure);
    }
}
