using System.Globalization;
using Saison.Domain.Decisions;
using Saison.Domain.Organisers;

namespace Saison.Domain.Logistics;

/// <summary>
/// Where a request stands, as organisers follow it. <see cref="Approved"/>,
/// <see cref="PartlyApproved"/> and <see cref="Refused"/> are read from the lines' decisions.
/// </summary>
public enum RequestStatus
{
    Draft,
    Submitted,
    UnderReview,
    Approved,
    PartlyApproved,
    Refused,
    Scheduled,
    Delivered,
    Closed,

    /// <summary>Withdrawn by its organiser before scheduling: its lines hold nothing.</summary>
    Cancelled,
}

/// <summary>
/// One line: so many units of a catalogue item, delivered and picked up at given instants.
/// <see cref="Flags"/> say why technical services must look at it again (its event changed so that
/// the loan can no longer serve it); a technician's decision on the line clears them.
/// </summary>
public sealed record RequestLine
{
    public RequestLine(string lineId, string itemId, int quantity, DateTimeOffset delivery, DateTimeOffset pickup, string? note = null, IReadOnlyList<Reason>? flags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lineId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        if (pickup <= delivery)
        {
            throw new ArgumentException("Pickup comes after delivery.", nameof(pickup));
        }

        LineId = lineId;
        ItemId = itemId;
        Quantity = quantity;
        Delivery = delivery;
        Pickup = pickup;
        Note = note;
        Flags = flags is { Count: > 0 } ? flags : null;
    }

    public string LineId { get; }

    public string ItemId { get; }

    public int Quantity { get; }

    public DateTimeOffset Delivery { get; }

    public DateTimeOffset Pickup { get; }

    public string? Note { get; }

    /// <summary>Why technical services must decide this line again; <c>null</c> when nothing is flagged.</summary>
    public IReadOnlyList<Reason>? Flags { get; }

    /// <summary>
    /// When the event started that <see cref="Delivery"/> and <see cref="Pickup"/> were planned for, if not the event as
    /// its request last followed it: a line an event change could not serve keeps its dates, and a later change shifts
    /// them from the event they were made for. <c>null</c>: the line follows its request's event.
    /// </summary>
    public DateTimeOffset? PlannedEventStart { get; init; }

    /// <inheritdoc cref="PlannedEventStart"/>
    public DateTimeOffset? PlannedEventEnd { get; init; }

    /// <summary>
    /// The line with its delivery and pickup moved by their own shifts (an event that moves or changes length), its flags
    /// replaced: it follows its request's event again.
    /// </summary>
    public RequestLine Shifted(TimeSpan deliveryShift, TimeSpan pickupShift, IReadOnlyList<Reason>? flags) =>
        new(LineId, ItemId, Quantity, Delivery + deliveryShift, Pickup + pickupShift, Note, flags);

    /// <summary>The line with these flags (none: <c>null</c> or empty), its dates and the event they were planned for kept.</summary>
    public RequestLine WithFlags(IReadOnlyList<Reason>? flags) =>
        new(LineId, ItemId, Quantity, Delivery, Pickup, Note, flags) { PlannedEventStart = PlannedEventStart, PlannedEventEnd = PlannedEventEnd };

    /// <summary>The line kept at its dates, planned for an event that started and ended at these times.</summary>
    public RequestLine PlannedFor(DateTimeOffset eventStart, DateTimeOffset eventEnd) => this with { PlannedEventStart = eventStart, PlannedEventEnd = eventEnd };
}

/// <summary>The decision on one line as the organiser reads it.</summary>
public enum LineDecisionKind
{
    Pending,
    Approved,
    PartlyApproved,
    Refused,
}

/// <summary>The lifecycle of a request and its transitions; decisions on lines live with the resource allocations.</summary>
public static class RequestLifecycle
{
    /// <summary>A line's decision from its allocation state and quantities.</summary>
    public static LineDecisionKind LineDecision(AllocationState state, int granted, int requested) => state switch
    {
        AllocationState.Pending => LineDecisionKind.Pending,
        AllocationState.Refused => LineDecisionKind.Refused,
        _ when granted == 0 => LineDecisionKind.Refused,
        _ when granted < requested => LineDecisionKind.PartlyApproved,
        _ => LineDecisionKind.Approved,
    };

