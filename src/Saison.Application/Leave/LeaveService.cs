using Azure;
using Saison.Application.Auditing;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Application.Staff;
using Saison.Domain.Calendar;
using Saison.Domain.Decisions;
using Saison.Domain.Leave;
using Saison.Domain.Staff;
using Saison.Storage;

namespace Saison.Application.Leave;

/// <summary>
/// Summer leave: requests, evaluations against the team's presence rules, decisions and
/// cancellations, balances and recovery credits. Writes go through the team's ledger with If-Match
/// (one partition per team), so a decision is atomic against concurrent ones.
/// </summary>
public sealed class LeaveService(LeaveStore store, LeaveContextLoader loader, StaffDirectory directory, AuditTrail audit, TimeProvider time)
{
    /// <summary>The shortest written justification accepted to override a failed rule.</summary>
    public const int MinimumJustificationLength = 15;

    /// <summary>Evaluates a request without saving it (dry run): the same immediate refusals as a submission, then each rule's verdict and the coverage.</summary>
    public async Task<Outcome<LeaveEvaluationView>> EvaluateAsync(int season, LeaveRequestInput input, Caller caller, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(season, input, caller, cancellationToken).ConfigureAwait(false);
        if (prepared.Refusal is not null)
        {
            return prepared.Refusal.As<LeaveEvaluationView>();
        }

        var (context, agent, candidate) = (prepared.Context!, prepared.Agent!, prepared.Candidate!);
        var ledger = await LedgerAsync(season, context.Team.Id, cancellationToken).ConfigureAwait(false);
        if (ImmediateRefusal<LeaveEvaluationView>(context, agent, candidate, ledger.Value) is { } refused)
        {
            return refused;
        }

        var evaluation = await EvaluateAsync(context, candidate, ledger.Value, cancellationToken).ConfigureAwait(false);
        var balance = Balance(context, agent, ledger.Value);
        var projection = await ProjectionAsync(context, agent, ledger.Value.With(candidate with { Status = LeaveStatus.Approved }), cancellationToken).ConfigureAwait(false);
        return Outcome<LeaveEvaluationView>.Ok(new LeaveEvaluationView(agent.Id, context.Team.Id, candidate.Kind, candidate.Period, candidate.Days, evaluation, balance.Allows(candidate.Kind, candidate.Days), balance, projection));
    }

    /// <summary>Asks for leave: refused at once for an overlap (409) or an insufficient balance (422); otherwise saved as pending, reserving the balance, and returned with its evaluation.</summary>
    public async Task<Outcome<LeaveRequestView>> SubmitAsync(int season, LeaveRequestInput input, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var prepared = await PrepareAsync(season, input, caller, cancellationToken).ConfigureAwait(false);
        if (prepared.Refusal is not null)
        {
            return prepared.Refusal;
        }

        var (context, agent, candidate) = (prepared.Context!, prepared.Agent!, prepared.Candidate!);
        var request = new LeaveRequest(candidate.RequestId, season, context.Team.Id, agent.Id, candidate.Kind, candidate.Period, candidate.Days, LeaveStatus.Pending, Clean(input.Comment), caller.Id, time.GetUtcNow());
        var partition = LeaveStore.Partition(season, context.Team.Id);

        var outcome = await OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var ledger = await LedgerAsync(season, context.Team.Id, ct).ConfigureAwait(false);
                if (ImmediateRefusal<LeaveRequestView>(context, agent, candidate, ledger.Value) is { } refused)
                {
                    return (Refused: refused, Ledger: ledger.Value, ETag: default(ETag), Audit: (PendingAudit?)null);
                }

                var next = ledger.Value.With(candidate);
                var recorded = audit.Prepare(caller, LeaveStore.TableName, partition, [new AuditRecord("leave.request.submit", Target(request), null, request)]);
                var etags = await store.Requests.SubmitAsync(
                    [
                        TableTransactionAction.Add(store.Requests.ToEntity(partition, LeaveStore.RequestPrefix + request.Id, request)),
                        LedgerWrite(partition, next, ledger.ETag),
                        recorded.Action,
                    ],
                    ct).ConfigureAwait(false);
                return (Refused: (Outcome<LeaveRequestView>?)null, Ledger: next, ETag: etags[0]!.Value, Audit: recorded);
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (outcome.Refused is not null)
        {
            return outcome.Refused;
        }

        await audit.CompleteAsync(outcome.Audit!, cancellationToken).ConfigureAwait(false);
        return Outcome<LeaveRequestView>.Created(await ViewAsync(context, agent, request, outcome.Ledger, cancellationToken).ConfigureAwait(false), outcome.ETag);
    }

