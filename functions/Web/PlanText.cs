using Saison.Domain.Planning;

namespace Saison.Functions.Web;

/// <summary>French words of the reverse plan's states.</summary>
public static class PlanText
{
    public static string State(MilestoneState state) => state switch
    {
        MilestoneState.ToDo => "dans les temps",
        MilestoneState.AtRisk => "à risque",
        MilestoneState.Late => "en retard",
        MilestoneState.Done => "fait",
        _ => state.ToString(),
    };

    public static string StateClass(MilestoneState state) => state switch
    {
        MilestoneState.Late => "bad",
        MilestoneState.AtRisk => "warn",
        MilestoneState.Done => "ok",
        _ => "neutral",
    };
}
