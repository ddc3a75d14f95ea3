namespace Saison.Calendars.Outlook;

/// <summary>
/// Compares the stored sync state with what the mailbox holds of ours (the events carrying our
/// extended property, grouped by its exact value) and says how to correct the state, which
/// duplicates to delete. Pure: the sync lists the mailbox, this decides.
/// <list type="bullet">
/// <item>an event is ours for a Saison id only when its property value equals that id exactly
/// (ordinal): Graph compares property values case-insensitively, so a filter's answer proves nothing;</item>
/// <item>one event per Saison id is kept: the one the state knows, else the smallest Graph id
/// (deterministic); the others are duplicates, deleted;</item>
/// <item>an event of ours the state did not know is adopted into the state (the normal diff then
/// updates it if wanted, deletes it if not: an orphan);</item>
/// <item>a state entry the mailbox lacks is forgotten, so the normal diff creates it again if wanted.</item>
/// </list>
/// </summary>
internal static class OutlookReconciliation
{
    /// <summary>The corrections: state rows to write and to remove, duplicates to delete, and counts for the report.</summary>
    internal sealed record Plan(
        IReadOnlyList<SyncedEvent> Upserts,
        IReadOnlyList<string> Removals,
        IReadOnlyList<(string SaisonId, string GraphId)> Duplicates,
        int Adopted,
        int Missing);

    /// <param name="state">The stored state (Saison id → entry).</param>
    /// <param name="owned">Our events in the mailbox: exact property value → Graph ids.</param>
    public static Plan Compare(IReadOnlyDictionary<string, SyncedEvent> state, IReadOnlyDictionary<string, IReadOnlyList<string>> owned)
    {
        var upserts = new List<SyncedEvent>();
        var removals = new List<string>();
        var duplicates = new List<(string, string)>();
        int adopted = 0, missing = 0;
        foreach (var (saisonId, graphIds) in owned.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (graphIds.Count == 0)
            {
                continue;
            }

            state.TryGetValue(saisonId, out var known);
            var knownIsThere = known?.GraphId is { } id && graphIds.Contains(id, StringComparer.Ordinal);
            var keeper = knownIsThere ? known!.GraphId! : graphIds.Min(StringComparer.Ordinal)!;
            duplicates.AddRange(graphIds.Where(g => !string.Equals(g, keeper, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Select(g => (saisonId, g)));

            // The content of an event we did not know (or knew only in doubt) is unknown: an empty
            // hash makes the normal diff write it once.
            var trusted = knownIsThere && known!.Confirmed;
            var entry = new SyncedEvent(saisonId, keeper, trusted ? known!.ContentHash : string.Empty, null, Confirmed: true);
            if (!knownIsThere)
            {
                adopted++;
            }

            if (entry != known)
            {
                upserts.Add(entry);
            }
        }

        foreach (var known in state.Values.Where(s => !owned.TryGetValue(s.SaisonId, out var ids) || ids.Count == 0).OrderBy(s => s.SaisonId, StringComparer.Ordinal))
        {
            if (!known.IsPendingCreate)
            {
                missing++;
            }

            removals.Add(known.SaisonId);
        }

        return new Plan(upserts, removals, duplicates, adopted, missing);
    }
}
