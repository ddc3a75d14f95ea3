using Saison.Domain.Decisions;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;

namespace Saison.Application.Logistics;

/// <summary>A logistics request as stored: the event it serves, its lines and its stage; line decisions live in the resource ledgers.</summary>
public sealed record StoredRequest(
    string Id,
    int Season,
    string EventId,
    string EventTitle,
    string OrganiserId,
    OrganiserKind OrganiserKind,
    string SizeClass,
    RequestStatus Stage,
    IReadOnlyList<RequestLine> Lines,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? SubmittedAt,
    bool Late,
    DateOnly? DueBy,
    bool FastTrack,
    IReadOnlyList<Reason> Reasons,
    IReadOnlyList<RequestHistoryEntry> History);

/// <summary>One step in a request's life, as the organiser follows it.</summary>
public sealed record RequestHistoryEntry(DateTimeOffset At, string ActorId, string Action, string? Detail);

/// <summary>
/// Every claim on one resource for a season, kept as one record in the resource's own partition:
/// every change is a read, a decision over the whole ledger and a write with If-Match, so two
/// concurrent grants can never both take the last units.
/// </summary>
public sealed record AllocationLedger(string ItemId, IReadOnlyList<AllocationEntry> Entries)
{
    public AllocationEntry? Find(string requestId, string lineId) =>
        Entries.FirstOrDefault(e => e.RequestId == requestId && e.LineId == lineId);

    /// <summary>The ledger with <paramref name="changed"/> entries put in place of those with the same key (or added).</summary>
    public AllocationLedger With(IEnumerable<AllocationEntry> changed)
    {
        var byKey = Entries.ToDictionary(e => e.Key, StringComparer.Ordinal);
        foreach (var entry in changed)
        {
            byKey[entry.Key] = entry;
        }

        return this with { Entries = [.. byKey.Values.OrderBy(e => e.Key, StringComparer.Ordinal)] };
    }
}

/// <summary>The rules of a season's catalogue beside its items: lead times, standard service levels, envelopes.</summary>
public sealed record CatalogPolicy(LeadTimePolicy LeadTimes, IReadOnlyList<ServiceLevel> ServiceLevels, IReadOnlyList<BudgetEnvelope> Envelopes)
{
    public static CatalogPolicy Empty { get; } = new(new LeadTimePolicy(new Dictionary<string, int>(), 15), [], []);

    public ServiceLevel? LevelFor(OrganiserKind kind, bool inSeason) =>
        ServiceLevels.FirstOrDefault(l => l.OrganiserKind == kind && l.InSeason == inSeason);
}
