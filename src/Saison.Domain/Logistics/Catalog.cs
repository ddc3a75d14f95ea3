using System.Globalization;
using Saison.Domain.Decisions;

namespace Saison.Domain.Logistics;

/// <summary>Whether an item is lent (equipment with a stock) or performed (a service with a daily capacity).</summary>
public enum CatalogItemKind
{
    /// <summary>Lent from a depot: busy from delivery to pickup plus the turnaround.</summary>
    Equipment,

    /// <summary>Performed by a service: a capacity per day (stage-manager hours, cleaning rounds, road-closure crews).</summary>
    Service,
}

/// <summary>
/// The crew work an item brings once approved: delivery and setup before the event, presence
/// during it (stage managers), teardown after it. Durations in minutes; one agent handles
/// <see cref="UnitsPerAgent"/> units.
/// </summary>
public sealed record CrewWork
{
    public CrewWork(string skill, int setupMinutes, int setupMinutesPerUnit, int teardownMinutes, int teardownMinutesPerUnit, bool presence, int unitsPerAgent = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(skill);
        if (setupMinutes < 0 || setupMinutesPerUnit < 0 || teardownMinutes < 0 || teardownMinutesPerUnit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(setupMinutes), "Crew durations cannot be negative.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(unitsPerAgent, 1);
        Skill = skill;
        SetupMinutes = setupMinutes;
        SetupMinutesPerUnit = setupMinutesPerUnit;
        TeardownMinutes = teardownMinutes;
        TeardownMinutesPerUnit = teardownMinutesPerUnit;
        Presence = presence;
        UnitsPerAgent = unitsPerAgent;
    }

    /// <summary>The skill an agent needs (a skill id of the season's staff data).</summary>
    public string Skill { get; }

    public int SetupMinutes { get; }

    public int SetupMinutesPerUnit { get; }

    public int TeardownMinutes { get; }

    public int TeardownMinutesPerUnit { get; }

    /// <summary>One agent per unit is present for the whole event (stage managers).</summary>
    public bool Presence { get; }

    public int UnitsPerAgent { get; }
}

/// <summary>
/// An entry of the catalogue: equipment with a stock in a depot and a turnaround between two
/// uses, or a service with a capacity per day; a unit cost charged to the owning service's
/// budget envelope; default delivery and pickup offsets; the crew work it brings.
/// </summary>
public sealed record CatalogItem
{
    public CatalogItem(
        string id,
        string name,
        CatalogItemKind kind,
        string unit,
        decimal unitCost,
        string serviceId,
        int capacity,
        string? depotId = null,
        TimeSpan turnaround = default,
        TimeSpan deliveryBefore = default,
        TimeSpan pickupAfter = default,
        CrewWork? crew = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentOutOfRangeException.ThrowIfNegative(unitCost);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (turnaround < TimeSpan.Zero || deliveryBefore < TimeSpan.Zero || pickupAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(turnaround), "Turnaround, delivery and pickup offsets cannot be negative.");
        }

        if (kind == CatalogItemKind.Equipment && string.IsNullOrWhiteSpace(depotId))
        {
            throw new ArgumentException("Equipment is kept in a depot.", nameof(depotId));
        }

        Id = id;
        Name = name;
        Kind = kind;
        Unit = unit;
        UnitCost = unitCost;
        ServiceId = serviceId;
        Capacity = capacity;
        DepotId = depotId;
        Turnaround = turnaround;
        DeliveryBefore = deliveryBefore;
        PickupAfter = pickupAfter;
        Crew = crew;
    }

    public string Id { get; }

    public string Name { get; }

    public CatalogItemKind Kind { get; }

    /// <summary>What one unit is (« pièce », « heure », « tournée »...).</summary>
    public string Unit { get; }

    /// <summary>Cost of one unit (per loan for equipment, per day for a service), in euros.</summary>
    public decimal UnitCost { get; }

    /// <summary>The technical service that owns the item and whose budget envelope pays for it.</summary>
    public string ServiceId { get; }

    /// <summary>Stock (equipment) or units per day (service).</summary>
    public int Capacity { get; }

    public string? DepotId { get; }

    /// <summary>Time after pickup before the equipment can go out again (checks, cleaning, transport).</summary>
    public TimeSpan Turnaround { get; }

    /// <summary>Default delivery offset before the event starts.</summary>
    public TimeSpan DeliveryBefore { get; }