    /// <summary>A request with its live evaluation, if the caller may see it.</summary>
    public async Task<Outcome<LeaveRequestView>> GetAsync(int season, string requestId, Caller caller, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(season, requestId, caller, cancellationToken).ConfigureAwait(false);
        if (found.Refusal is not null)
        {
            return found.Refusal;
        }

        var (context, request, agent) = (found.Context!, found.Request!, found.Agent!);
        var ledger = await LedgerAsync(season, context.Team.Id, cancellationToken).ConfigureAwait(false);
        return Outcome<LeaveRequestView>.Ok(await ViewAsync(context, agent, request.Value, ledger.Value, cancellationToken).ConfigureAwait(false), request.ETag);
    }

    /// <summary>
    /// Approves or refuses a pending request. Approval re-evaluates against the ledger as it is now
    /// and writes request and ledger together with If-Match: a concurrent approval that took the last
    /// free slot makes this one re-evaluate and, unless overridden with a justification, fail (409).
    /// </summary>
    public async Task<Outcome<LeaveRequestView>> DecideAsync(int season, string requestId, LeaveDecisionInput input, ETag ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        if (input.Decision is not { } verb)
        {
            return Outcome<LeaveRequestView>.Invalid("decision", "Indiquez la décision : « approve » pour accorder, « refuse » pour refuser.");
        }

        var approve = verb == DecisionVerb.Approve;

        var justification = Clean(input.Justification);
        if (input.Justification is not null && (justification is null || justification.Length < MinimumJustificationLength))
        {
            return Outcome<LeaveRequestView>.Invalid("justification", $"Une justification écrite fait au moins {MinimumJustificationLength} caractères.");
        }

        var found = await FindAsync(season, requestId, caller, cancellationToken).ConfigureAwait(false);
        if (found.Refusal is not null)
        {
            return found.Refusal;
        }

        var context = found.Context!;
        if (!IsManagerOf(caller, context.Team))
        {
            return Outcome<LeaveRequestView>.Forbidden("Seuls les responsables de l'équipe décident de ses congés.");
        }

        var agent = found.Agent!;
        var partition = LeaveStore.Partition(season, context.Team.Id);
        var outcome = await OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var current = await store.Requests.GetAsync(partition, LeaveStore.RequestPrefix + requestId, ct).ConfigureAwait(false);
                if (current is null)
                {
                    return Step.Fail(Outcome<LeaveRequestView>.NotFound($"Aucune demande de congé « {requestId} »."));
                }

                if (current.ETag != ifMatch)
                {
                    return Step.Fail(Outcome<LeaveRequestView>.Stale());
                }

                if (current.Value.Status != LeaveStatus.Pending)
                {
                    return Step.Fail(Outcome<LeaveRequestView>.Conflict($"La demande est déjà {StatusText(current.Value.Status)} : elle ne peut plus être décidée."));
                }

                var ledger = await LedgerAsync(season, context.Team.Id, ct).ConfigureAwait(false);
                var booking = current.Value.ToBooking();
                string[] overridden = [];
                LeaveEvaluation? evaluation = null;
                if (approve)
                {
                    var balance = Balance(context, agent, ledger.Value.Without(requestId));
                    if (balance.Allows(booking.Kind, booking.Days) is { IsRefused: true } short_)
                    {
                        return Step.Fail(Outcome<LeaveRequestView>.Conflict("Le solde de l'agent ne permet plus cette demande.", short_.Reasons));
                    }

                    evaluation = await EvaluateAsync(context, booking, ledger.Value, ct).ConfigureAwait(false);
                    if (!evaluation.Passed && justification is null)
                    {
                        return Step.Fail(Outcome<LeaveRequestView>.Conflict(
                            "La demande ne respecte pas les règles de présence de l'équipe : l'approuver exige une dérogation justifiée par écrit (« justification »).",
                            evaluation.FailureReasons));
                    }

                    overridden = [.. evaluation.FailedRules];
                }

                var decided = current.Value with
                {
                    Status = approve ? LeaveStatus.Approved : LeaveStatus.Refused,
                    Decision = new LeaveDecision(caller.Id, time.GetUtcNow(), approve, Clean(input.Comment), overridden.Length > 0 ? justification : null, overridden),
                };
                var next = approve ? ledger.Value.With(decided.ToBooking()) : ledger.Value.Without(requestId);
                var action = !approve ? "leave.request.refuse" : overridden.Length > 0 ? "leave.request.approve-override" : "leave.request.approve";
                var recorded = audit.Prepare(caller, LeaveStore.TableName, partition, [new AuditRecord(action, Target(decided), current.Value, decided, overridden.Length > 0 ? justification : null)]);
                var etags = await store.Requests.SubmitAsync(
                    [
                        TableTransactionAction.UpdateReplace(store.Requests.ToEntity(partition, LeaveStore.RequestPrefix + requestId, decided), current.ETag),
                        LedgerWrite(partition, next, ledger.ETag),
                        recorded.Action,
                    ],
                    ct).ConfigureAwait(false);
                return new Step(null, current.Value, decided, next, etags[0]!.Value, overridden, recorded);
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (outcome.Refused is not null)
        {
            return outcome.Refused;
        }

        await audit.CompleteAsync(outcome.Audit!, cancellationToken).ConfigureAwait(false);
        return Outcome<LeaveRequestView>.Ok(await ViewAsync(context, agent, outcome.After!, outcome.Ledger!, cancellationToken).ConfigureAwait(false), outcome.ETag);
    }

