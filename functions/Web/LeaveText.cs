using Saison.Application.Leave;
using Saison.Domain.Leave;
using Saison.Functions.Web.Components;

namespace Saison.Functions.Web;

/// <summary>French words of the leave pages, and the leave use cases' refusals as form errors.</summary>
public static class LeaveText
{
    public static string RuleLabel(string rule) => rule switch
    {
        LeaveRules.MinimumStaffing => "Effectif minimum",
        LeaveRules.MaxSimultaneousAbsences => "Absences simultanées",
        LeaveRules.Blackout => "Période sans congé",
        LeaveRules.RecoveryInPeak => "Récupération en haute saison",
        LeaveRules.MaxContinuousSummerLeave => "Congé d'été continu maximal",
        _ => rule,
    };

    /// <summary>Days counted, in the right number: « 0,5 jour », « 1 jour », « 2,5 jours ».</summary>
    public static string Days(decimal days) => WebText.Number(days, days == decimal.Truncate(days) ? 0 : 1) + (days > 1 ? " jours" : " jour");

    public static string KindLabel(LeaveKind kind) => kind switch
    {
        LeaveKind.AnnualLeave => "Congés annuels",
        LeaveKind.Rtt => "RTT",
        LeaveKind.Recovery => "Récupération",
        _ => kind.ToString(),
    };

    public static string StatusLabel(LeaveStatus status) => status switch
    {
        LeaveStatus.Pending => "en attente",
        LeaveStatus.Approved => "approuvée",
        LeaveStatus.Refused => "refusée",
        LeaveStatus.Cancelled => "annulée",
        _ => status.ToString(),
    };

    public static string StatusClass(LeaveStatus status) => status switch
    {
        LeaveStatus.Approved => "ok",
        LeaveStatus.Refused => "bad",
        LeaveStatus.Pending => "warn",
        _ => "neutral",
    };

    public static string Period(LeavePeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var start = WebText.ShortDate(period.First) + (period.StartsAfternoon ? " après-midi" : string.Empty);
        var end = WebText.ShortDate(period.Last) + (period.EndsAtNoon ? " midi" : string.Empty);
        return period.First == period.Last && !period.StartsAfternoon && !period.EndsAtNoon ? "le " + start : $"du {start} au {end}";
    }

}