    /// <summary>Default pickup offset after the event ends.</summary>
    public TimeSpan PickupAfter { get; }

    public CrewWork? Crew { get; }

    /// <summary>
    /// The default delivery for an event starting at <paramref name="eventStart"/>: the catalogue's
    /// offset before it, moved earlier into the crews' day (<paramref name="dayStart"/> to
    /// <paramref name="dayEnd"/>, local) when it would fall at night.
    /// </summary>
    public DateTimeOffset DefaultDelivery(DateTimeOffset eventStart, int dayStart = 7, int dayEnd = 19)
    {
        var at = eventStart - DeliveryBefore;
        if (at.Hour < dayStart)
        {
            return new DateTimeOffset(at.Date.AddDays(-1).AddHours(dayEnd - 2), at.Offset);
        }

        return at.Hour >= dayEnd ? new DateTimeOffset(at.Date.AddHours(dayEnd - 2), at.Offset) : at;
    }

    /// <summary>The default pickup after an event ending at <paramref name="eventEnd"/>, moved later into the crews' day when it would fall at night.</summary>
    public DateTimeOffset DefaultPickup(DateTimeOffset eventEnd, int dayStart = 7, int dayEnd = 19)
    {
        var at = eventEnd + PickupAfter;
        if (at.Hour < dayStart)
        {
            return new DateTimeOffset(at.Date.AddHours(dayStart + 1), at.Offset);
        }

        return at.Hour >= dayEnd ? new DateTimeOffset(at.Date.AddDays(1).AddHours(dayStart + 1), at.Offset) : at;
    }

    /// <summary>
    /// Whether a loan from <paramref name="delivery"/> to <paramref name="pickup"/> serves an event
    /// from <paramref name="eventStart"/> to <paramref name="eventEnd"/>: it overlaps the event,
    /// is delivered no earlier than the day before the standard delivery and picked up no later than
    /// the standard pickup plus the item's turnaround (at least a day). A window outside these bounds
    /// holds stock the season needs for nothing, so it is refused with its reason, never fast-tracked.
    /// </summary>
    public Decision CheckLoan(DateTimeOffset eventStart, DateTimeOffset eventEnd, DateTimeOffset delivery, DateTimeOffset pickup)
    {
        var earliest = DefaultDelivery(eventStart).AddDays(-1);
        var latest = DefaultPickup(eventEnd) + (Turnaround > TimeSpan.FromDays(1) ? Turnaround : TimeSpan.FromDays(1));
        var reasons = new List<Reason>();
        if (delivery >= eventEnd || pickup <= eventStart)
        {
            reasons.Add(new Reason("loan-outside-event", string.Format(CultureInfo.InvariantCulture, "« {0} » : le prêt du {1:dd/MM/yyyy HH:mm} au {2:dd/MM/yyyy HH:mm} ne couvre pas l'événement (du {3:dd/MM/yyyy HH:mm} au {4:dd/MM/yyyy HH:mm}).", Name, delivery, pickup, eventStart, eventEnd)));
        }
        else
        {
            if (delivery < earliest)
            {
                reasons.Add(new Reason("delivery-too-early", string.Format(CultureInfo.InvariantCulture, "« {0} » : livraison le {1:dd/MM/yyyy HH:mm}, trop tôt pour l'événement ; au plus tôt le {2:dd/MM/yyyy HH:mm}.", Name, delivery, earliest)));
            }

            if (pickup > latest)
            {
                reasons.Add(new Reason("pickup-too-late", string.Format(CultureInfo.InvariantCulture, "« {0} » : enlèvement le {1:dd/MM/yyyy HH:mm}, trop tard après l'événement ; au plus tard le {2:dd/MM/yyyy HH:mm}.", Name, pickup, latest)));
            }
        }

        return reasons.Count == 0 ? Decision.Accepted() : Decision.Refused(reasons);
    }

    /// <summary>
    /// When the item is busy for a line: equipment from delivery to pickup plus turnaround;
    /// a service on every local day from the delivery day to the pickup day.
    /// </summary>
    public (DateTimeOffset Start, DateTimeOffset End) Occupancy(DateTimeOffset delivery, DateTimeOffset pickup)
    {
        if (pickup < delivery)
        {
            throw new ArgumentException("Pickup comes before delivery.", nameof(pickup));
        }

        if (Kind == CatalogItemKind.Equipment)
        {
            return (delivery, pickup + Turnaround);
        }

        var first = new DateTimeOffset(delivery.Date, delivery.Offset);
        var last = new DateTimeOffset(pickup.Date, pickup.Offset).AddDays(1);
        return (first, last);
    }