    /// <summary>Cancels a pending or approved request (the agent, or a manager of the team): the balance comes back.</summary>
    public async Task<Outcome<LeaveRequestView>> CancelAsync(int season, string requestId, string? comment, ETag ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FindAsync(season, requestId, caller, cancellationToken).ConfigureAwait(false);
        if (found.Refusal is not null)
        {
            return found.Refusal;
        }

        var context = found.Context!;
        var agent = found.Agent!;
        var partition = LeaveStore.Partition(season, context.Team.Id);
        var outcome = await OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var current = await store.Requests.GetAsync(partition, LeaveStore.RequestPrefix + requestId, ct).ConfigureAwait(false);
                if (current is null || current.ETag != ifMatch)
                {
                    return Step.Fail(current is null ? Outcome<LeaveRequestView>.NotFound($"Aucune demande de congé « {requestId} ».") : Outcome<LeaveRequestView>.Stale());
                }

                if (current.Value.Status is LeaveStatus.Refused or LeaveStatus.Cancelled)
                {
                    return Step.Fail(Outcome<LeaveRequestView>.Conflict($"La demande est déjà {StatusText(current.Value.Status)}."));
                }

                var ledger = await LedgerAsync(season, context.Team.Id, ct).ConfigureAwait(false);
                var cancelled = current.Value with { Status = LeaveStatus.Cancelled, Cancellation = new LeaveCancellation(caller.Id, time.GetUtcNow(), Clean(comment)) };
                var next = ledger.Value.Without(requestId);
                var recorded = audit.Prepare(caller, LeaveStore.TableName, partition, [new AuditRecord("leave.request.cancel", Target(cancelled), current.Value, cancelled)]);
                var etags = await store.Requests.SubmitAsync(
                    [
                        TableTransactionAction.UpdateReplace(store.Requests.ToEntity(partition, LeaveStore.RequestPrefix + requestId, cancelled), current.ETag),
                        LedgerWrite(partition, next, ledger.ETag),
                        recorded.Action,
                    ],
                    ct).ConfigureAwait(false);
                return new Step(null, current.Value, cancelled, next, etags[0]!.Value, [], recorded);
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (outcome.Refused is not null)
        {
            return outcome.Refused;
        }

        await audit.CompleteAsync(outcome.Audit!, cancellationToken).ConfigureAwait(false);
        return Outcome<LeaveRequestView>.Ok(await ViewAsync(context, agent, outcome.After!, outcome.Ledger!, cancellationToken).ConfigureAwait(false), outcome.ETag);
    }

