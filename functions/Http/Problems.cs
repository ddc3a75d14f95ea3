using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Saison.Domain.Decisions;

namespace Saison.Functions.Http;

/// <summary>The stable <c>type</c> of each kind of refusal (RFC 9457).</summary>
public static class ProblemTypes
{
    public const string Validation = "urn:saison:problem:validation";
    public const string MalformedJson = "urn:saison:problem:malformed-json";
    public const string Unauthenticated = "urn:saison:problem:unauthenticated";
    public const string Forbidden = "urn:saison:problem:forbidden";
    public const string NotFound = "urn:saison:problem:not-found";
    public const string MethodNotAllowed = "urn:saison:problem:method-not-allowed";
    public const string Conflict = "urn:saison:problem:conflict";
    public const string PreconditionFailed = "urn:saison:problem:precondition-failed";
    public const string PreconditionRequired = "urn:saison:problem:precondition-required";
    public const string BusinessRule = "urn:saison:problem:business-rule";
    public const string UnsupportedMediaType = "urn:saison:problem:unsupported-media-type";
    public const string TooLarge = "urn:saison:problem:too-large";
    public const string Internal = "urn:saison:problem:internal";
}

/// <summary>
/// Builders for every refusal the API gives, in French: 400 with the offending field, 404, 409,
/// 412, 422 with reasons. Handlers return these; the app never answers a refusal otherwise.
/// </summary>
public static class Problems
{
    /// <summary>400: one field is missing or invalid.</summary>
    public static ProblemHttpResult Validation(string field, string detail) =>
        Validation(new Dictionary<string, string[]> { [field] = [detail] });

    /// <summary>400: several fields are invalid; <c>field</c> names the first, <c>errors</c> all of them.</summary>
    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors.First();
        return Create(StatusCodes.Status400BadRequest, ProblemTypes.Validation, "Données invalides", string.Join(" ", errors.SelectMany(e => e.Value)), new()
        {
            ["field"] = first.Key,
            ["errors"] = errors,
        });
    }

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Ressource introuvable", detail);

    /// <summary>409: the request conflicts with the current state (a duplicate, a decision already taken).</summary>
    public static ProblemHttpResult Conflict(string detail, IReadOnlyList<Reason>? reasons = null) =>
        Create(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "Conflit", detail, reasons is null ? null : new() { ["reasons"] = reasons });

    /// <summary>422: a business rule refuses the request; the reasons say which (<c>code</c>, stable) and why (<c>message</c>, French).</summary>
    public static ProblemHttpResult BusinessRule(string detail, IReadOnlyList<Reason> reasons, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["reasons"] = reasons };
        if (field is not null)
        {
            extensions["field"] = field;
        }

        return Create(StatusCodes.Status422UnprocessableEntity, ProblemTypes.BusinessRule, "Règle métier non respectée", detail, extensions);
    }

    /// <summary>412: the record changed since the caller read it.</summary>
    public static ProblemHttpResult PreconditionFailed(string? detail = null) =>
        Create(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, "Version périmée", detail ?? "L'enregistrement a été modifié depuis votre lecture : relisez-le puis recommencez.", new() { ["field"] = "If-Match" });

    /// <summary>428: an update must say which version it read.</summary>
    public static ProblemHttpResult PreconditionRequired() =>
        Create(StatusCodes.Status428PreconditionRequired, ProblemTypes.PreconditionRequired, "En-tête If-Match requis", "Indiquez dans l'en-tête If-Match l'ETag de la version que vous avez lue.", new() { ["field"] = "If-Match" });

    public static ProblemHttpResult Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Accès refusé", detail);

    public static ProblemHttpResult Create(int status, string type, string title, string detail, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Type = type,
            Title = title,
            Detail = detail,
            Extensions = extensions ?? [],
        });
}
