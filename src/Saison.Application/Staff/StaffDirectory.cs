using System.Globalization;
using System.Text.RegularExpressions;
using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Domain.Staff;
using Saison.Storage;

namespace Saison.Application.Staff;

/// <summary>
/// Services, teams and agents of a season, in table <c>Staff</c> partitioned by season (RowKeys
/// <c>service~id</c>, <c>team~id</c>, <c>agent~teamId~id</c> so a team's agents are one key range,
/// and <c>agentid~id</c> locating an agent's team). Every change carries the ETag it read and is audited.
/// </summary>
public sealed partial class StaffDirectory : IStaffDirectory
{
    /// <summary>The table's name.</summary>
    public const string TableName = "Staff";
    private const string ServicePrefix = "service~";
    private const string TeamPrefix = "team~";
    private const string AgentPrefix = "agent~";
    private const string LocatorPrefix = "agentid~";
    private const string SkillPrefix = "skill~";

    private readonly DocumentTable<Service> _services;
    private readonly DocumentTable<Team> _teams;
    private readonly DocumentTable<AgentRecord> _agents;
    private readonly DocumentTable<AgentLocator> _locators;
    private readonly DocumentTable<Skill> _skills;
    private readonly AuditTrail _audit;

    /// <summary>The directory on a store; changes are audited.</summary>
    public StaffDirectory(ITableStore store, AuditTrail audit)
    {
        _services = new DocumentTable<Service>(store, TableName);
        _teams = new DocumentTable<Team>(store, TableName, t => [new("Kind", "team"), new("ServiceId", t.ServiceId)]);
        _agents = new DocumentTable<AgentRecord>(store, TableName, a => [new("Kind", "agent"), new("TeamId", a.TeamId)]);
        _locators = new DocumentTable<AgentLocator>(store, TableName);
        _skills = new DocumentTable<Skill>(store, TableName);
        _audit = audit;
    }