    /// <summary>The requests the caller may see: their own (Agent), their teams' (Manager), all (Admin).</summary>
    public async Task<Outcome<IReadOnlyList<LeaveRequest>>> ListAsync(int season, string? teamId, string? agentId, LeaveStatus? status, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var teams = await directory.ListTeamsAsync(season, cancellationToken).ConfigureAwait(false);
        var agents = caller.IsAdmin || caller.IsInRole(Roles.Manager) ? [] : await directory.ListAgentsAsync(season, cancellationToken).ConfigureAwait(false);
        var visibleTeams = teams.Where(t => teamId is null || t.Id == teamId)
            .Where(t => caller.IsAdmin || IsManagerOf(caller, t) || OwnAgentIds(caller, agents).Any(a => agents.Any(x => x.Id == a && x.TeamId == t.Id)))
            .ToList();
        // Each team is its own partition: their requests are read side by side (one round trip's wait, not one per team).
        var listed = await Task.WhenAll(visibleTeams.Select(t => store.RequestsOfTeamAsync(season, t.Id, cancellationToken))).ConfigureAwait(false);
        var results = new List<LeaveRequest>();
        foreach (var (team, requests) in visibleTeams.Zip(listed))
        {
            var manager = caller.IsAdmin || IsManagerOf(caller, team);
            foreach (var request in requests)
            {
                var mine = IsSelf(caller, request.Value.AgentId);
                if ((manager || mine) && (agentId is null || request.Value.AgentId == agentId) && (status is null || request.Value.Status == status))
                {
                    results.Add(request.Value);
                }
            }
        }

        return Outcome<IReadOnlyList<LeaveRequest>>.Ok([.. results.OrderBy(r => r.Period.First).ThenBy(r => r.Id, StringComparer.Ordinal)]);
    }

    /// <summary>An agent's balances (the agent themselves, their managers, Admin).</summary>
    public async Task<Outcome<LeaveBalanceView>> BalanceAsync(int season, string agentId, Caller caller, CancellationToken cancellationToken = default)
    {
        var (context, agent, refusal) = await AgentContextAsync(season, agentId, caller, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal.As<LeaveBalanceView>();
        }

        var ledger = await LedgerAsync(season, context!.Team.Id, cancellationToken).ConfigureAwait(false);
        var projection = await ProjectionAsync(context, agent!, ledger.Value, cancellationToken).ConfigureAwait(false);
        return Outcome<LeaveBalanceView>.Ok(new LeaveBalanceView(Balance(context, agent!, ledger.Value), [.. ledger.Value.Credits.Where(c => c.AgentId == agentId)], projection));
    }

    /// <summary>Banks overtime as recovery time (a manager of the agent's team).</summary>
    public async Task<Outcome<LeaveBalanceView>> CreditRecoveryAsync(int season, RecoveryCreditInput input, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        if (input.Hours is not (> 0 and <= 200))
        {
            return Outcome<LeaveBalanceView>.Invalid("hours", "Les heures créditées doivent être comprises entre 0 et 200.");
        }

        if (input.WorkedOn is not { } workedOn || workedOn.Year != season)
        {
            return Outcome<LeaveBalanceView>.Invalid("workedOn", $"Indiquez le jour travaillé, en {season}.");
        }

        if (Clean(input.Reason) is not { } reason)
        {
            return Outcome<LeaveBalanceView>.Invalid("reason", "Indiquez pourquoi ces heures ont été faites (événement, tâche).");
        }

        var (context, agent, refusal) = await AgentContextAsync(season, input.AgentId ?? string.Empty, caller, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal.As<LeaveBalanceView>();
        }

        if (!IsManagerOf(caller, context!.Team))
        {
            return Outcome<LeaveBalanceView>.Forbidden("Seuls les responsables de l'équipe créditent des heures de récupération.");
        }

        var credit = new RecoveryCredit("rc-" + Guid.NewGuid().ToString("N")[..12], agent!.Id, input.Hours.Value, workedOn, reason);
        var partition = LeaveStore.Partition(season, context.Team.Id);
        var credited = await OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var current = await LedgerAsync(season, context.Team.Id, ct).ConfigureAwait(false);
                var next = current.Value.With(credit);
                var recorded = audit.Prepare(caller, LeaveStore.TableName, partition, [new AuditRecord("leave.recovery.credit", $"/api/seasons/{season}/leave/balances/{agent.Id}", null, credit)]);
                await store.Ledgers.SubmitAsync([LedgerWrite(partition, next, current.ETag), recorded.Action], ct).ConfigureAwait(false);
                return (Ledger: next, Audit: recorded);
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await audit.CompleteAsync(credited.Audit, cancellationToken).ConfigureAwait(false);
        var ledger = credited.Ledger;
        var projection = await ProjectionAsync(context, agent, ledger, cancellationToken).ConfigureAwait(false);
        return Outcome<LeaveBalanceView>.Ok(new LeaveBalanceView(Balance(context, agent, ledger), [.. ledger.Credits.Where(c => c.AgentId == agent.Id)], projection));
    }