    /// <summary>Cost of <paramref name="quantity"/> units busy over an occupancy interval (as <see cref="Occupancy"/> gives it).</summary>
    public decimal CostOver(int quantity, DateTimeOffset occupancyStart, DateTimeOffset occupancyEnd)
    {
        var days = Kind == CatalogItemKind.Service ? Math.Max(1, (int)Math.Round((occupancyEnd - occupancyStart).TotalDays)) : 1;
        return UnitCost * quantity * days;
    }

    /// <summary>Cost of <paramref name="quantity"/> units for a line: per loan for equipment, per day for a service.</summary>
    public decimal CostOf(int quantity, DateTimeOffset delivery, DateTimeOffset pickup)
    {
        var (start, end) = Occupancy(delivery, pickup);
        return CostOver(quantity, start, end);
    }
}

/// <summary>What an organiser of one kind gets as standard, in or out of the season: items and quantities per request, and a cost ceiling.</summary>
public sealed record ServiceLevel
{
    public ServiceLevel(Organisers.OrganiserKind organiserKind, bool inSeason, IReadOnlyList<ServiceAllowance> allowances, decimal maxCostPerRequest, int maxLines = 6)
    {
        ArgumentNullException.ThrowIfNull(allowances);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCostPerRequest);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        OrganiserKind = organiserKind;
        InSeason = inSeason;
        Allowances = allowances;
        MaxCostPerRequest = maxCostPerRequest;
        MaxLines = maxLines;
    }

    public Organisers.OrganiserKind OrganiserKind { get; }

    public bool InSeason { get; }

    public IReadOnlyList<ServiceAllowance> Allowances { get; }

    public decimal MaxCostPerRequest { get; }

    /// <summary>A "small" request for the fast procedure has at most this many lines.</summary>
    public int MaxLines { get; }

    public int? AllowanceFor(string itemId) => Allowances.FirstOrDefault(a => a.ItemId == itemId)?.MaxQuantity;
}

/// <summary>Up to <see cref="MaxQuantity"/> units of an item per request as standard.</summary>
public sealed record ServiceAllowance(string ItemId, int MaxQuantity);

/// <summary>A technical service's budget for the season (à enveloppe constante).</summary>
public sealed record BudgetEnvelope
{
    public BudgetEnvelope(string serviceId, string name, decimal amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ServiceId = serviceId;
        Name = name;
        Amount = amount;
    }

    public string ServiceId { get; }

    public string Name { get; }

    public decimal Amount { get; }
}

/// <summary>How long before the event a request is due, by size class of the event (working days).</summary>
public sealed record LeadTimePolicy
{
    public LeadTimePolicy(IReadOnlyDictionary<string, int> workingDaysBySizeClass, int defaultWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(workingDaysBySizeClass);
        ArgumentOutOfRangeException.ThrowIfNegative(defaultWorkingDays);
        WorkingDaysBySizeClass = workingDaysBySizeClass;
        DefaultWorkingDays = defaultWorkingDays;
    }

    public IReadOnlyDictionary<string, int> WorkingDaysBySizeClass { get; }

    public int DefaultWorkingDays { get; }

    /// <summary>The lead time of a size class (names compared ignoring case), or the default.</summary>
    public int WorkingDaysFor(string? sizeClass)
    {
        if (sizeClass is null)
        {
            return DefaultWorkingDays;
        }

        if (WorkingDaysBySizeClass.TryGetValue(sizeClass, out var days))
        {
            return days;
        }

        foreach (var (name, value) in WorkingDaysBySizeClass)
        {
            if (string.Equals(name, sizeClass, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return DefaultWorkingDays;
    }

    /// <summary>The last day a request for an event starting on <paramref name="eventFirstDay"/> is on time.</summary>
    public DateOnly DueBy(DateOnly eventFirstDay, string? sizeClass, Calendar.WorkingDays workingDays)
    {
        ArgumentNullException.ThrowIfNull(workingDays);
        return workingDays.Add(eventFirstDay, -WorkingDaysFor(sizeClass));
    }

    public bool IsOnTime(DateOnly submittedOn, DateOnly eventFirstDay, string? sizeClass, Calendar.WorkingDays workingDays) => submittedOn <= DueBy(eventFirstDay, sizeClass, workingDays);
}
