using Saison.Application.Samples;
using Saison.Domain.Leave;

namespace Saison.Application.Leave;

/// <summary>Loads the sample teams' presence rules from <c>leave.json</c> (upserts: idempotent).</summary>
public sealed class LeaveSamplePart(LeaveStore store, TimeProvider time) : ISampleSeasonPart
{
    /// <summary>The sample file read.</summary>
    public const string FileName = "leave.json";

    /// <summary>After the staff (teams must exist).</summary>
    public int Order => 60;

    /// <summary>The part's name in the sample marker.</summary>
    public string Name => "leave";

    /// <summary>Upserts each sample team's rules.</summary>
    public async Task LoadAsync(SampleSeasonContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.PathOf(FileName);
        if (!File.Exists(path))
        {
            return;
        }

        var sample = await SampleFiles.ReadAsync<LeaveSample>(path, cancellationToken).ConfigureAwait(false);

        foreach (var team in sample.Rules)
        {
            var rules = new PresenceRules(team.Minimums ?? [], team.MaxSimultaneousAbsences, team.Blackouts ?? [], team.DerivedBlackoutMarginDays, team.RecoveryBlockedDuringPeak, team.MaxContinuousSummerLeaveDays);
            if (rules.Problems().Count > 0)
            {
                throw new InvalidDataException($"{path}: the rules of team {team.TeamId} are invalid ({string.Join(", ", rules.Problems().Keys)}).");
            }

            await store.Rules.UpsertAsync(
                LeaveStore.Partition(context.Season, team.TeamId),
                LeaveStore.RulesKey,
                new PresenceRulesRecord(context.Season, team.TeamId, rules, context.Caller.Id, time.GetUtcNow()),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record LeaveSample(IReadOnlyList<SampleRules> Rules);

    private sealed record SampleRules(
        string TeamId,
        IReadOnlyList<MinimumStaffing>? Minimums,
        AbsenceCap? MaxSimultaneousAbsences,
        IReadOnlyList<BlackoutWindow>? Blackouts,
        int? DerivedBlackoutMarginDays,
        bool RecoveryBlockedDuringPeak,
        int? MaxContinuousSummerLeaveDays);
}