    /// <summary>
    /// The status shown: the stored stage until every line is decided, then approved, partly
    /// approved or refused; from scheduling on, the stored stage again.
    /// </summary>
    public static RequestStatus StatusOf(RequestStatus stored, IReadOnlyCollection<LineDecisionKind> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (stored is RequestStatus.Draft or RequestStatus.Scheduled or RequestStatus.Delivered or RequestStatus.Closed or RequestStatus.Cancelled || lines.Count == 0)
        {
            return stored;
        }

        if (lines.Any(l => l == LineDecisionKind.Pending))
        {
            return stored is RequestStatus.Submitted ? RequestStatus.Submitted : RequestStatus.UnderReview;
        }

        return lines.All(l => l == LineDecisionKind.Approved) ? RequestStatus.Approved
            : lines.All(l => l == LineDecisionKind.Refused) ? RequestStatus.Refused
            : RequestStatus.PartlyApproved;
    }

    /// <summary>Whether a request showing <paramref name="current"/> may move to <paramref name="target"/> by an explicit step.</summary>
    public static Decision CanMove(RequestStatus current, RequestStatus target)
    {
        var allowed = (current, target) switch
        {
            (RequestStatus.Draft, RequestStatus.Submitted) => true,
            (RequestStatus.Submitted, RequestStatus.UnderReview) => true,
            (RequestStatus.Approved or RequestStatus.PartlyApproved, RequestStatus.Scheduled) => true,
            (RequestStatus.Scheduled, RequestStatus.Delivered) => true,
            (RequestStatus.Delivered or RequestStatus.Refused, RequestStatus.Closed) => true,
            _ => false,
        };
        return allowed
            ? Decision.Accepted()
            : Decision.Refused(new Reason("invalid-transition", string.Format(CultureInfo.InvariantCulture, "Une demande « {0} » ne peut pas passer à « {1} ».", Label(current), Label(target))));
    }

    public static string Label(RequestStatus status) => status switch
    {
        RequestStatus.Draft => "brouillon",
        RequestStatus.Submitted => "soumise",
        RequestStatus.UnderReview => "en instruction",
        RequestStatus.Approved => "accordée",
        RequestStatus.PartlyApproved => "accordée en partie",
        RequestStatus.Refused => "refusée",
        RequestStatus.Scheduled => "planifiée",
        RequestStatus.Delivered => "livrée",
        RequestStatus.Cancelled => "annulée",
        _ => "clôturée",
    };

    /// <summary>
    /// Whether the organiser may still rewrite a request's lines: a draft, or a submitted request none of
    /// whose lines is decided yet (a decided line is changed by accepting its alternative, or the request cancelled).
    /// </summary>
    public static Decision CanEdit(RequestStatus shown, IReadOnlyCollection<LineDecisionKind> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (shown is not (RequestStatus.Draft or RequestStatus.Submitted or RequestStatus.UnderReview))
        {
            return Decision.Refused(new Reason("not-editable", string.Format(CultureInfo.InvariantCulture, "Une demande « {0} » ne se modifie plus : annulez-la ou acceptez l'alternative proposée sur une ligne.", Label(shown))));
        }

        return lines.Any(l => l != LineDecisionKind.Pending)
            ? Decision.Refused(new Reason("line-decided", "Une ligne est déjà décidée par les services techniques : la demande ne se modifie plus, annulez-la ou acceptez l'alternative proposée."))
            : Decision.Accepted();
    }

    /// <summary>Whether the organiser may cancel the request: until it is scheduled (then the services have planned for it).</summary>
    public static Decision CanCancel(RequestStatus shown) => shown is RequestStatus.Scheduled or RequestStatus.Delivered or RequestStatus.Closed or RequestStatus.Cancelled
        ? Decision.Refused(new Reason("not-cancellable", string.Format(CultureInfo.InvariantCulture, "Une demande « {0} » ne s'annule plus : prévenez les services techniques.", Label(shown))))
        : Decision.Accepted();

