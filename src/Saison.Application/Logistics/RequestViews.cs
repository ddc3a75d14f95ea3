using Saison.Domain.Decisions;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;

namespace Saison.Application.Logistics;

/// <summary>A request as the API shows it: its status, cost and every line with its decision, reasons and alternative.</summary>
public sealed record RequestView(
    string Id,
    int Season,
    string EventId,
    string EventTitle,
    string OrganiserId,
    OrganiserKind OrganiserKind,
    PriorityClass PriorityClass,
    RequestStatus Status,
    bool Late,
    DateOnly? DueBy,
    bool FastTrack,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    decimal Cost,
    IReadOnlyList<Reason> Reasons,
    IReadOnlyList<RequestLineView> Lines,
    IReadOnlyList<RequestHistoryEntry> History);

/// <summary>
/// One line: what was asked, the decision (<see cref="Granted"/> once decided, <see cref="Proposed"/>
/// by the allocator while pending), the reasons, the nearest alternative and, for technical
/// services, the higher-priority lines it conflicts with. <see cref="Flags"/> say why technical services
/// must decide the line again (its event changed, the stock or capacity no longer holds what was granted):
/// the decision stands as it was until they do.
/// </summary>
public sealed record RequestLineView(
    string LineId,
    string ItemId,
    string ItemName,
    string Unit,
    int Quantity,
    DateTimeOffset Delivery,
    DateTimeOffset Pickup,
    string? Note,
    LineDecisionKind Decision,
    bool Confirmed,
    int Granted,
    int Proposed,
    decimal Cost,
    IReadOnlyList<Reason> Reasons,
    AllocationAlternative? Alternative,
    IReadOnlyList<ConflictView>? Conflicts,
    IReadOnlyList<Reason> Flags);

/// <summary>Another request's line competing for the same units.</summary>
public sealed record ConflictView(string RequestId, string LineId);

/// <summary>A budget envelope and what the season's grants consume of it.</summary>
public sealed record EnvelopeView(string ServiceId, string Name, decimal Amount, decimal Consumed, decimal Pending, decimal Remaining);

/// <summary>The catalogue as the API returns it: items in the shape <c>PUT /catalog/items/{id}</c> accepts back.</summary>
public sealed record CatalogApiView(int Season, IReadOnlyList<CatalogItemInput> Items, IReadOnlyList<ServiceLevel> ServiceLevels, IReadOnlyList<EnvelopeView> Envelopes, LeadTimePolicy LeadTimes)
{
    public static CatalogApiView From(CatalogView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Season, [.. view.Items.Select(CatalogItemInput.From)], view.ServiceLevels, view.Envelopes, view.LeadTimes);
    }
}

/// <summary>The catalogue of a season: items with their stock or capacity, service levels, envelopes and lead times.</summary>
public sealed record CatalogView(int Season, IReadOnlyList<CatalogItem> Items, IReadOnlyList<ServiceLevel> ServiceLevels, IReadOnlyList<EnvelopeView> Envelopes, LeadTimePolicy LeadTimes);

/// <summary>
/// What an organiser asks: an event and lines; delivery and pickup default from the catalogue. A request read back (to
/// file it again) is accepted, its other fields read-only.
/// </summary>
[Persistence.ReadBack(typeof(RequestView))]
public sealed record CreateRequestInput(string? EventId, IReadOnlyList<CreateLineInput>? Lines, bool Submit = false);

[Persistence.ReadBack(typeof(RequestLineView))]
public sealed record CreateLineInput(string? ItemId, int Quantity, DateTimeOffset? Delivery = null, DateTimeOffset? Pickup = null, string? Note = null);

/// <summary>Technical services' decision on one line: approve (all or <see cref="Quantity"/>) or refuse, with a reason.</summary>
public sealed record LineDecisionInput(string? LineId, DecisionVerb? Decision, int? Quantity, string? Reason);
