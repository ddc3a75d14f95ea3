using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Logistics;
using Saison.Application.Persistence;
using Saison.Domain.Finance;
using Saison.Storage;

namespace Saison.Application.Finance;

/// <summary>
/// What the project cell enters of a season's money — cost lines, sponsors of events, rates and the taxe de séjour's grid —
/// and what organisers declare of their own events' sponsors. Who may do what:
/// <list type="bullet">
/// <item>cost lines and money parameters: the project cell enters them; the COPIL reads them;</item>
/// <item>sponsors: the project cell for any event; an organiser for the events of their organisation only (they know their
/// sponsors first); the COPIL reads them all, an organiser only their own.</item>
/// </list>
/// Every change is one write of one record with the ETag read (If-Match), recorded in the audit trail.
/// </summary>
public sealed class FinanceLedger(FinanceStore store, ISeasons seasons, ISeasonEvents events, IStaffServices services, AuditTrail audit)
{
    /// <summary>Whether the caller sees and enters every event's money (not only their organisation's sponsors).</summary>
    public static bool SeesAll(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin || caller.IsInAnyRole(Roles.ProjectCell, Roles.Copil);
    }

    private static bool Enters(Caller caller) => caller.IsAdmin || caller.IsInRole(Roles.ProjectCell);

    // ---- cost lines ----

    /// <summary>The season's entered cost lines, by date then label.</summary>
    public async Task<Outcome<IReadOnlyList<Versioned<CostLine>>>> ListCostLinesAsync(int season, CancellationToken cancellationToken = default)
    {
        if (await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoSeason<CostLine>(season);
        }

        var lines = await store.ListCostLinesAsync(season, cancellationToken).ConfigureAwait(false);
        return Outcome<IReadOnlyList<Versioned<CostLine>>>.Ok([.. lines.OrderBy(l => l.Value.Date ?? DateOnly.MaxValue).ThenBy(l => l.Value.Label, StringComparer.Ordinal).ThenBy(l => l.Value.Id, StringComparer.Ordinal)]);
    }

    public async Task<Outcome<CostLine>> GetCostLineAsync(int season, string id, CancellationToken cancellationToken = default) =>
        await FindAsync(store.CostLines, season, FinanceStore.CostRow, id, cancellationToken).ConfigureAwait(false) is { } found
            ? Outcome<CostLine>.Ok(found)
            : Outcome<CostLine>.NotFound($"Aucune ligne de coût « {id} » pour la saison {season}.");

