using Saison.Application.Logistics;
using Saison.Domain.Logistics;
using Saison.Functions.Web.Components;

namespace Saison.Functions.Web;

/// <summary>French words of the logistics pages, and the logistics use cases' refusals as form errors.</summary>
public static partial class LogisticsText
{
    /// <summary>The domain's own French label of a request's status.</summary>
    public static string Status(RequestStatus status) => RequestLifecycle.Label(status);

    public static string StatusClass(RequestStatus status) => status switch
    {
        RequestStatus.Approved or RequestStatus.Scheduled or RequestStatus.Delivered => "ok",
        RequestStatus.PartlyApproved or RequestStatus.Submitted or RequestStatus.UnderReview => "warn",
        RequestStatus.Refused => "bad",
        _ => "neutral",
    };

    public static string Decision(LineDecisionKind decision) => decision switch
    {
        LineDecisionKind.Pending => "en attente",
        LineDecisionKind.Approved => "accordée",
        LineDecisionKind.PartlyApproved => "accordée en partie",
        LineDecisionKind.Refused => "refusée",
        _ => decision.ToString(),
    };

    /// <summary>A step of a request's history, in French (the stored action is the API's code).</summary>
    public static string DecisionClass(LineDecisionKind decision) => decision switch
    {
        LineDecisionKind.Approved => "ok",
        LineDecisionKind.PartlyApproved => "warn",
        LineDecisionKind.Refused => "bad",
        _ => "neutral",
    };

    /// <summary>A step of a request's history in words.</summary>
    /// <summary>
    /// A history entry as a person reads it: the action in words, then its detail with each line named by its item
    /// (« Barrières » rather than « l1 »); a line no longer on the request is « ligne 1 ».
    /// </summary>
    public static string HistoryEntry(RequestView request, RequestHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Detail is not { Length: > 0 } detail)
        {
            return HistoryAction(entry.Action);
        }

        var names = request.Lines.ToDictionary(l => l.LineId, l => "« " + l.ItemName + " »", StringComparer.Ordinal);
        var named = LineId().Replace(detail, m => names.TryGetValue(m.Value, out var name) ? name : "ligne " + m.Groups[1].Value);
        return HistoryAction(entry.Action) + " : " + named;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bl(\d+)\b")]
    private static partial System.Text.RegularExpressions.Regex LineId();

    public static string HistoryAction(string action) => action switch
    {
        "created" => "créée",
        "edited" => "modifiée par l'organisateur",
        "submitted" => "déposée",
        "fast-track-approved" => "accordée par la procédure rapide",
        "queued-for-review" => "transmise aux services techniques",
        "line-approved" => "ligne accordée",
        "line-refused" => "ligne refusée",
        "line-displaced" => "ligne réduite au profit d'un événement prioritaire",
        "line-withdrawn" => "ligne retirée",
        "alternative-accepted" => "proposition acceptée",
        "confirmed" => "allocations confirmées",
        "overridden" => "allocation modifiée par les services techniques",
        "cancelled" => "annulée",
        "event-changed" => "l'événement a changé : la demande suit",
        _ when action.StartsWith("status-", StringComparison.Ordinal) && Enum.TryParse<RequestStatus>(action["status-".Length..], ignoreCase: true, out var status) => "passée à « " + Status(status) + " »",
        _ => action,
    };

    public static string Priority(PriorityClass priority) => priority switch
    {
        PriorityClass.TourismAgenda => "agenda touristique de l'été",
        PriorityClass.City => "ville",
        _ => "autres",
    };

    public static string? Alternative(AllocationAlternative? alternative)
    {
        if (alternative is null)
        {
            return null;
        }

        var parts = new List<string>();
        if (alternative.Quantity is { } quantity)
        {
            parts.Add($"{Saison.Application.Planning.FrenchQuantity.Of(quantity, "unité", "disponible")} à ces dates");
        }

        if (alternative.Start is { } start && alternative.End is { } end)
        {
            parts.Add($"la quantité entière du {start.ToString("ddd d MMM HH:mm", WebText.French)} au {end.ToString("ddd d MMM HH:mm", WebText.French)}" + (alternative.ShiftDays is { } shift ? $" (décalage de {WebText.Count(Math.Abs(shift), "jour", "jours")} {(shift > 0 ? "plus tard" : "plus tôt")})" : string.Empty));
        }

        return parts.Count == 0 ? null : "Proposition : " + string.Join(" ; ou ", parts) + ".";
    }

}