    /// <summary>Whether the caller manages the team (scope or listed manager); Admin always does.</summary>
    public static bool IsManagerOf(Caller caller, Team team)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(team);
        return caller.IsAdmin || (caller.IsInRole(Roles.Manager) && (caller.HasScope(team.Id) || team.ManagerIds.Contains(caller.Id, StringComparer.Ordinal)));
    }

    /// <summary>Whether the caller is this agent.</summary>
    public static bool IsSelf(Caller caller, string agentId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsInRole(Roles.Agent) && (caller.HasScope(agentId) || caller.Id == agentId);
    }

    private static IEnumerable<string> OwnAgentIds(Caller caller, IReadOnlyList<Agent> agents) =>
        caller.IsInRole(Roles.Agent) ? agents.Where(a => IsSelf(caller, a.Id)).Select(a => a.Id) : [];

    private async Task<(TeamLeaveContext? Context, AgentRecord? Agent, Outcome<LeaveRequestView>? Refusal)> AgentContextAsync(int season, string agentId, Caller caller, CancellationToken cancellationToken)
    {
        var record = await directory.FindAgentAsync(season, agentId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return (null, null, Outcome<LeaveRequestView>.NotFound($"Aucun agent « {agentId} » pour la saison {season}."));
        }

        var context = await loader.LoadAsync(season, record.Value.TeamId, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return (null, null, Outcome<LeaveRequestView>.NotFound($"Saison {season} ou équipe « {record.Value.TeamId} » introuvable."));
        }

        if (!IsSelf(caller, agentId) && !IsManagerOf(caller, context.Team))
        {
            // One existence rule: an agent another caller may not see answers like an unknown agent.
            return (null, null, Outcome<LeaveRequestView>.NotFound($"Aucun agent « {agentId} » pour la saison {season}."));
        }

        return (context, context.Agent(agentId) ?? record.Value, null);
    }

    /// <summary>One attempt of a decision or cancellation: a refusal, or what was written.</summary>
    private sealed record Step(Outcome<LeaveRequestView>? Refused, LeaveRequest? Before, LeaveRequest? After, LeaveLedger? Ledger, ETag ETag, string[] Overridden, PendingAudit? Audit = null)
    {
        public static Step Fail(Outcome<LeaveRequestView> refusal) => new(refusal, null, null, null, default, []);
    }

    private sealed record Prepared(TeamLeaveContext? Context, AgentRecord? Agent, BookedLeave? Candidate, Outcome<LeaveRequestView>? Refusal);

    /// <summary>Validates the input, checks who asks for whom, and builds the candidate booking.</summary>
    private async Task<Prepared> PrepareAsync(int season, LeaveRequestInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        static Prepared Refuse(Outcome<LeaveRequestView> refusal) => new(null, null, null, refusal);

        var agentId = input.AgentId ?? (caller.IsInRole(Roles.Agent) ? caller.Scopes.FirstOrDefault() ?? caller.Id : null);
        if (string.IsNullOrWhiteSpace(agentId))
        {
            return Refuse(Outcome<LeaveRequestView>.Invalid("agentId", "Indiquez l'agent concerné."));
        }

        if (input.Kind is not { } kind)
        {
            return Refuse(Outcome<LeaveRequestView>.Invalid("kind", "Indiquez le type d'absence : annualLeave, rtt ou recovery."));
        }

        if (input.First is not { } first || input.Last is not { } last)
        {
            return Refuse(Outcome<LeaveRequestView>.Invalid(input.First is null ? "first" : "last", "Indiquez le premier et le dernier jour (AAAA-MM-JJ)."));
        }

        if (last < first)
        {
            return Refuse(Outcome<LeaveRequestView>.Invalid("last", "Le dernier jour précède le premier."));
        }

        if (first.Year != season || last.Year != season)
        {
            return Refuse(Outcome<LeaveRequestView>.Invalid("first", $"Les congés de la saison {season} se prennent en {season}."));
        }

        if (first == last && input.StartsAfternoon && input.EndsAtNoon)
        {
            return Refuse(Outcome<LeaveRequestView>.Invalid("endsAtNoon", "Une demande d'un seul jour ne peut pas commencer l'après-midi et finir à midi."));
        }

        if (input.Comment is { Length: > 1000 })
        {
            return Refuse(Outcome<LeaveRequestView>.Invalid("comment", "Le commentaire fait au plus 1 000 caractères."));
        }

        var (context, agent, refusal) = await AgentContextAsync(season, agentId, caller, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return Refuse(refusal);
        }

        var period = new LeavePeriod(first, last, input.StartsAfternoon, input.EndsAtNoon);
        var days = context!.PatternOf(agent!).DaysOf(period);
        if (days == 0)
        {
            return Refuse(Outcome<LeaveRequestView>.Refused("La période demandée ne compte aucun jour travaillé.", [new Reason("no-working-day", $"Aucun jour travaillé {Span(period)} (week-ends et jours fériés exclus).")], "first"));
        }

        var id = context!.Team.Id + "." + Guid.NewGuid().ToString("N")[..12];
        return new Prepared(context, agent, new BookedLeave(id, agent!.Id, kind, period, days, LeaveStatus.Pending), null);
    }

    /// <summary>What is refused at once, before any evaluation: an overlap with the agent's own leave (409), an insufficient balance (422).</summary>
    private static Outcome<T>? ImmediateRefusal<T>(TeamLeaveContext context, AgentRecord agent, BookedLeave candidate, LeaveLedger ledger)
    {
        var overlaps = ledger.Bookings.Where(b => b.AgentId == agent.Id && b.RequestId != candidate.RequestId && b.Period.Overlaps(candidate.Period)).ToList();
        if (overlaps.Count > 0)
        {
            return Outcome<T>.Conflict(
                "La demande chevauche une absence déjà demandée ou accordée.",
                overlaps.Select(o => new Reason("overlap", $"Chevauche la demande {o.RequestId} ({StatusText(o.Status)}) {Span(o.Period)}.")));
        }

        var check = Balance(context, agent, ledger).Allows(candidate.Kind, candidate.Days);
        return check.IsRefused
            ? Outcome<T>.Refused("Le solde ne permet pas cette demande.", check.Reasons, "kind")
            : null;
    }

    private async Task<LeaveEvaluation> EvaluateAsync(TeamLeaveContext context, BookedLeave candidate, LeaveLedger ledger, CancellationToken cancellationToken)
    {
        var range = candidate.Period.ToRange();
        var derived = await loader.DerivedBlackoutsAsync(context, range, cancellationToken).ConfigureAwait(false);
        var tasks = await loader.TasksAsync(context, range.First, range.Last, cancellationToken).ConfigureAwait(false);
        return LeaveRules.Evaluate(new LeaveEvaluationInput(candidate, context.Members, ledger.Bookings, context.Rules, context.Window, derived, LeaveContextLoader.ToAgentTasks(tasks, candidate.AgentId)));
    }

    private static LeaveBalance Balance(TeamLeaveContext context, AgentRecord agent, LeaveLedger ledger) =>
        LeaveBalances.Compute(agent.Id, context.Season, context.PatternOf(agent), agent.RttDays, TeamLeaveContext.HoursPerDay(agent), ledger.Bookings, ledger.Credits);

    private async Task<AnnualisedProjection?> ProjectionAsync(TeamLeaveContext context, AgentRecord agent, LeaveLedger ledger, CancellationToken cancellationToken)
    {
        if (agent.Cycle != WorkCycleKind.AnnualisedSeasonal || agent.SummerWeeklyHours is not { } summer || agent.WinterWeeklyHours is not { } winter)
        {
            return null;
        }

        var balance = Balance(context, agent, ledger);
        var tasks = await loader.TasksAsync(context, new DateOnly(context.Season, 1, 1), new DateOnly(context.Season, 12, 31), cancellationToken).ConfigureAwait(false);
        return AnnualisedProjection.Project(
            context.Season,
            context.Window,
            context.PatternOf(agent),
            summer,
            winter,
            balance.AnnualLeave.Entitled - balance.AnnualLeave.Taken,
            ledger.Approved.Where(b => b.AgentId == agent.Id),
            LeaveContextLoader.ToAgentTasks(tasks, agent.Id));
    }

    private async Task<LeaveRequestView> ViewAsync(TeamLeaveContext context, AgentRecord agent, LeaveRequest request, LeaveLedger ledger, CancellationToken cancellationToken)
    {
        var evaluation = request.Status == LeaveStatus.Pending ? await EvaluateAsync(context, request.ToBooking(), ledger, cancellationToken).ConfigureAwait(false) : null;
        var projected = request.Status == LeaveStatus.Pending ? ledger.With(request.ToBooking() with { Status = LeaveStatus.Approved }) : ledger;
        return new LeaveRequestView(request, evaluation, Balance(context, agent, ledger), await ProjectionAsync(context, agent, projected, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A request found for a caller allowed to see it, with its team and agent; or why not.</summary>
    private sealed record Found(TeamLeaveContext? Context, Versioned<LeaveRequest>? Request, AgentRecord? Agent, Outcome<LeaveRequestView>? Refusal);

    private async Task<Found> FindAsync(int season, string requestId, Caller caller, CancellationToken cancellationToken)
    {
        var dot = requestId.LastIndexOf('.');
        var teamId = dot > 0 ? requestId[..dot] : string.Empty;
        if (!StaffDirectory.IsValidId(teamId))
        {
            return new Found(null, null, null, Outcome<LeaveRequestView>.NotFound($"Aucune demande de congé « {requestId} »."));
        }

        var request = await store.Requests.GetAsync(LeaveStore.Partition(season, teamId), LeaveStore.RequestPrefix + requestId, cancellationToken).ConfigureAwait(false);
        var context = request is null ? null : await loader.LoadAsync(season, teamId, cancellationToken).ConfigureAwait(false);
        if (request is null || context is null)
        {
            return new Found(null, null, null, Outcome<LeaveRequestView>.NotFound($"Aucune demande de congé « {requestId} »."));
        }

        if (!IsSelf(caller, request.Value.AgentId) && !IsManagerOf(caller, context.Team))
        {
            // Visible only to the agent and the team's managers: to anyone else it does not exist.
            return new Found(null, null, null, Outcome<LeaveRequestView>.NotFound($"Aucune demande de congé « {requestId} »."));
        }

        var agent = context.Agent(request.Value.AgentId);
        return agent is null
            ? new Found(null, null, null, Outcome<LeaveRequestView>.NotFound($"L'agent « {request.Value.AgentId} » n'est plus dans l'équipe « {teamId} »."))
            : new Found(context, request, agent, null);
    }

    private async Task<Versioned<LeaveLedger>> LedgerAsync(int season, string teamId, CancellationToken cancellationToken) =>
        await store.LedgerAsync(season, teamId, cancellationToken).ConfigureAwait(false) ?? LeaveContextLoader.EmptyLedger(season, teamId);

    /// <summary>Writes the ledger: an insert the first time (409 if someone inserted first), If-Match after.</summary>
    private TableTransactionAction LedgerWrite(string partition, LeaveLedger ledger, ETag etag)
    {
        var entity = store.Ledgers.ToEntity(partition, LeaveStore.LedgerKey, ledger);
        return etag == default ? TableTransactionAction.Add(entity) : TableTransactionAction.UpdateReplace(entity, etag);
    }

    private static string Target(LeaveRequest request) => $"/api/seasons/{request.Season}/leave/{request.Id}";

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Span(LeavePeriod period) => period.First == period.Last
        ? $"le {period.First:dd/MM/yyyy}"
        : $"du {period.First:dd/MM/yyyy} au {period.Last:dd/MM/yyyy}";

    private static string StatusText(LeaveStatus status) => status switch
    {
        LeaveStatus.Pending => "en attente",
        LeaveStatus.Approved => "accordée",
        LeaveStatus.Refused => "refusée",
        LeaveStatus.Cancelled => "annulée",
        _ => status.ToString(),
    };
}

/// <summary>An agent's balances, recovery credits and, for an annualised cycle, the year-end projection.</summary>
public sealed record LeaveBalanceView(LeaveBalance Balance, IReadOnlyList<RecoveryCredit> Credits, AnnualisedProjection? Projection);