    public async Task<Outcome<CostLine>> CreateCostLineAsync(Caller caller, int season, CostLineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (line, invalid) = await BuildCostLineAsync(season, input, input.Id ?? NewId(), cancellationToken).ConfigureAwait(false);
        return line is null ? invalid! : await InsertAsync(caller, store.CostLines, season, FinanceStore.CostRow(line.Id), line, "finance.cost.create", $"La ligne de coût « {line.Id} » existe déjà.", cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome<CostLine>> ReplaceCostLineAsync(Caller caller, int season, string id, ETag ifMatch, CostLineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await GetCostLineAsync(season, id, cancellationToken).ConfigureAwait(false) is { IsSuccess: false } missing)
        {
            return missing;
        }

        if (input.Id is not null && input.Id != id)
        {
            return Outcome<CostLine>.Invalid("id", "L'identifiant d'une ligne de coût ne change pas.");
        }

        var (line, invalid) = await BuildCostLineAsync(season, input, id, cancellationToken).ConfigureAwait(false);
        return line is null ? invalid! : await ReplaceAsync(caller, store.CostLines, season, FinanceStore.CostRow(id), line, ifMatch, "finance.cost.replace", cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome<CostLine>> DeleteCostLineAsync(Caller caller, int season, string id, ETag? ifMatch, CancellationToken cancellationToken = default)
    {
        if (await GetCostLineAsync(season, id, cancellationToken).ConfigureAwait(false) is not { IsSuccess: true, Value: { } found })
        {
            return Outcome<CostLine>.NotFound($"Aucune ligne de coût « {id} » pour la saison {season}.");
        }

        return await DeleteAsync(caller, store.CostLines, season, FinanceStore.CostRow(id), found, ifMatch, "finance.cost.delete", cancellationToken).ConfigureAwait(false);
    }

    // ---- sponsors ----

    /// <summary>The sponsors the caller may see (an organiser: their own events'), optionally of one event, by event then sponsor.</summary>
    public async Task<Outcome<IReadOnlyList<Versioned<Sponsorship>>>> ListSponsorshipsAsync(Caller caller, int season, string? eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoSeason<Sponsorship>(season);
        }

        var mine = SeesAll(caller) ? null : (await events.ListAsync(season, cancellationToken).ConfigureAwait(false)).Where(e => caller.HasScope(e.OrganiserId)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var all = await store.ListSponsorshipsAsync(season, cancellationToken).ConfigureAwait(false);
        return Outcome<IReadOnlyList<Versioned<Sponsorship>>>.Ok(
        [
            .. all
                .Where(s => (eventId is null || s.Value.EventId == eventId) && (mine is null || mine.Contains(s.Value.EventId)))
                .OrderBy(s => s.Value.EventId, StringComparer.Ordinal).ThenBy(s => s.Value.Sponsor, StringComparer.Ordinal).ThenBy(s => s.Value.Id, StringComparer.Ordinal),
        ]);
    }

    public async Task<Outcome<Sponsorship>> GetSponsorshipAsync(Caller caller, int season, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FindAsync(store.Sponsorships, season, FinanceStore.SponsorRow, id, cancellationToken).ConfigureAwait(false);
        if (found is null || !await MayHandleAsync(caller, season, found.Value.EventId, cancellationToken).ConfigureAwait(false))
        {
            // An organiser never learns of another organisation's sponsors: not found rather than forbidden.
            return Outcome<Sponsorship>.NotFound($"Aucun partenaire « {id} » pour la saison {season}.");
        }

        return Outcome<Sponsorship>.Ok(found);
    }

    public async Task<Outcome<Sponsorship>> CreateSponsorshipAsync(Caller caller, int season, SponsorshipInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (sponsorship, invalid) = await BuildSponsorshipAsync(caller, season, input, input.Id ?? NewId(), cancellationToken).ConfigureAwait(false);
        return sponsorship is null ? invalid! : await InsertAsync(caller, store.Sponsorships, season, FinanceStore.SponsorRow(sponsorship.Id), sponsorship, "finance.sponsor.create", $"Le partenaire « {sponsorship.Id} » existe déjà.", cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome<Sponsorship>> ReplaceSponsorshipAsync(Caller caller, int season, string id, ETag ifMatch, SponsorshipInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await GetSponsorshipAsync(caller, season, id, cancellationToken).ConfigureAwait(false) is { IsSuccess: false } missing)
        {
            return missing;
        }

        if (input.Id is not null && input.Id != id)
        {
            return Outcome<Sponsorship>.Invalid("id", "L'identifiant d'un partenaire ne change pas.");
        }

        var (sponsorship, invalid) = await BuildSponsorshipAsync(caller, season, input, id, cancellationToken).ConfigureAwait(false);
        return sponsorship is null ? invalid! : await ReplaceAsync(caller, store.Sponsorships, season, FinanceStore.SponsorRow(id), sponsorship, ifMatch, "finance.sponsor.replace", cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome<Sponsorship>> DeleteSponsorshipAsync(Caller caller, int season, string id, ETag? ifMatch, CancellationToken cancellationToken = default)
    {
        var found = await GetSponsorshipAsync(caller, season, id, cancellationToken).ConfigureAwait(false);
        return found is not { IsSuccess: true, Value: { } sponsorship }
            ? found
            : await DeleteAsync(caller, store.Sponsorships, season, FinanceStore.SponsorRow(id), sponsorship, ifMatch, "finance.sponsor.delete", cancellationToken).ConfigureAwait(false);
    }

    // ---- money parameters ----

    public async Task<Outcome<FinanceSettings>> GetSettingsAsync(int season, CancellationToken cancellationToken = default) =>
        await store.GetSettingsAsync(season, cancellationToken).ConfigureAwait(false) is { } found
            ? Outcome<FinanceSettings>.Ok(found)
            : Outcome<FinanceSettings>.NotFound($"La saison {season} n'a pas encore de paramètres financiers (taux horaires, taxe de séjour).");

    /// <summary>
    /// Sets the season's money parameters: without <paramref name="ifMatch"/> the first ones of the season (a season that has
    /// some answers 428), with it a change of those read.
    /// </summary>
    public async Task<Outcome<FinanceSettings>> PutSettingsAsync(Caller caller, int season, ETag? ifMatch, FinanceSettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return Outcome<FinanceSettings>.NotFound($"La saison {season} n'existe pas.");
        }

        var (settings, invalid) = BuildSettings(input);
        if (settings is null)
        {
            return invalid!;
        }

        var before = await store.GetSettingsAsync(season, cancellationToken).ConfigureAwait(false);
        try
        {
            if (ifMatch is not { } etag)
            {
                if (before is not null)
                {
                    return Failure.PreconditionRequired();
                }

                var created = await audit.InsertAsync(caller, store.Settings, FinanceStore.SeasonKey(season), FinanceStore.SettingsRow, settings, new AuditRecord("finance.settings.create", Target(season, "settings"), null, settings), cancellationToken).ConfigureAwait(false);
                return Outcome<FinanceSettings>.Created(settings, created);
            }

            var replaced = await audit.ReplaceAsync(caller, store.Settings, FinanceStore.SeasonKey(season), FinanceStore.SettingsRow, settings, etag, new AuditRecord("finance.settings.replace", Target(season, "settings"), before?.Value, settings), cancellationToken).ConfigureAwait(false);
            return Outcome<FinanceSettings>.Ok(settings, replaced);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed || e.ErrorCode == TableErrorCodes.EntityAlreadyExists || e.Status == 404)
        {
            return Outcome<FinanceSettings>.Stale();
        }
    }

    // ---- building and checking ----

    private async Task<(CostLine? Line, Outcome<CostLine>? Invalid)> BuildCostLineAsync(int season, CostLineInput input, string id, CancellationToken cancellationToken)
    {
        if (await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return (null, Outcome<CostLine>.NotFound($"La saison {season} n'existe pas."));
        }

        var errors = new Dictionary<string, string[]>();
        Check(errors, "id", LogisticsIds.IsValid(id), "L'identifiant ne prend que lettres, chiffres, « - » et « _ » (100 caractères au plus).");
        Check(errors, "label", !string.IsNullOrWhiteSpace(input.Label), "Indiquez le libellé de la dépense.");
        Check(errors, "category", input.Category is not null, "Indiquez la nature de la dépense : programming, tourismOfficeSubsidy, associationSubsidy, communication, technicalServices ou other.");
        Check(errors, "budgetLine", !string.IsNullOrWhiteSpace(input.BudgetLine), "Indiquez la ligne budgétaire (imputation) de la dépense.");
        Check(errors, "amount", input.Amount > 0m, "Le montant est un nombre d'euros positif.");
        if (input.EventId is not null)
        {
            Check(errors, "eventId", await events.FindAsync(season, input.EventId, cancellationToken).ConfigureAwait(false) is not null, $"Aucun événement « {input.EventId} » dans la saison {season}.");
        }

        if (input.ServiceId is not null)
        {
            var known = await services.ListServicesAsync(season, cancellationToken).ConfigureAwait(false);
            Check(errors, "serviceId", known.Any(s => s.Id == input.ServiceId), $"Aucun service « {input.ServiceId} » dans la saison {season}.");
        }

        return errors.Count > 0
            ? (null, Outcome<CostLine>.Invalid(errors))
            : (new CostLine(id, input.Label!.Trim(), input.Category!.Value, input.BudgetLine!.Trim(), input.Amount, input.EventId, input.ServiceId, input.Date, Blank(input.Note)), null);
    }

    private async Task<(Sponsorship? Sponsorship, Outcome<Sponsorship>? Invalid)> BuildSponsorshipAsync(Caller caller, int season, SponsorshipInput input, string id, CancellationToken cancellationToken)
    {
        if (await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return (null, Outcome<Sponsorship>.NotFound($"La saison {season} n'existe pas."));
        }

        var errors = new Dictionary<string, string[]>();
        Check(errors, "id", LogisticsIds.IsValid(id), "L'identifiant ne prend que lettres, chiffres, « - » et « _ » (100 caractères au plus).");
        Check(errors, "sponsor", !string.IsNullOrWhiteSpace(input.Sponsor), "Indiquez le nom du partenaire (entreprise, fondation, particulier).");
        Check(errors, "kind", input.Kind is not null, "Indiquez s'il s'agit de parrainage (sponsorship) ou de mécénat (patronage).");
        Check(errors, "status", input.Status is not null, "Indiquez où en est le partenaire : sought (sollicité), promised (promis), signed (convention signée) ou received (reçu).");
        Check(errors, "amount", input.Amount >= 0m, "Le montant est un nombre d'euros positif ou nul.");
        Check(errors, "inKindValue", input.InKindValue >= 0m, "La valeur des apports en nature est un nombre d'euros positif ou nul.");
        Check(errors, "amount", input.Status is SponsorshipStatus.Sought or null || input.Amount + input.InKindValue > 0m, "Un partenaire qui a promis, signé ou versé apporte un montant ou une valeur en nature.");
        Check(errors, "inKindDescription", input.InKindValue == 0m || !string.IsNullOrWhiteSpace(input.InKindDescription), "Décrivez les apports en nature (matériel, prestations, personnel).");
        var ev = input.EventId is null ? null : await events.FindAsync(season, input.EventId, cancellationToken).ConfigureAwait(false);
        Check(errors, "eventId", ev is not null, input.EventId is null ? "Indiquez l'événement financé." : $"Aucun événement « {input.EventId} » dans la saison {season}.");
        if (errors.Count > 0)
        {
            return (null, Outcome<Sponsorship>.Invalid(errors));
        }

        if (!SeesAll(caller) && !caller.HasScope(ev!.OrganiserId))
        {
            return (null, Outcome<Sponsorship>.Forbidden($"« {ev.Title} » n'est pas un événement de votre organisation : seuls son organisateur et la cellule projet déclarent ses partenaires."));
        }

        if (!Enters(caller) && !caller.IsInRole(Roles.Organiser))
        {
            return (null, Outcome<Sponsorship>.Forbidden("Seuls la cellule projet et l'organisateur de l'événement déclarent ses partenaires."));
        }

        return (new Sponsorship(id, ev!.Id, input.Sponsor!.Trim(), input.Kind!.Value, input.Status!.Value, input.Amount, input.InKindValue, Blank(input.InKindDescription), Blank(input.Note)), null);
    }

    /// <summary>The parameters, or every invalid field.</summary>
    public static (FinanceSettings? Settings, Outcome<FinanceSettings>? Invalid) BuildSettings(FinanceSettingsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        var rates = input.HourlyRates ?? [];
        var tax = input.TourismTax ?? [];
        Check(errors, "defaultHourlyRate", input.DefaultHourlyRate >= 0m, "Le taux horaire par défaut est un nombre d'euros positif ou nul.");
        Check(errors, "overtimePremiumPercent", input.OvertimePremiumPercent is >= 0m and <= 200m, "La majoration des heures supplémentaires est un pourcentage entre 0 et 200.");
        Check(errors, "secondHomesTax", input.SecondHomesTax is null or >= 0m, "La taxe sur les résidences secondaires est un nombre d'euros positif ou nul.");
        for (var i = 0; i < rates.Count; i++)
        {
            Check(errors, $"hourlyRates[{i}]", rates[i].Rate >= 0m && (rates[i].ServiceId is not null || rates[i].Skill is not null), "Un taux horaire vaut pour un service, une compétence ou les deux, et son montant est positif ou nul.");
        }

        Check(errors, "hourlyRates", rates.Select(r => (r.ServiceId, r.Skill)).Distinct().Count() == rates.Count, "Un même service et une même compétence n'ont qu'un taux horaire.");
        for (var i = 0; i < tax.Count; i++)
        {
            var t = tax[i];
            Check(errors, $"tourismTax[{i}]", LogisticsIds.IsValid(t.Id) && !string.IsNullOrWhiteSpace(t.Name) && t.TariffPerNight >= 0m && t.Nights >= 0 && t.Collected is null or >= 0m, "Chaque catégorie d'hébergement a un identifiant, un nom, un tarif par personne et par nuit, un nombre de nuitées et, une fois connu, le montant perçu (positifs).");
        }

        Check(errors, "tourismTax", tax.Select(t => t.Id).Distinct(StringComparer.Ordinal).Count() == tax.Count, "Chaque catégorie d'hébergement n'apparaît qu'une fois.");
        return errors.Count > 0
            ? (null, Outcome<FinanceSettings>.Invalid(errors))
            : (new FinanceSettings(
                input.DefaultHourlyRate,
                [.. rates.Select(r => new HourlyRate(r.ServiceId, r.Skill, r.Rate))],
                input.OvertimePremiumPercent,
                [.. tax.Select(t => new TourismTaxCategory(t.Id!, t.Name!.Trim(), t.TariffPerNight, t.Nights, t.Collected))],
                input.SecondHomesTax), null);
    }

    private async Task<bool> MayHandleAsync(Caller caller, int season, string eventId, CancellationToken cancellationToken) =>
        SeesAll(caller) || (await events.FindAsync(season, eventId, cancellationToken).ConfigureAwait(false) is { } ev && caller.HasScope(ev.OrganiserId));

    private static async Task<Versioned<T>?> FindAsync<T>(DocumentTable<T> table, int season, Func<string, string> row, string id, CancellationToken cancellationToken)
        where T : class =>
        LogisticsIds.IsValid(id) ? await table.GetAsync(FinanceStore.SeasonKey(season), row(id), cancellationToken).ConfigureAwait(false) : null;

    private async Task<Outcome<T>> InsertAsync<T>(Caller caller, DocumentTable<T> table, int season, string row, T value, string action, string taken, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var etag = await audit.InsertAsync(caller, table, FinanceStore.SeasonKey(season), row, value, new AuditRecord(action, Target(season, row), null, value), cancellationToken).ConfigureAwait(false);
            return Outcome<T>.Created(value, etag);
        }
        catch (TableStoreException e) when (e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return Outcome<T>.AlreadyExists(taken);
        }
    }

    private async Task<Outcome<T>> ReplaceAsync<T>(Caller caller, DocumentTable<T> table, int season, string row, T value, ETag ifMatch, string action, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var before = await table.GetAsync(FinanceStore.SeasonKey(season), row, cancellationToken).ConfigureAwait(false);
            var etag = await audit.ReplaceAsync(caller, table, FinanceStore.SeasonKey(season), row, value, ifMatch, new AuditRecord(action, Target(season, row), before?.Value, value), cancellationToken).ConfigureAwait(false);
            return Outcome<T>.Ok(value, etag);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed || e.Status == 404)
        {
            return Outcome<T>.Stale();
        }
    }

    private async Task<Outcome<T>> DeleteAsync<T>(Caller caller, DocumentTable<T> table, int season, string row, T found, ETag? ifMatch, string action, CancellationToken cancellationToken)
        where T : class
    {
        if (ifMatch is not { } etag)
        {
            return Failure.PreconditionRequired();
        }

        try
        {
            await audit.SubmitAsync(caller, table, [TableTransactionAction.Delete(FinanceStore.SeasonKey(season), row, etag)], new AuditRecord(action, Target(season, row), found, null), cancellationToken).ConfigureAwait(false);
            return Outcome<T>.Ok(found);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed || e.Status == 404)
        {
            return Outcome<T>.Stale();
        }
    }

    private static Outcome<IReadOnlyList<Versioned<T>>> NoSeason<T>(int season) => Outcome<IReadOnlyList<Versioned<T>>>.NotFound($"La saison {season} n'existe pas.");

    private static void Check(Dictionary<string, string[]> errors, string field, bool ok, string message)
    {
        if (!ok && !errors.ContainsKey(field))
        {
            errors[field] = [message];
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private static string Target(int season, string row) => $"finance/{season}/{row}";
}
