using Azure;
using Saison.Application.Persistence;
using Saison.Domain.Decisions;

namespace Saison.Application.Outcomes;

/// <summary>How a use case ended; the HTTP layer maps each kind to one status (200, 201, 400, 403, 404, 409, 412, 422, 428).</summary>
public enum OutcomeKind
{
    /// <summary>Done: the value, with its ETag when it is a record (200).</summary>
    Ok,

    /// <summary>A record was created (201).</summary>
    Created,

    /// <summary>Malformed or missing input (400).</summary>
    Validation,

    /// <summary>The caller may not act on this record (403).</summary>
    Forbidden,

    /// <summary>No such record (404).</summary>
    NotFound,

    /// <summary>The record's state forbids the change (409).</summary>
    Conflict,

    /// <summary>A record with this identifier already exists (409).</summary>
    AlreadyExists,

    /// <summary>The change breaks a business rule (422).</summary>
    BusinessRule,

    /// <summary>The record changed since the caller read it: the caller's version is stale (412).</summary>
    PreconditionFailed,

    /// <summary>The caller did not say which version it read (428).</summary>
    PreconditionRequired,
}

/// <summary>A refusal: its kind, a French detail, the rule's reasons, the offending field and, for invalid input, every field's errors.</summary>
public sealed record Failure(OutcomeKind Kind, string Detail, IReadOnlyList<Reason> Reasons, string? Field = null, IReadOnlyDictionary<string, string[]>? FieldErrors = null)
{
    /// <summary>The refusal's messages by field (invalid input only; the field is "body" when none is named).</summary>
    public IReadOnlyDictionary<string, string[]> Errors => FieldErrors ?? new Dictionary<string, string[]> { [Field ?? "body"] = [Detail] };

    public static Failure Validation(string field, string detail) => new(OutcomeKind.Validation, detail, [], field);

    /// <summary>Several invalid fields; the field is the first one, the detail all the messages.</summary>
    public static Failure Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(OutcomeKind.Validation, string.Join(" ", errors.SelectMany(e => e.Value)), [], errors.First().Key, errors);
    }

    public static Failure NotFound(string detail) => new(OutcomeKind.NotFound, detail, []);

    public static Failure Forbidden(string detail) => new(OutcomeKind.Forbidden, detail, []);

    public static Failure Conflict(string detail, IEnumerable<Reason>? reasons = null) => new(OutcomeKind.Conflict, detail, [.. reasons ?? []]);

    public static Failure AlreadyExists(string detail) => new(OutcomeKind.AlreadyExists, detail, []);

    public static Failure BusinessRule(string detail, IEnumerable<Reason> reasons, string? field = null) => new(OutcomeKind.BusinessRule, detail, [.. reasons], field);

    public static Failure PreconditionFailed() => new(OutcomeKind.PreconditionFailed, "L'enregistrement a été modifié depuis votre lecture : relisez-le puis recommencez.", [], "If-Match");

    public static Failure PreconditionRequired() => new(OutcomeKind.PreconditionRequired, "Indiquez dans l'en-tête If-Match l'ETag de la version que vous avez lue.", [], "If-Match");

    /// <summary>A refused decision as a business-rule (422) or conflict (409) failure.</summary>
    public static Failure From(Decision decision, string detail, OutcomeKind kind = OutcomeKind.BusinessRule, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(kind, detail + " " + string.Join(" ", decision.Reasons.Select(r => r.Message)), decision.Reasons, field);
    }
}

/// <summary>What a use case gives back: a value (with its ETag when it is a record), or a failure.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, ETag? ETag, Failure? Failure)
{
    public bool IsSuccess => Failure is null;

    /// <summary>The refusal's French detail, or null on success.</summary>
    public string? Detail => Failure?.Detail;

    /// <summary>The refused field, or null.</summary>
    public string? Field => Failure?.Field;

    /// <summary>The rule's reasons, empty on success.</summary>
    public IReadOnlyList<Reason> Reasons => Failure?.Reasons ?? [];

    public static Outcome<T> Ok(T value, ETag? etag = null) => new(OutcomeKind.Ok, value, etag, null);

    public static Outcome<T> Ok(Versioned<T> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Ok(record.Value, record.ETag);
    }

    public static Outcome<T> Created(T value, ETag? etag = null) => new(OutcomeKind.Created, value, etag, null);

    public static Outcome<T> Created(Versioned<T> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Created(record.Value, record.ETag);
    }

    public static Outcome<T> Fail(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(failure.Kind, default, null, failure);
    }

    public static Outcome<T> Invalid(string field, string detail) => Failure.Validation(field, detail);

    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => Failure.Validation(errors);

    public static Outcome<T> NotFound(string detail) => Failure.NotFound(detail);

    public static Outcome<T> Forbidden(string detail) => Failure.Forbidden(detail);

    public static Outcome<T> Conflict(string detail, IEnumerable<Reason>? reasons = null) => Failure.Conflict(detail, reasons);

    public static Outcome<T> AlreadyExists(string detail) => Failure.AlreadyExists(detail);

    public static Outcome<T> Refused(string detail, IEnumerable<Reason> reasons, string? field = null) => Failure.BusinessRule(detail, reasons, field);

    public static Outcome<T> Stale() => Failure.PreconditionFailed();

    public static implicit operator Outcome<T>(Failure failure) => Fail(failure);

    /// <summary>The value in another shape (the API's), or the same failure.</summary>
    public Outcome<TOther> Select<TOther>(Func<T, TOther> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Failure is null ? new(Kind, shape(Value!), ETag, null) : As<TOther>();
    }

    /// <summary>The same failure for another value type.</summary>
    public Outcome<TOther> As<TOther>() => Failure is null
        ? throw new InvalidOperationException("Only a failure converts to another value type.")
        : new(Kind, default, null, Failure);
}