    /// <summary>
    /// Whether the organiser may accept the alternative offered on a line: a refused or partly approved line
    /// of a request not yet scheduled, with an alternative to accept.
    /// </summary>
    public static Decision CanAcceptAlternative(RequestStatus shown, LineDecisionKind line, AllocationAlternative? alternative)
    {
        if (shown is RequestStatus.Draft or RequestStatus.Scheduled or RequestStatus.Delivered or RequestStatus.Closed or RequestStatus.Cancelled)
        {
            return Decision.Refused(new Reason("not-editable", string.Format(CultureInfo.InvariantCulture, "Une demande « {0} » ne change plus d'alternative.", Label(shown))));
        }

        if (line is not (LineDecisionKind.Refused or LineDecisionKind.PartlyApproved))
        {
            return Decision.Refused(new Reason("line-not-short", "Seule une ligne refusée ou accordée en partie se remplace par l'alternative proposée."));
        }

        return alternative is null
            ? Decision.Refused(new Reason("no-alternative", "Aucune alternative n'est proposée pour cette ligne."))
            : Decision.Accepted();
    }
}

/// <summary>What the fast procedure looks at for a request.</summary>
public sealed record FastProcedureInput(
    OrganiserKind OrganiserKind,
    bool OnTime,
    ServiceLevel? ServiceLevel,
    IReadOnlyList<FastProcedureLine> Lines,
    IReadOnlyDictionary<string, EnvelopeUse> Envelopes);

/// <summary>A line as the fast procedure sees it: its cost and whether the stock serves it in full without displacing anyone.</summary>
public sealed record FastProcedureLine(string ItemId, string ItemName, string ServiceId, int Quantity, decimal Cost, bool FullyAvailable);

/// <summary>A budget envelope and what approved requests already consume of it.</summary>
public sealed record EnvelopeUse(decimal Amount, decimal Consumed)
{
    public decimal Remaining => Amount - Consumed;
}

/// <summary>
/// The fast procedure (procédure rapide): a small standard request, on time, within stock, within
/// the organiser's standard service level and its services' envelopes, is approved at once.
/// A refusal here only means "goes to review", with the reasons why.
/// </summary>
public static class FastProcedure
{
    public static Decision Evaluate(FastProcedureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reasons = new List<Reason>();
        if (!input.OnTime)
        {
            reasons.Add(new Reason("late", "Demande déposée après le délai de prévenance : instruction par les services techniques."));
        }

        if (input.ServiceLevel is not { } level)
        {
            reasons.Add(new Reason("no-service-level", "Aucun niveau de service standard pour ce type d'organisateur à cette période."));
        }
        else
        {
            if (input.Lines.Count > level.MaxLines)
            {
                reasons.Add(new Reason("not-small", string.Format(CultureInfo.InvariantCulture, "Demande de {0} lignes : la procédure rapide en admet {1} au plus.", input.Lines.Count, level.MaxLines)));
            }

            foreach (var line in input.Lines)
            {
                var allowance = level.AllowanceFor(line.ItemId);
                if (allowance is null)
                {
                    reasons.Add(new Reason("not-standard", string.Format(CultureInfo.InvariantCulture, "« {0} » ne fait pas partie du niveau de service standard.", line.ItemName)));
                }
                else if (line.Quantity > allowance)
                {
                    reasons.Add(new Reason("above-standard", string.Format(CultureInfo.InvariantCulture, "« {0} » : {1} demandés, le niveau de service standard en prévoit {2}.", line.ItemName, line.Quantity, allowance)));
                }
            }

            var cost = input.Lines.Sum(l => l.Cost);
            if (cost > level.MaxCostPerRequest)
            {
                reasons.Add(new Reason("above-cost", $"Coût de {FrenchNumbers.Euros(cost)} au-delà du plafond standard de {FrenchNumbers.Euros(level.MaxCostPerRequest)}."));
            }
        }

        foreach (var line in input.Lines.Where(l => !l.FullyAvailable))
        {
            reasons.Add(new Reason("stock", string.Format(CultureInfo.InvariantCulture, "« {0} » : stock ou capacité insuffisants sur la période.", line.ItemName)));
        }

        foreach (var group in input.Lines.GroupBy(l => l.ServiceId))
        {
            if (input.Envelopes.TryGetValue(group.Key, out var envelope) && group.Sum(l => l.Cost) > envelope.Remaining)
            {
                reasons.Add(new Reason("envelope", $"L'enveloppe budgétaire du service {group.Key} n'a plus que {FrenchNumbers.Euros(envelope.Remaining)} disponibles."));
            }
        }

        return reasons.Count > 0
            ? Decision.Refused(reasons)
            : Decision.Accepted(new Reason("fast-track", "Procédure rapide : demande standard, dans les délais, dans le stock et le niveau de service ; accordée immédiatement."));
    }
}