    /// <summary>Every agent of the season, as other areas see them.</summary>
    public async Task<IReadOnlyList<Agent>> ListAgentsAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await ListAgentRecordsAsync(season, cancellationToken).ConfigureAwait(false)).Select(a => a.Value.ToAgent())];

    /// <summary>Every team of the season.</summary>
    public async Task<IReadOnlyList<Team>> ListTeamsAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await ListTeamRecordsAsync(season, cancellationToken).ConfigureAwait(false)).Select(t => t.Value)];

    /// <summary>Every agent record of the season, with ETags.</summary>
    public Task<IReadOnlyList<Versioned<AgentRecord>>> ListAgentRecordsAsync(int season, CancellationToken cancellationToken = default) =>
        _agents.ListAsync(Partition(season), AgentPrefix, cancellationToken);

    /// <summary>Every team of the season, with ETags.</summary>
    public Task<IReadOnlyList<Versioned<Team>>> ListTeamRecordsAsync(int season, CancellationToken cancellationToken = default) =>
        _teams.ListAsync(Partition(season), TeamPrefix, cancellationToken);

    /// <summary>The services of the season.</summary>
    public async Task<IReadOnlyList<Service>> ListServicesAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await _services.ListAsync(Partition(season), ServicePrefix, cancellationToken).ConfigureAwait(false)).Select(s => s.Value)];

    /// <summary>The agents of one team (one key range).</summary>
    public Task<IReadOnlyList<Versioned<AgentRecord>>> ListTeamAgentRecordsAsync(int season, string teamId, CancellationToken cancellationToken = default) =>
        _agents.ListAsync(Partition(season), AgentPrefix + teamId + "~", cancellationToken);

    /// <summary>An agent by id (through its locator), or null.</summary>
    public async Task<Versioned<AgentRecord>?> FindAgentAsync(int season, string agentId, CancellationToken cancellationToken = default)
    {
        if (!IsValidId(agentId))
        {
            return null;
        }

        var locator = await _locators.GetAsync(Partition(season), LocatorPrefix + agentId, cancellationToken).ConfigureAwait(false);
        return locator is null ? null : await _agents.GetAsync(Partition(season), AgentKey(locator.Value.TeamId, agentId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A team by id, or null.</summary>
    public Task<Versioned<Team>?> FindTeamAsync(int season, string teamId, CancellationToken cancellationToken = default) =>
        IsValidId(teamId) ? _teams.GetAsync(Partition(season), TeamPrefix + teamId, cancellationToken) : Task.FromResult<Versioned<Team>?>(null);

    /// <summary>Services and teams with head counts and the skills present in each team.</summary>
    public async Task<StaffOverview> OverviewAsync(int season, CancellationToken cancellationToken = default)
    {
        var services = await ListServicesAsync(season, cancellationToken).ConfigureAwait(false);
        var teams = await ListTeamsAsync(season, cancellationToken).ConfigureAwait(false);
        var agents = await ListAgentsAsync(season, cancellationToken).ConfigureAwait(false);
        var byTeam = agents.ToLookup(a => a.TeamId, StringComparer.Ordinal);
        return new StaffOverview(
            season,
            services,
            [.. teams.Select(t => new TeamOverview(t.Id, t.Name, t.ServiceId, byTeam[t.Id].Count(), [.. byTeam[t.Id].SelectMany(a => a.Skills).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))],
            agents.Count);
    }

    /// <summary>The season's skills by id, with the names people read.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SkillNamesAsync(int season, CancellationToken cancellationToken = default) =>
        (await _skills.ListAsync(Partition(season), SkillPrefix, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Value.Id, s => s.Value.Name, StringComparer.Ordinal);

    /// <summary>Creates or replaces a skill's name without condition: sample loading only.</summary>
    public Task UpsertSkillAsync(int season, Skill skill, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return _skills.UpsertAsync(Partition(season), SkillPrefix + skill.Id, skill, cancellationToken);
    }

    /// <summary>Creates or replaces a service without condition: sample loading only.</summary>
    public Task UpsertServiceAsync(int season, Service service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        return _services.UpsertAsync(Partition(season), ServicePrefix + service.Id, service, cancellationToken);
    }

    /// <summary>Creates a team (id from the name when none is given).</summary>
    public async Task<Outcome<Team>> CreateTeamAsync(int season, TeamInput input, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = input.Id ?? Slug(input.Name);
        var (team, errors) = await ValidateTeamAsync(season, id, input, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return Outcome<Team>.Invalid(errors);
        }

        if (await FindTeamAsync(season, id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Outcome<Team>.AlreadyExists($"L'équipe « {id} » existe déjà.");
        }

        return await InsertAsync(_teams, season, TeamPrefix + id, team, ("staff.team.create", "teams", id), $"L'équipe « {id} » existe déjà.", caller, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a team if it still has <paramref name="ifMatch"/>.</summary>
    public async Task<Outcome<Team>> ReplaceTeamAsync(int season, string teamId, TeamInput input, ETag ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await FindTeamAsync(season, teamId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Outcome<Team>.NotFound($"Aucune équipe « {teamId} » pour la saison {season}.");
        }

        var (team, errors) = await ValidateTeamAsync(season, teamId, input with { Id = teamId }, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return Outcome<Team>.Invalid(errors);
        }

        if (current.ETag != ifMatch)
        {
            return Outcome<Team>.Stale();
        }

        return await ReplaceAsync(_teams, season, TeamPrefix + teamId, current.Value, team, ifMatch, ("staff.team.update", "teams", teamId), caller, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts a record and audits it; the refusal when its key is taken.</summary>
    private async Task<Outcome<T>> InsertAsync<T>(DocumentTable<T> table, int season, string rowKey, T value, (string Action, string Kind, string Id) audit, string taken, Caller caller, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var etag = await _audit.InsertAsync(caller, table, Partition(season), rowKey, value, new AuditRecord(audit.Action, Target(season, audit.Kind, audit.Id), null, value), cancellationToken).ConfigureAwait(false);
            return Outcome<T>.Created(new(value, etag));
        }
        catch (TableStoreException e) when (e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return Outcome<T>.AlreadyExists(taken);
        }
    }

    /// <summary>Replaces a record if it still has <paramref name="ifMatch"/> and audits it.</summary>
    private async Task<Outcome<T>> ReplaceAsync<T>(DocumentTable<T> table, int season, string rowKey, T before, T value, ETag ifMatch, (string Action, string Kind, string Id) audit, Caller caller, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var etag = await _audit.ReplaceAsync(caller, table, Partition(season), rowKey, value, ifMatch, new AuditRecord(audit.Action, Target(season, audit.Kind, audit.Id), before, value), cancellationToken).ConfigureAwait(false);
            return Outcome<T>.Ok(new(value, etag));
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return Outcome<T>.Stale();
        }
    }

    /// <summary>Creates an agent in an existing team (service from the team).</summary>
    public async Task<Outcome<AgentRecord>> CreateAgentAsync(int season, AgentInput input, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = input.Id ?? Slug(input.Name);
        var (agent, errors) = await ValidateAgentAsync(season, id, input, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return Outcome<AgentRecord>.Invalid(errors);
        }

        if (await FindAgentAsync(season, id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Outcome<AgentRecord>.AlreadyExists($"L'agent « {id} » existe déjà.");
        }

        try
        {
            var etags = await _audit.SubmitAsync(
                caller,
                _agents,
                [
                    TableTransactionAction.Add(_agents.ToEntity(Partition(season), AgentKey(agent.TeamId, id), agent)),
                    TableTransactionAction.Add(_locators.ToEntity(Partition(season), LocatorPrefix + id, new AgentLocator(agent.TeamId))),
                ],
                new AuditRecord("staff.agent.create", Target(season, "agents", id), null, agent),
                cancellationToken).ConfigureAwait(false);
            var etag = etags[0]!.Value;
            return Outcome<AgentRecord>.Created(new(agent, etag));
        }
        catch (TableStoreException e) when (e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return Outcome<AgentRecord>.AlreadyExists($"L'agent « {id} » existe déjà.");
        }
    }

    /// <summary>Replaces an agent if it still has <paramref name="ifMatch"/>; a new team moves the record.</summary>
    public async Task<Outcome<AgentRecord>> ReplaceAgentAsync(int season, string agentId, AgentInput input, ETag ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await FindAgentAsync(season, agentId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Outcome<AgentRecord>.NotFound($"Aucun agent « {agentId} » pour la saison {season}.");
        }

        var (agent, errors) = await ValidateAgentAsync(season, agentId, input with { Id = agentId }, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return Outcome<AgentRecord>.Invalid(errors);
        }

        if (current.ETag != ifMatch)
        {
            return Outcome<AgentRecord>.Stale();
        }

        try
        {
            // Moving to another team moves the row (its key names the team) and its locator, together.
            var partition = Partition(season);
            IReadOnlyList<TableTransactionAction> actions = agent.TeamId == current.Value.TeamId
                ? [TableTransactionAction.UpdateReplace(_agents.ToEntity(partition, AgentKey(agent.TeamId, agentId), agent), ifMatch)]
                : [
                    TableTransactionAction.Delete(partition, AgentKey(current.Value.TeamId, agentId), ifMatch),
                    TableTransactionAction.Add(_agents.ToEntity(partition, AgentKey(agent.TeamId, agentId), agent)),
                    TableTransactionAction.UpsertReplace(_locators.ToEntity(partition, LocatorPrefix + agentId, new AgentLocator(agent.TeamId))),
                ];
            var etags = await _audit.SubmitAsync(caller, _agents, actions, new AuditRecord("staff.agent.update", Target(season, "agents", agentId), current.Value, agent), cancellationToken).ConfigureAwait(false);
            var etag = etags[actions.Count == 1 ? 0 : 1]!.Value;
            return Outcome<AgentRecord>.Ok(new(agent, etag));
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return Outcome<AgentRecord>.Stale();
        }
    }

    /// <summary>Creates or replaces without condition (sample loading: idempotent by stable ids).</summary>
    public async Task UpsertAsync(int season, Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        await _teams.UpsertAsync(Partition(season), TeamPrefix + team.Id, team, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates or replaces without condition (sample loading: idempotent by stable ids).</summary>
    public async Task UpsertAsync(int season, AgentRecord agent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        await _agents.SubmitAsync(
            [
                TableTransactionAction.UpsertReplace(_agents.ToEntity(Partition(season), AgentKey(agent.TeamId, agent.Id), agent)),
                TableTransactionAction.UpsertReplace(_locators.ToEntity(Partition(season), LocatorPrefix + agent.Id, new AgentLocator(agent.TeamId))),
            ],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ids are table keys and URL segments: lower-case letters, digits and dashes.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The season's partition.</summary>
    public static string Partition(int season) => season.ToString(CultureInfo.InvariantCulture);

    private static string AgentKey(string teamId, string agentId) => AgentPrefix + teamId + "~" + agentId;

    private static string Target(int season, string kind, string id) => $"/api/seasons/{season}/staff/{kind}/{id}";

    private static string Slug(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var ascii = new string([.. name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
        var slug = string.Join('-', ascii.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 48 ? slug[..48].TrimEnd('-') : slug;
    }

    private async Task<(Team? Team, Dictionary<string, string[]> Errors)> ValidateTeamAsync(int season, string id, TeamInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsValidId(id))
        {
            errors["id"] = ["L'identifiant doit contenir de 1 à 64 caractères : lettres minuscules, chiffres et tirets."];
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 120)
        {
            errors["name"] = ["Le nom de l'équipe est obligatoire (120 caractères au plus)."];
        }

        var services = await ListServicesAsync(season, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(input.ServiceId) || !services.Any(s => s.Id == input.ServiceId))
        {
            errors["serviceId"] = [$"Le service « {input.ServiceId} » n'existe pas pour la saison {season}."];
        }

        var managers = input.ManagerIds ?? [];
        if (managers.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > 128))
        {
            errors["managerIds"] = ["Chaque responsable doit avoir un identifiant non vide (128 caractères au plus)."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new Team(id, input.Name!.Trim(), input.ServiceId!, [.. managers.Distinct(StringComparer.Ordinal)]), errors);
    }

    private async Task<(AgentRecord? Agent, Dictionary<string, string[]> Errors)> ValidateAgentAsync(int season, string id, AgentInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsValidId(id))
        {
            errors["id"] = ["L'identifiant doit contenir de 1 à 64 caractères : lettres minuscules, chiffres et tirets."];
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 120)
        {
            errors["name"] = ["Le nom de l'agent est obligatoire (120 caractères au plus)."];
        }

        var team = input.TeamId is null ? null : await FindTeamAsync(season, input.TeamId, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            errors["teamId"] = [$"L'équipe « {input.TeamId} » n'existe pas pour la saison {season}."];
        }

        var skills = input.Skills ?? [];
        if (skills.Any(s => !IsValidId(s)))
        {
            errors["skills"] = ["Chaque compétence s'écrit en minuscules, chiffres et tirets (par exemple « conduite-pl »)."];
        }

        var cycle = input.Cycle ?? WorkCycleKind.Weekly;
        var weeklyHours = input.WeeklyHours ?? 35m;
        if (weeklyHours is <= 0 or > 48)
        {
            errors["weeklyHours"] = ["La durée hebdomadaire doit être comprise entre 0 et 48 heures."];
        }

        var days = input.WorkingDaysPerWeek ?? 5;
        if (days is < 1 or > 6)
        {
            errors["workingDaysPerWeek"] = ["Le nombre de jours travaillés par semaine doit être compris entre 1 et 6."];
        }

        var rtt = input.RttDays ?? 0;
        if (rtt is < 0 or > 30)
        {
            errors["rttDays"] = ["Le nombre de jours de RTT doit être compris entre 0 et 30."];
        }

        if (cycle == WorkCycleKind.AnnualisedSeasonal)
        {
            if (input.SummerWeeklyHours is not (> 0 and <= 48))
            {
                errors["summerWeeklyHours"] = ["Un cycle annualisé indique ses heures hebdomadaires d'été (48 heures au plus)."];
            }

            if (input.WinterWeeklyHours is not (> 0 and <= 48))
            {
                errors["winterWeeklyHours"] = ["Un cycle annualisé indique ses heures hebdomadaires d'hiver (48 heures au plus)."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var annualised = cycle == WorkCycleKind.AnnualisedSeasonal;
        return (new AgentRecord(
            id,
            input.Name!.Trim(),
            team!.Value.Id,
            team.Value.ServiceId,
            [.. skills.Distinct(StringComparer.Ordinal)],
            cycle,
            weeklyHours,
            days,
            rtt,
            annualised ? input.SummerWeeklyHours : null,
            annualised ? input.WinterWeeklyHours : null), errors);
    }

    /// <summary>Where an agent's row is: their team names its key.</summary>
    private sealed record AgentLocator(string TeamId);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
