using System.Globalization;
using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Domain.Crews;
using Saison.Domain.Logistics;
using Saison.Storage;

namespace Saison.Application.Logistics;

/// <summary>
/// An item as the API reads and writes it (durations in hours and minutes): what <c>GET</c> returns,
/// <c>PUT</c> accepts back unchanged.
/// </summary>
public sealed record CatalogItemInput(
    string? Id,
    string? Name,
    CatalogItemKind? Kind,
    string? Unit,
    decimal UnitCost,
    string? ServiceId,
    int Capacity,
    string? DepotId = null,
    double TurnaroundHours = 0,
    double DeliveryBeforeHours = 0,
    double PickupAfterHours = 0,
    CrewWorkInput? Crew = null)
{
    /// <summary>An item in its API shape.</summary>
    public static CatalogItemInput From(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(
            item.Id,
            item.Name,
            item.Kind,
            item.Unit,
            item.UnitCost,
            item.ServiceId,
            item.Capacity,
            item.DepotId,
            item.Turnaround.TotalHours,
            item.DeliveryBefore.TotalHours,
            item.PickupAfter.TotalHours,
            item.Crew is { } crew ? new CrewWorkInput(crew.Skill, crew.SetupMinutes, crew.SetupMinutesPerUnit, crew.TeardownMinutes, crew.TeardownMinutesPerUnit, crew.Presence, crew.UnitsPerAgent) : null);
    }
}

/// <summary>The catalogue's rules as technical services write them: lead times, standard service levels, envelopes.</summary>
public sealed record CatalogPolicyInput(LeadTimesInput? LeadTimes, IReadOnlyList<ServiceLevelInput>? ServiceLevels, IReadOnlyList<EnvelopeInput>? Envelopes);

/// <summary>Lead times in working days: by event size class (<c>small</c>, <c>medium</c>, <c>large</c>, <c>major</c>), and the default.</summary>
public sealed record LeadTimesInput(int? DefaultWorkingDays, IReadOnlyDictionary<string, int>? WorkingDaysBySizeClass);

public sealed record ServiceLevelInput(Saison.Domain.Organisers.OrganiserKind? OrganiserKind, bool InSeason, decimal MaxCostPerRequest, int MaxLines, IReadOnlyList<ServiceAllowance>? Allowances);

public sealed record EnvelopeInput(string? ServiceId, string? Name, decimal Amount);

public sealed record CrewWorkInput(string? Skill, int SetupMinutes, int SetupMinutesPerUnit, int TeardownMinutes, int TeardownMinutesPerUnit, bool Presence, int UnitsPerAgent = 1);

/// <summary>The season's catalogue: items with stock or capacity, the standard service levels, budget envelopes and lead times.</summary>
public sealed class LogisticsCatalog
{
    private readonly LogisticsStore _store;
    private readonly ISeasons _seasons;
    private readonly ISeasonEvents _events;
    private readonly AuditTrail _audit;

    public LogisticsCatalog(LogisticsStore store, ISeasons seasons, ISeasonEvents events, AuditTrail audit)
    {
        _store = store;
        _seasons = seasons;
        _events = events;
        _audit = audit;
    }

    public async Task<Outcome<CatalogView>> GetAsync(int season, CancellationToken cancellationToken = default)
    {
        if (await _seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return Outcome<CatalogView>.NotFound($"La saison {season} n'existe pas.");
        }

        var snapshot = await AllocationSnapshot.LoadAsync(_store, _events, season, null, AllocationSettings.Unexplained, cancellationToken).ConfigureAwait(false);
        var policy = await _store.GetPolicyAsync(season, cancellationToken).ConfigureAwait(false);
        var use = snapshot.EnvelopeUse();
        var envelopes = policy.Envelopes.Select(e =>
        {
            var (consumed, pending) = use.GetValueOrDefault(e.ServiceId);
            return new EnvelopeView(e.ServiceId, e.Name, e.Amount, consumed, pending, e.Amount - consumed);
        }).ToList();
        return Outcome<CatalogView>.Ok(new CatalogView(season, [.. snapshot.Items.Values.OrderBy(i => i.Id, StringComparer.Ordinal)], policy.ServiceLevels, envelopes, policy.LeadTimes));
    }

