using Saison.Domain.Logistics;

namespace Saison.Domain.Tests.Logistics;

/// <summary>Test data for logistics rules: Paris summer times, entries, catalogue items.</summary>
internal static class LogisticsBuilders
{
    public static readonly TimeSpan Paris = TimeSpan.FromHours(2);

    public static DateTimeOffset At(int month, int day, int hour = 0, int minute = 0) => new(2027, month, day, hour, minute, 0, Paris);

    public static AllocationEntry Entry(
        string requestId,
        int requested,
        DateTimeOffset start,
        DateTimeOffset end,
        PriorityClass priority = PriorityClass.Other,
        AllocationState state = AllocationState.Pending,
        int granted = 0,
        DateTimeOffset? submittedAt = null) =>
        new(requestId, "l1", "evt-" + requestId, "org-" + requestId, priority, submittedAt ?? At(3, 1, 9), start, end, requested, granted, state);

    public static CatalogItem Barriers(int stock = 100) =>
        new("barrieres", "Barrières Vauban", CatalogItemKind.Equipment, "pièce", 2.5m, "logistique", stock, "depot-cadreau", TimeSpan.FromHours(12), TimeSpan.FromHours(24), TimeSpan.FromHours(12),
            new CrewWork("manutention", 30, 1, 30, 1, presence: false, unitsPerAgent: 50));

    public static CatalogItem StageManagers(int perDay = 4) =>
        new("regisseurs", "Régisseur", CatalogItemKind.Service, "régisseur-jour", 320m, "regie", perDay, crew: new CrewWork("regie", 0, 0, 0, 0, presence: true));
}
