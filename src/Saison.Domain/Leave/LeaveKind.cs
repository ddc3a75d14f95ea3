namespace Saison.Domain.Leave;

/// <summary>What an absence is taken from.</summary>
public enum LeaveKind
{
    /// <summary>Congés annuels: five times the weekly working days, plus fractionnement days.</summary>
    AnnualLeave,

    /// <summary>Jours de réduction du temps de travail, earned by a cycle above 35 hours.</summary>
    Rtt,

    /// <summary>Récupération: banked hours credited from overtime, taken as days or half days.</summary>
    Recovery,
}

/// <summary>Where a request stands.</summary>
public enum LeaveStatus
{
    Pending,
    Approved,
    Refused,
    Cancelled,
}
