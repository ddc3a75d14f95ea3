using Azure;
using Saison.Application.Auditing;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Application.Staff;
using Saison.Domain.Calendar;
using Saison.Domain.Leave;
using Saison.Storage;

namespace Saison.Application.Leave;

/// <summary>A team's presence rules (read by anyone who schedules; set by its managers or the project cell) and coverage per team and day.</summary>
public sealed class TeamRulesAndCoverage(LeaveStore store, LeaveContextLoader loader, StaffDirectory directory, AuditTrail audit, TimeProvider time)
{
    /// <summary>The longest coverage range one call returns.</summary>
    public const int MaxCoverageDays = 366;

    /// <summary>A team's rules (no rule at all until set), with their ETag once set.</summary>
    public async Task<Outcome<PresenceRulesRecord>> GetRulesAsync(int season, string teamId, CancellationToken cancellationToken = default)
    {
        if (await directory.FindTeamAsync(season, teamId, cancellationToken).ConfigureAwait(false) is null)
        {
            return Outcome<PresenceRulesRecord>.NotFound($"Aucune équipe « {teamId} » pour la saison {season}.");
        }

        var rules = await store.Rules.GetAsync(LeaveStore.Partition(season, teamId), LeaveStore.RulesKey, cancellationToken).ConfigureAwait(false);
        return rules is null
            ? Outcome<PresenceRulesRecord>.Ok(new PresenceRulesRecord(season, teamId, PresenceRules.None, "system", DateTimeOffset.MinValue))
            : Outcome<PresenceRulesRecord>.Ok(rules.Value, rules.ETag);
    }

    /// <summary>Sets a team's rules: the first time without If-Match, afterwards with the ETag read.</summary>
    public async Task<Outcome<PresenceRulesRecord>> SetRulesAsync(int season, string teamId, PresenceRules rules, ETag? ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(caller);
        var team = await directory.FindTeamAsync(season, teamId, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return Outcome<PresenceRulesRecord>.NotFound($"Aucune équipe « {teamId} » pour la saison {season}.");
        }

        if (!caller.IsInRole(Roles.ProjectCell) && !LeaveService.IsManagerOf(caller, team.Value))
        {
            return Outcome<PresenceRulesRecord>.Forbidden("Les règles de présence d'une équipe sont fixées par ses responsables ou la cellule projet.");
        }

        // Omitted lists mean "none" (JSON bodies may leave them out).
        rules = rules with { Minimums = rules.Minimums ?? [], Blackouts = rules.Blackouts ?? [] };
        if (rules.Problems() is { Count: > 0 } problems)
        {
            var first = problems.First();
            return Outcome<PresenceRulesRecord>.Invalid(first.Key, first.Value[0]);
        }

        var partition = LeaveStore.Partition(season, teamId);
        var current = await store.Rules.GetAsync(partition, LeaveStore.RulesKey, cancellationToken).ConfigureAwait(false);
        var record = new PresenceRulesRecord(season, teamId, rules, caller.Id, time.GetUtcNow());
        try
        {
            var set = new AuditRecord("leave.rules.set", $"/api/seasons/{season}/leave/rules/{teamId}", current?.Value, record);
            ETag etag;
            if (current is null)
            {
                etag = await audit.InsertAsync(caller, store.Rules, partition, LeaveStore.RulesKey, record, set, cancellationToken).ConfigureAwait(false);
            }
            else if (ifMatch is not { } expected)
            {
                return new Failure(OutcomeKind.PreconditionRequired, "Les règles existent déjà : indiquez dans If-Match l'ETag de la version lue.", [], "If-Match");
            }
            else
            {
                etag = await audit.ReplaceAsync(caller, store.Rules, partition, LeaveStore.RulesKey, record, expected, set, cancellationToken).ConfigureAwait(false);
            }

            return Outcome<PresenceRulesRecord>.Ok(record, etag);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed || e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return Outcome<PresenceRulesRecord>.Stale();
        }
    }

    /// <summary>Coverage per team and day: who is scheduled and on duty, never who is away or why.</summary>
    public async Task<Outcome<CoverageView>> CoverageAsync(int season, DateOnly? from, DateOnly? to, string? teamId, CancellationToken cancellationToken = default)
    {
        var window = await loader.WindowAsync(season, cancellationToken).ConfigureAwait(false);
        if (window is null)
        {
            return Outcome<CoverageView>.NotFound($"Aucune saison {season}.");
        }

        var first = from ?? window.FirstDay;
        var last = to ?? window.LastDay;
        if (last < first)
        {
            return Outcome<CoverageView>.Invalid("to", "La fin de la période précède son début.");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxCoverageDays)
        {
            return Outcome<CoverageView>.Invalid("to", $"Demandez au plus {MaxCoverageDays} jours à la fois.");
        }

        var teams = (await directory.ListTeamsAsync(season, cancellationToken).ConfigureAwait(false)).Where(t => teamId is null || t.Id == teamId).ToList();
        if (teamId is not null && teams.Count == 0)
        {
            return Outcome<CoverageView>.NotFound($"Aucune équipe « {teamId} » pour la saison {season}.");
        }

        var range = new DateRange(first, last);
        var views = new List<TeamCoverageView>();
        foreach (var team in teams)
        {
            var context = await loader.LoadAsync(season, team.Id, cancellationToken).ConfigureAwait(false);
            if (context is null)
            {
                continue;
            }

            var ledger = await store.LedgerAsync(season, team.Id, cancellationToken).ConfigureAwait(false);
            var approved = ledger?.Value.Approved.ToList() ?? [];
            var blackouts = context.Rules.Blackouts.Concat(await loader.DerivedBlackoutsAsync(context, range, cancellationToken).ConfigureAwait(false)).ToList();
            var days = range.EachDay().Select(d =>
            {
                var minimum = context.Rules.Minimums.Where(m => m.Skill is null && window.Applies(m.During, d)).Select(m => (int?)m.Count).Max();
                var onDuty = TeamCoverage.OnDuty(d, context.Members, approved);
                var scheduled = TeamCoverage.Scheduled(d, context.Members);
                return new CoverageDay(d, scheduled, onDuty, TeamCoverage.Absent(d, approved), minimum, scheduled > 0 && minimum is { } min && onDuty < min, blackouts.Any(b => b.Contains(d)));
            }).ToList();
            views.Add(new TeamCoverageView(team.Id, team.Name, context.Members.Count, days));
        }

        return Outcome<CoverageView>.Ok(new CoverageView(season, first, last, views));
    }
}
