using Saison.Application.Seasons;
using Saison.Application.Staff;
using Saison.Domain.Leave;

namespace Saison.Application.Leave;

/// <summary>Each team's presence rules, its blackout windows moved to the same weekdays; no leave request is copied.</summary>
public sealed class LeaveCarryOver(LeaveStore store, StaffDirectory directory) : ISeasonCarryOverPart
{
    /// <summary>After the staff (rules are a team's).</summary>
    public int Order => 60;

    public string Name => "presenceRules";

    public async Task<int> CarryOverAsync(SeasonCarryOverContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = 0;
        foreach (var team in await directory.ListTeamsAsync(context.From.Year, cancellationToken).ConfigureAwait(false))
        {
            if (await store.Rules.GetAsync(LeaveStore.Partition(context.From.Year, team.Id), LeaveStore.RulesKey, cancellationToken).ConfigureAwait(false) is not { } rules)
            {
                continue;
            }

            var moved = rules.Value.Rules with
            {
                Blackouts = [.. rules.Value.Rules.Blackouts.Select(b => Moved(b, context))],
            };
            await store.Rules.UpsertAsync(
                LeaveStore.Partition(context.Target.Year, team.Id),
                LeaveStore.RulesKey,
                new PresenceRulesRecord(context.Target.Year, team.Id, moved, context.Caller.Id, context.Now),
                cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    /// <summary>A blackout moves with its days (same weekdays, or its fixed-date holiday); one tied to an event not carried over is no longer tied.</summary>
    private static BlackoutWindow Moved(BlackoutWindow blackout, SeasonCarryOverContext context)
    {
        var shift = context.ShiftOf(blackout.First, blackout.Last);
        return blackout with { First = blackout.First.AddDays(shift), Last = blackout.Last.AddDays(shift), EventId = blackout.EventId is { } id && context.EventIds.Contains(id) ? id : null };
    }
}
