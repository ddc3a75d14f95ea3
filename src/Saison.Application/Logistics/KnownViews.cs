using System.Runtime.CompilerServices;
using Saison.Domain.Decisions;
using Saison.Domain.Logistics;

namespace Saison.Application.Logistics;

/// <summary>
/// What a view of one line is made from: its item as the catalogue has it, what the allocator says of it, where it stands
/// and what other requests' decisions did to it. Two lines with the same facts are shown the same way.
/// </summary>
internal readonly record struct LineFacts(
    CatalogItem? Item,
    AllocationOutcome? Outcome,
    AllocationState State,
    int Granted,
    LineDecisionKind Decision,
    IReadOnlyList<Reason> Flags,
    IReadOnlyList<RequestHistoryEntry> Notes)
{
    /// <summary>Whether <paramref name="other"/> shows the same (item by instance: the catalogue hands the same one while it is unchanged).</summary>
    public bool ShowsAs(in LineFacts other) =>
        ReferenceEquals(Item, other.Item)
        && State == other.State
        && Granted == other.Granted
        && Decision == other.Decision
        && Same(Flags, other.Flags)
        && Same(Notes, other.Notes)
        && (ReferenceEquals(Outcome, other.Outcome) || (Outcome is { } mine && other.Outcome is { } theirs
            && mine.Entry.Class == theirs.Entry.Class
            && mine.Available == theirs.Available
            && Equals(mine.Alternative, theirs.Alternative)
            && Same(mine.Reasons, theirs.Reasons)
            && Same(mine.Conflicts, theirs.Conflicts)));

    private static bool Same<T>(IReadOnlyList<T> x, IReadOnlyList<T> y) => ReferenceEquals(x, y) || x.SequenceEqual(y);
}

/// <summary>
/// The views already made of each stored request (one for technical services, one for the others), each kept with the
/// facts of its lines. A request viewed again whose lines show the same facts gets the same view: a page of 1,000 read
/// after a submission makes views only for the requests that submission changed, and the answer's writer can keep
/// each view's JSON (<c>RequestPages</c> in the Functions app). Kept as long as the stored request itself (a later
/// version of a request is another record).
/// </summary>
internal static class KnownViews
{
    private static readonly ConditionalWeakTable<StoredRequest, Known> Views = new();

    // A view with the facts it was made from, swapped whole (one reference: a concurrent reader sees one or the other).
    private sealed record Kept(LineFacts[] Facts, RequestView View);

    private sealed class Known
    {
        public Kept? Technical { get; set; }

        public Kept? Other { get; set; }
    }

    /// <summary>
    /// The view of <paramref name="request"/> with these facts: the one kept before if its facts were the same, else
    /// <paramref name="make"/>'s, kept when <paramref name="keep"/> (a list's views; a single read's is not, so that the
    /// requests a season writes do not all stay in memory with their views).
    /// </summary>
    public static RequestView Of(StoredRequest request, bool technical, LineFacts[] facts, Func<RequestView> make, bool keep)
    {
        Known? known;
        if (keep)
        {
            known = Views.GetValue(request, _ => new Known());
        }
        else if (!Views.TryGetValue(request, out known))
        {
            return make();
        }

        var kept = technical ? known.Technical : known.Other;
        if (kept is { } k && Same(k.Facts, facts))
        {
            return k.View;
        }

        var view = make();
        if (!keep)
        {
            return view;
        }

        if (technical)
        {
            known.Technical = new Kept(facts, view);
        }
        else
        {
            known.Other = new Kept(facts, view);
        }

        return view;
    }

    private static bool Same(LineFacts[] before, LineFacts[] now)
    {
        if (before.Length != now.Length)
        {
            return false;
        }

        for (var i = 0; i < now.Length; i++)
        {
            if (!before[i].ShowsAs(in now[i]))
            {
                return false;
            }
        }

        return true;
    }
}
