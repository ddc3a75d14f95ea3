namespace Saison.Domain.Decisions;

/// <summary>
/// What a person decides on something submitted to them — a logistics line, a leave request: the one
/// vocabulary of every decision the API takes (<c>"approve"</c>, <c>"refuse"</c>).
/// </summary>
public enum DecisionVerb
{
    Approve,
    Refuse,
}

/// <summary>
/// Why a rule decided as it did: a stable code for programs and a French sentence for people
/// (a manager and a test read the same explanation).
/// </summary>
public sealed record Reason(string Code, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// The outcome of a business rule: accepted or refused, with its reasons. Rules return decisions;
/// they never throw for a business refusal (DESIGN.md "How a request flows").
/// </summary>
public sealed record Decision
{
    private Decision(bool accepted, IReadOnlyList<Reason> reasons)
    {
        IsAccepted = accepted;
        Reasons = reasons;
    }

    public bool IsAccepted { get; }

    public bool IsRefused => !IsAccepted;

    public IReadOnlyList<Reason> Reasons { get; }

    public static Decision Accepted(params Reason[] reasons) => new(true, reasons);

    public static Decision Refused(params Reason[] reasons)
    {
        if (reasons.Length == 0)
        {
            throw new ArgumentException("A refusal needs at least one reason.", nameof(reasons));
        }

        return new(false, reasons);
    }

    public static Decision Refused(IEnumerable<Reason> reasons) => Refused([.. reasons]);

    /// <summary>Accepted when every decision is; the reasons of all refusals otherwise.</summary>
    public static Decision All(IEnumerable<Decision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var list = decisions.ToList();
        var refusals = list.Where(d => d.IsRefused).SelectMany(d => d.Reasons).ToArray();
        return refusals.Length > 0 ? Refused(refusals) : Accepted([.. list.SelectMany(d => d.Reasons)]);
    }
}