    public async Task<Outcome<CatalogItem>> GetItemAsync(int season, string id, CancellationToken cancellationToken = default)
    {
        var found = LogisticsIds.IsValid(id) ? await _store.GetItemAsync(season, id, cancellationToken).ConfigureAwait(false) : null;
        return found is null
            ? Outcome<CatalogItem>.NotFound($"L'article « {id} » n'est pas au catalogue.")
            : Outcome<CatalogItem>.Ok(found.Value, found.ETag);
    }

    public async Task<Outcome<CatalogItem>> CreateItemAsync(Caller caller, int season, CatalogItemInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await _seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return Outcome<CatalogItem>.NotFound($"La saison {season} n'existe pas.");
        }

        var (item, invalid) = Build(input, input.Id);
        if (item is null)
        {
            return invalid!;
        }

        if (!LogisticsRequests.DecidesFor(caller, item))
        {
            return OtherService(item);
        }

        try
        {
            var etag = await _audit.InsertAsync(caller, _store.Items, LogisticsStore.SeasonKey(season), LogisticsStore.ItemRow(item.Id), item, new AuditRecord("logistics.catalog.create", Target(season, item.Id), null, item), cancellationToken).ConfigureAwait(false);
            return Outcome<CatalogItem>.Created(item, etag);
        }
        catch (TableStoreException e) when (e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return Outcome<CatalogItem>.Conflict($"L'article « {item.Id} » existe déjà.");
        }
    }

    private static Outcome<CatalogItem> OtherService(CatalogItem item) =>
        Outcome<CatalogItem>.Forbidden($"« {item.Name} » relève du service « {item.ServiceId} » : seuls ses techniciens gèrent ses articles.");

    public async Task<Outcome<CatalogItem>> ReplaceItemAsync(Caller caller, int season, string id, ETag ifMatch, CatalogItemInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var found = LogisticsIds.IsValid(id) ? await _store.GetItemAsync(season, id, cancellationToken).ConfigureAwait(false) : null;
        if (found is null)
        {
            return Outcome<CatalogItem>.NotFound($"L'article « {id} » n'est pas au catalogue.");
        }

        if (input.Id is not null && input.Id != id)
        {
            return Outcome<CatalogItem>.Invalid("id", "L'identifiant d'un article ne change pas.");
        }

        var (item, invalid) = Build(input, id);
        if (item is null)
        {
            return invalid!;
        }

        if (!LogisticsRequests.DecidesFor(caller, found.Value) || !LogisticsRequests.DecidesFor(caller, item))
        {
            return OtherService(LogisticsRequests.DecidesFor(caller, found.Value) ? item : found.Value);
        }

        try
        {
            var etag = await _audit.ReplaceAsync(caller, _store.Items, LogisticsStore.SeasonKey(season), LogisticsStore.ItemRow(id), item, ifMatch, new AuditRecord("logistics.catalog.replace", Target(season, id), found.Value, item), cancellationToken).ConfigureAwait(false);
            return Outcome<CatalogItem>.Ok(item, etag);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return Outcome<CatalogItem>.Stale();
        }
    }

    public async Task<Outcome<CatalogPolicy>> GetPolicyAsync(int season, CancellationToken cancellationToken = default)
    {
        var found = await _store.GetVersionedPolicyAsync(season, cancellationToken).ConfigureAwait(false);
        return found is null
            ? Outcome<CatalogPolicy>.NotFound($"La saison {season} n'a pas encore de règles de catalogue.")
            : Outcome<CatalogPolicy>.Ok(found.Value, found.ETag);
    }

    /// <summary>
    /// Creates the season's catalogue rules (lead times, standard service levels, envelopes) when it has none yet:
    /// a new season is set up through the API. A season that has rules changes them with If-Match (a conflict here).
    /// </summary>
    public async Task<Outcome<CatalogPolicy>> CreatePolicyAsync(Caller caller, int season, CatalogPolicyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await _seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return Outcome<CatalogPolicy>.NotFound($"La saison {season} n'existe pas.");
        }

        var (policy, invalid) = await BuildPolicyAsync(season, input, cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            return invalid!;
        }

        try
        {
            var etag = await _audit.InsertAsync(caller, _store.Policies, LogisticsStore.SeasonKey(season), "policy", policy, new AuditRecord("logistics.catalog.policy", string.Create(CultureInfo.InvariantCulture, $"seasons/{season}/catalog/policy"), null, policy), cancellationToken).ConfigureAwait(false);
            return Outcome<CatalogPolicy>.Created(policy, etag);
        }
        catch (TableStoreException e) when (e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return Outcome<CatalogPolicy>.Conflict($"La saison {season} a déjà des règles de catalogue : modifiez-les avec If-Match.");
        }
    }

    /// <summary>Replaces lead times, standard service levels and envelopes (If-Match): the constant budget is redistributed here.</summary>
    public async Task<Outcome<CatalogPolicy>> ReplacePolicyAsync(Caller caller, int season, ETag ifMatch, CatalogPolicyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var found = await _store.GetVersionedPolicyAsync(season, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return Outcome<CatalogPolicy>.NotFound($"La saison {season} n'a pas encore de règles de catalogue : créez-les par un PUT sans If-Match.");
        }

        var (policy, invalid) = await BuildPolicyAsync(season, input, cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            return invalid!;
        }

        try
        {
            var etag = await _audit.ReplaceAsync(caller, _store.Policies, LogisticsStore.SeasonKey(season), "policy", policy, ifMatch, new AuditRecord("logistics.catalog.policy", string.Create(CultureInfo.InvariantCulture, $"seasons/{season}/catalog/policy"), found.Value, policy), cancellationToken).ConfigureAwait(false);
            return Outcome<CatalogPolicy>.Ok(policy, etag);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return Outcome<CatalogPolicy>.Stale();
        }
    }

    /// <summary>The rules a caller sent, checked against the season's catalogue, or the refusal naming the field.</summary>
    private async Task<(CatalogPolicy? Policy, Outcome<CatalogPolicy>? Invalid)> BuildPolicyAsync(int season, CatalogPolicyInput input, CancellationToken cancellationToken)
    {
        static (CatalogPolicy?, Outcome<CatalogPolicy>?) Bad(string field, string detail) => (null, Outcome<CatalogPolicy>.Invalid(field, detail));
        if (input.LeadTimes is not { DefaultWorkingDays: { } defaultDays, WorkingDaysBySizeClass: { } bySizeClass })
        {
            return Bad("leadTimes", "Les délais de prévenance sont obligatoires : defaultWorkingDays et workingDaysBySizeClass (même vide).");
        }

        if (defaultDays is < 0 or > 250 || bySizeClass.Values.Any(d => d is < 0 or > 250))
        {
            return Bad("leadTimes", "Les délais de prévenance sont compris entre 0 et 250 jours ouvrés.");
        }

        if (bySizeClass.Keys.FirstOrDefault(k => !Enum.TryParse<Saison.Domain.Events.SizeClass>(k, ignoreCase: true, out _) || int.TryParse(k, CultureInfo.InvariantCulture, out _)) is { } unknownSize)
        {
            return Bad("leadTimes.workingDaysBySizeClass", $"Taille d'événement « {unknownSize} » inconnue : small, medium, large ou major.");
        }

        var items = (await _store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).Select(i => i.Value.Id).ToHashSet(StringComparer.Ordinal);
        var levels = new List<ServiceLevel>();
        var levelInputs = input.ServiceLevels ?? [];
        for (var i = 0; i < levelInputs.Count; i++)
        {
            var l = levelInputs[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"serviceLevels[{i}]");
            if (l.OrganiserKind is not { } kind || !Enum.IsDefined(kind))
            {
                return Bad(field + ".organiserKind", "Indiquez le type d'organisateur.");
            }

            if (levels.Any(x => x.OrganiserKind == kind && x.InSeason == l.InSeason))
            {
                return Bad(field, "Un seul niveau de service par type d'organisateur, en saison et hors saison.");
            }

            if (l.MaxCostPerRequest < 0 || l.MaxLines < 1)
            {
                return Bad(field + ".maxCostPerRequest", "Le plafond est positif et une demande compte au moins une ligne.");
            }

            var allowances = l.Allowances ?? [];
            if (allowances.FirstOrDefault(a => a is null || !items.Contains(a.ItemId) || a.MaxQuantity < 1) is { } bad)
            {
                return Bad(field + ".allowances", $"« {bad?.ItemId} » n'est pas au catalogue ou sa quantité n'est pas positive.");
            }

            levels.Add(new ServiceLevel(kind, l.InSeason, allowances, l.MaxCostPerRequest, l.MaxLines));
        }

        var envelopes = new List<BudgetEnvelope>();
        foreach (var e in input.Envelopes ?? [])
        {
            if (!LogisticsIds.IsValid(e.ServiceId) || string.IsNullOrWhiteSpace(e.Name) || e.Amount < 0 || envelopes.Any(x => x.ServiceId == e.ServiceId))
            {
                return Bad("envelopes", "Chaque enveloppe a un service (une seule fois), un nom et un montant positif.");
            }

            envelopes.Add(new BudgetEnvelope(e.ServiceId!, e.Name.Trim(), e.Amount));
        }

        return (new CatalogPolicy(new LeadTimePolicy(bySizeClass, defaultDays), levels, envelopes), null);
    }

    private static (CatalogItem? Item, Outcome<CatalogItem>? Invalid) Build(CatalogItemInput input, string? id)
    {
        static (CatalogItem?, Outcome<CatalogItem>?) Bad(string field, string detail) => (null, Outcome<CatalogItem>.Invalid(field, detail));
        if (!LogisticsIds.IsValid(id))
        {
            return Bad("id", "L'identifiant est fait de lettres, chiffres, « - » ou « _ » (100 caractères au plus).");
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200)
        {
            return Bad("name", "Le nom est obligatoire (200 caractères au plus).");
        }

        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            return Bad("kind", "Le type vaut « equipment » ou « service ».");
        }

        if (string.IsNullOrWhiteSpace(input.Unit))
        {
            return Bad("unit", "L'unité est obligatoire.");
        }

        if (!LogisticsIds.IsValid(input.ServiceId))
        {
            return Bad("serviceId", "Le service propriétaire est obligatoire.");
        }

        if (input.UnitCost < 0 || input.UnitCost > 1_000_000)
        {
            return Bad("unitCost", "Le coût unitaire est compris entre 0 et 1 000 000 €.");
        }

        if (input.Capacity < 0 || input.Capacity > 1_000_000)
        {
            return Bad("capacity", "Le stock ou la capacité est compris entre 0 et 1 000 000.");
        }

        if (kind == CatalogItemKind.Equipment && string.IsNullOrWhiteSpace(input.DepotId))
        {
            return Bad("depotId", "Un matériel est rangé dans un dépôt.");
        }

        foreach (var (field, hours) in new[] { ("turnaroundHours", input.TurnaroundHours), ("deliveryBeforeHours", input.DeliveryBeforeHours), ("pickupAfterHours", input.PickupAfterHours) })
        {
            if (double.IsNaN(hours) || hours < 0 || hours > 24 * 60)
            {
                return Bad(field, "Une durée est comprise entre 0 et 1 440 heures.");
            }
        }

        CrewWork? crew = null;
        if (input.Crew is { } c)
        {
            if (string.IsNullOrWhiteSpace(c.Skill))
            {
                return Bad("crew.skill", "La compétence requise est obligatoire.");
            }

            if (c.SetupMinutes < 0 || c.SetupMinutesPerUnit < 0 || c.TeardownMinutes < 0 || c.TeardownMinutesPerUnit < 0 || c.UnitsPerAgent < 1)
            {
                return Bad("crew", "Les durées sont positives et un agent traite au moins une unité.");
            }

            crew = new CrewWork(c.Skill, c.SetupMinutes, c.SetupMinutesPerUnit, c.TeardownMinutes, c.TeardownMinutesPerUnit, c.Presence, c.UnitsPerAgent);
        }

        return (new CatalogItem(id!, input.Name.Trim(), kind, input.Unit.Trim(), input.UnitCost, input.ServiceId!, input.Capacity, input.DepotId,
            TimeSpan.FromHours(input.TurnaroundHours), TimeSpan.FromHours(input.DeliveryBeforeHours), TimeSpan.FromHours(input.PickupAfterHours), crew), null);
    }

    private static string Target(int season, string id) => string.Create(CultureInfo.InvariantCulture, $"seasons/{season}/catalog/{id}");
}
