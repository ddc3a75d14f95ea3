using Saison.Domain.Organisers;

namespace Saison.Domain.Logistics;

/// <summary>Who is served first when capacity is short.</summary>
public enum PriorityClass
{
    /// <summary>An event validated into the summer tourism agenda.</summary>
    TourismAgenda = 0,

    /// <summary>An event of the city, the agglomeration or the tourism operator.</summary>
    City = 1,

    /// <summary>Associations and private partners.</summary>
    Other = 2,
}

/// <summary>The priority rule of the study: agenda events first, then city events, then the others; within a class, the earlier complete submission.</summary>
public static class LogisticsPriority
{
    public static PriorityClass ClassOf(bool inTourismAgenda, OrganiserKind organiserKind) =>
        inTourismAgenda ? PriorityClass.TourismAgenda
        : organiserKind is OrganiserKind.CityService or OrganiserKind.TourismOperator ? PriorityClass.City
        : PriorityClass.Other;

    /// <summary>Orders by class, then submission instant, then request and line ids (a total, stable order).</summary>
    public static int Compare(AllocationEntry x, AllocationEntry y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        // Compared as numbers: an enum's CompareTo takes an object, and boxes on every comparison of every sort and merge.
        var c = ((int)x.Class).CompareTo((int)y.Class);
        if (c != 0)
        {
            return c;
        }

        c = x.SubmittedAt.UtcTicks.CompareTo(y.SubmittedAt.UtcTicks);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.RequestId, y.RequestId);
        return c != 0 ? c : string.CompareOrdinal(x.LineId, y.LineId);
    }

    public static string Label(PriorityClass priorityClass) => priorityClass switch
    {
        PriorityClass.TourismAgenda => "agenda touristique de l'été",
        PriorityClass.City => "événement de la ville",
        _ => "autre organisateur",
    };
}
