using Saison.Application.Persistence;

namespace Saison.Application.Staff;

/// <summary>How a create or update ended.</summary>
public enum ChangeStatus
{
    Done,
    Invalid,
    NotFound,
    AlreadyExists,
    Stale,
}

/// <summary>The outcome of a create or update: the record written, or why nothing was written.</summary>
public sealed record ChangeResult<T>(ChangeStatus Status, Versioned<T>? Record = null, IReadOnlyDictionary<string, string[]>? Errors = null, string? Detail = null)
    where T : class
{
    public static ChangeResult<T> Done(Versioned<T> record) => new(ChangeStatus.Done, record);

    public static ChangeResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(ChangeStatus.Invalid, Errors: errors);

    public static ChangeResult<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ChangeResult<T> NotFound(string detail) => new(ChangeStatus.NotFound, Detail: detail);

    public static ChangeResult<T> AlreadyExists(string detail) => new(ChangeStatus.AlreadyExists, Detail: detail);

    public static ChangeResult<T> Stale() => new(ChangeStatus.Stale);
}
