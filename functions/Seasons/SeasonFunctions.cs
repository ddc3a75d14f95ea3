using System.Security.Claims;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Application.Seasons;
using Saison.Domain.Calendar;
using Saison.Domain.Organisers;
using Saison.Domain.Destinations;
using Saison.Domain.Seasons;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Seasons;

/// <summary>The season record (bounds, peaks, tonality, lifecycle, COPIL decisions), its organisers and sites.</summary>
internal static class SeasonFunctions
{
    public static IEndpointRouteBuilder MapSeasonFunctions(this IEndpointRouteBuilder app)
    {
        var seasons = app.MapGroup("/api/seasons").WithTags("Saison");
        seasons.MapGet("/", ListAsync).WithName("ListSeasons").WithSummary("Les saisons").RequireRoles(SeasonHttp.Everyone);
        seasons.MapPost("/", CreateAsync).WithName("CreateSeason").WithSummary("Créer une saison (brouillon)").RequireRoles(Roles.ProjectCell);
        seasons.MapGet("/{season:int}", GetAsync).WithName("GetSeason").WithSummary("Bornes, haute saison, tonalité et décisions du COPIL").RequireRoles(SeasonHttp.Everyone);
        seasons.MapGet("/{season:int}/bounds", GetBoundsAsync).WithName("GetSeasonBounds").WithSummary("Les bornes et la haute saison, sous la forme que PUT accepte").RequireRoles(SeasonHttp.Everyone);
        seasons.MapPut("/{season:int}/bounds", ChangeBoundsAsync).WithName("ChangeSeasonBounds").WithSummary("Changer les bornes et la haute saison").RequireRoles(Roles.ProjectCell);
        seasons.MapGet("/{season:int}/tonality", GetTonalityAsync).WithName("GetSeasonTonality").WithSummary("La tonalité : thèmes, parts cibles, priorités, sous la forme que PUT accepte").RequireRoles(SeasonHttp.Everyone);
        seasons.MapPut("/{season:int}/tonality", ChangeTonalityAsync).WithName("ChangeSeasonTonality").WithSummary("Fixer la tonalité : thèmes, parts cibles, priorités").RequireRoles(Roles.Copil, Roles.ProjectCell);
        seasons.MapPost("/{season:int}/status", MoveToAsync).WithName("ChangeSeasonStatus").WithSummary("Faire avancer la saison dans son cycle de vie").RequireRoles(Roles.Copil, Roles.ProjectCell);
        seasons.MapGet("/{season:int}/next", PreviewNextAsync).WithName("PreviewNextSeason").WithSummary("Ce que donnerait la saison suivante démarrée de celle-ci : bornes aux mêmes jours de la semaine, événements reconduits").RequireRoles(Roles.ProjectCell, Roles.Copil);
        seasons.MapPost("/{season:int}/next", StartNextAsync).WithName("StartNextSeason").WithSummary("Démarrer la saison suivante de celle-ci : bornes, tonalité, organisateurs, sites, modèles, personnel, catalogue, règles et équipes repris, événements choisis proposés à nouveau").RequireRoles(Roles.ProjectCell);
        seasons.MapPost("/{season:int}/decisions", RecordDecisionAsync).WithName("RecordCopilDecision").WithSummary("Consigner une décision du COPIL").RequireRoles(Roles.Copil, Roles.ProjectCell);

        var organisers = app.MapGroup("/api/seasons/{season:int}/organisers").WithTags("Organisateurs");
        organisers.MapGet("/", ListOrganisersAsync).WithName("ListOrganisers").WithSummary("Les organisateurs de la saison").RequireRoles(SeasonHttp.Everyone);
        organisers.MapGet("/{id}", GetOrganiserAsync).WithName("GetOrganiser").WithSummary("Un organisateur").RequireRoles(SeasonHttp.Everyone);
        organisers.MapPut("/{id}", SaveOrganiserAsync).WithName("SaveOrganiser").WithSummary("Enregistrer un organisateur (If-Match pour modifier)").RequireRoles(Roles.ProjectCell);

        var sites = app.MapGroup("/api/seasons/{season:int}/sites").WithTags("Sites");
        sites.MapGet("/", ListSitesAsync).WithName("ListSites").WithSummary("Les sites de la saison").RequireRoles(SeasonHttp.Everyone);
        sites.MapGet("/{id}", GetSiteAsync).WithName("GetSite").WithSummary("Un site").RequireRoles(SeasonHttp.Everyone);
        sites.MapPut("/{id}", SaveSiteAsync).WithName("SaveSite").WithSummary("Enregistrer un site (If-Match pour modifier)").RequireRoles(Roles.ProjectCell);
        return app;
    }

    /// <summary>A new season, in the shape <c>GET /api/seasons/{year}</c> returns (a season can start from the previous one's body).</summary>
    [ReadBack(typeof(Season))]
    public sealed record CreateSeasonRequest(int? Year, string? City, string? TimeZoneId, DateRangeInput? Bounds, IReadOnlyList<DateRangeInput>? Peaks, TonalityInput? Tonality);

    /// <summary>Days from <c>first</c> to <c>last</c>, both included (<c>days</c> is read-only).</summary>
    [ReadBack(typeof(DateRange))]
    public sealed record DateRangeInput(DateOnly? First, DateOnly? Last);

    /// <summary>The season's bounds and its peak periods, as <c>GET …/bounds</c> returns them.</summary>
    [ReadBack(typeof(BoundsView))]
    public sealed record BoundsRequest(DateOnly? First, DateOnly? Last, IReadOnlyList<DateRangeInput>? Peaks);

    /// <summary>The season's bounds and peaks: <c>days</c> counts the season's days.</summary>
    public sealed record BoundsView(DateOnly First, DateOnly Last, int Days, IReadOnlyList<DateRange> Peaks)
    {
        public static BoundsView From(Season season) => new(season.Bounds.First, season.Bounds.Last, season.Bounds.Days, season.Peaks);
    }

    [ReadBack(typeof(Tonality))]
    public sealed record TonalityInput(IReadOnlyList<ThemeInput>? Themes, IReadOnlyList<string>? Priorities);

    public sealed record ThemeInput(string? Id, string? Name, int? TargetShare);

    /// <summary>The new season's year (the next one when absent) and the events proposed again (all not cancelled when absent; none when empty).</summary>
    public sealed record NextSeasonRequest(int? Year, IReadOnlyList<string>? EventIds);

    public sealed record StatusRequest(SeasonStatus? Status);

    public sealed record DecisionRequest(DateOnly? Date, string? Text);

    [ReadBack(typeof(Organiser))]
    public sealed record OrganiserRequest(string? Name, OrganiserKind? Kind);

    [ReadBack(typeof(Site))]
    public sealed record SiteRequest(string? Name, string? Kind, string? District, int? Capacity, OpeningHoursRequest? Opening = null);

    /// <summary>A site's opening hours on an event day, local time (<c>"10:00"</c>).</summary>
    public sealed record OpeningHoursRequest(TimeOnly? Opens, TimeOnly? Closes);

    private static async Task<IResult> ListAsync(SeasonService seasons, CancellationToken cancellationToken) =>
        TypedResults.Ok(await seasons.ListAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> GetAsync(int season, HttpContext http, SeasonService seasons, CancellationToken cancellationToken) =>
        await seasons.GetAsync(season, cancellationToken).ConfigureAwait(false) is { } found
            ? OutcomeHttp.Ok(http, found.Value, found.ETag)
            : Problems.NotFound($"La saison {season} n'existe pas.");

    private static async Task<IResult> CreateAsync(CreateSeasonRequest request, HttpContext http, ClaimsPrincipal user, SeasonService seasons, Destination destination, CancellationToken cancellationToken)
    {
        if (request.Year is not { } year || year is < 2000 or > 2999)
        {
            return Problems.Validation("year", "L'année de la saison (de 2000 à 2999) est obligatoire.");
        }

        if (string.IsNullOrWhiteSpace(request.City))
        {
            return Problems.Validation("city", "La ville est obligatoire.");
        }

        var zoneId = string.IsNullOrWhiteSpace(request.TimeZoneId) ? destination.TimeZoneId : request.TimeZoneId.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _))
        {
            return Problems.Validation("timeZoneId", $"Le fuseau horaire « {zoneId} » est inconnu (par exemple {destination.TimeZoneId}).");
        }

        var (bounds, peaks, invalid) = ReadBounds(request.Bounds?.First, request.Bounds?.Last, request.Peaks, "bounds.");
        if (invalid is not null)
        {
            return invalid;
        }

        var peakCheck = SeasonRules.CheckPeaks(bounds!, peaks!);
        if (peakCheck.IsRefused)
        {
            return Problems.BusinessRule("La haute saison est incohérente : " + string.Join(" ", peakCheck.Reasons.Select(r => r.Message)), peakCheck.Reasons, "peaks");
        }

        var tonality = destination.Tonality;
        if (request.Tonality is not null)
        {
            var (read, problem) = ReadTonality(request.Tonality);
            if (problem is not null)
            {
                return problem;
            }

            tonality = read!;
        }

        var created = new Season(year, request.City.Trim(), zoneId, bounds!, peaks!, tonality, SeasonStatus.Draft, []);
        var result = await seasons.CreateAsync(user.ToCaller(), created, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(http, $"/api/seasons/{year}");
    }

    private static async Task<IResult> PreviewNextAsync(int season, int? year, HttpContext http, SeasonCarryOver carryOver, CancellationToken cancellationToken) =>
        (await carryOver.PreviewAsync(season, year, cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static async Task<IResult> StartNextAsync(int season, NextSeasonRequest? request, HttpContext http, ClaimsPrincipal user, SeasonCarryOver carryOver, CancellationToken cancellationToken)
    {
        var result = await carryOver.CarryOverAsync(user.ToCaller(), season, request?.Year, request?.EventIds, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(http, result.Value is { } started ? $"/api/seasons/{started.Season.Year}" : null);
    }

    private static async Task<IResult> GetBoundsAsync(int season, HttpContext http, SeasonService seasons, CancellationToken cancellationToken) =>
        await seasons.GetAsync(season, cancellationToken).ConfigureAwait(false) is { } found
            ? OutcomeHttp.Ok(http, BoundsView.From(found.Value), found.ETag)
            : Problems.NotFound($"La saison {season} n'existe pas.");

    private static async Task<IResult> GetTonalityAsync(int season, HttpContext http, SeasonService seasons, CancellationToken cancellationToken) =>
        await seasons.GetAsync(season, cancellationToken).ConfigureAwait(false) is { } found
            ? OutcomeHttp.Ok(http, found.Value.Tonality, found.ETag)
            : Problems.NotFound($"La saison {season} n'existe pas.");

    private static async Task<IResult> ChangeBoundsAsync(int season, BoundsRequest request, HttpContext http, ClaimsPrincipal user, SeasonService seasons, CancellationToken cancellationToken)
    {
        var (bounds, peaks, problem) = ReadBounds(request.First, request.Last, request.Peaks);
        if (problem is not null)
        {
            return problem;
        }

        var result = await seasons.ChangeBoundsAsync(user.ToCaller(), season, bounds!, peaks!, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false);
        return result.Select(BoundsView.From).ToHttp(http);
    }

    private static async Task<IResult> ChangeTonalityAsync(int season, TonalityInput request, HttpContext http, ClaimsPrincipal user, SeasonService seasons, CancellationToken cancellationToken)
    {
        var (tonality, problem) = ReadTonality(request);
        if (problem is not null)
        {
            return problem;
        }

        var result = await seasons.ChangeTonalityAsync(user.ToCaller(), season, tonality!, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false);
        return result.Select(s => s.Tonality).ToHttp(http);
    }

    private static async Task<IResult> MoveToAsync(int season, StatusRequest request, HttpContext http, ClaimsPrincipal user, SeasonService seasons, CancellationToken cancellationToken)
    {
        if (request.Status is not { } status)
        {
            return Problems.Validation("status", "Indiquez le statut visé : orientationsSet, agendaValidated, running ou closed.");
        }

        var result = await seasons.MoveToAsync(user.ToCaller(), season, status, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(http);
    }

    private static async Task<IResult> RecordDecisionAsync(int season, DecisionRequest request, HttpContext http, ClaimsPrincipal user, SeasonService seasons, CancellationToken cancellationToken)
    {
        if (request.Date is not { } date)
        {
            return Problems.Validation("date", "La date de la décision est obligatoire.");
        }

        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 2000)
        {
            return Problems.Validation("text", "Le texte de la décision est obligatoire (au plus 2 000 caractères).");
        }

        var result = await seasons.RecordDecisionAsync(user.ToCaller(), season, date, request.Text, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(http);
    }

    private static async Task<IResult> ListOrganisersAsync(int season, SeasonService seasons, CancellationToken cancellationToken) =>
        await seasons.GetAsync(season, cancellationToken).ConfigureAwait(false) is null
            ? Problems.NotFound($"La saison {season} n'existe pas.")
            : TypedResults.Ok(await seasons.ListOrganisersAsync(season, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> GetOrganiserAsync(int season, string id, HttpContext http, SeasonService seasons, CancellationToken cancellationToken) =>
        await seasons.GetOrganiserAsync(season, id, cancellationToken).ConfigureAwait(false) is { } found
            ? OutcomeHttp.Ok(http, found.Value, found.ETag)
            : Problems.NotFound($"L'organisateur « {id} » n'existe pas dans la saison {season}.");

    private static async Task<IResult> SaveOrganiserAsync(int season, string id, OrganiserRequest request, HttpContext http, ClaimsPrincipal user, SeasonService seasons, CancellationToken cancellationToken)
    {
        if (ReadId(id) is { } badId)
        {
            return badId;
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Problems.Validation("name", "Le nom de l'organisateur est obligatoire.");
        }

        if (request.Kind is not { } kind)
        {
            return Problems.Validation("kind", "Le type d'organisateur est obligatoire : association, tourismOperator, cityService ou privatePartner.");
        }

        var result = await seasons.SaveOrganiserAsync(user.ToCaller(), season, new Organiser(id, request.Name.Trim(), kind), RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(http);
    }

    private static async Task<IResult> ListSitesAsync(int season, SeasonService seasons, CancellationToken cancellationToken) =>
        await seasons.GetAsync(season, cancellationToken).ConfigureAwait(false) is null
            ? Problems.NotFound($"La saison {season} n'existe pas.")
            : TypedResults.Ok(await seasons.ListSitesAsync(season, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> GetSiteAsync(int season, string id, HttpContext http, SeasonService seasons, CancellationToken cancellationToken) =>
        await seasons.GetSiteAsync(season, id, cancellationToken).ConfigureAwait(false) is { } found
            ? OutcomeHttp.Ok(http, found.Value, found.ETag)
            : Problems.NotFound($"Le site « {id} » n'existe pas dans la saison {season}.");

    private static async Task<IResult> SaveSiteAsync(int season, string id, SiteRequest request, HttpContext http, ClaimsPrincipal user, SeasonService seasons, Destination destination, CancellationToken cancellationToken)
    {
        if (ReadId(id) is { } badId)
        {
            return badId;
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Problems.Validation("name", "Le nom du site est obligatoire.");
        }

        if (request.Kind?.Trim() is not { Length: > 0 } kind || !destination.HasSiteKind(kind))
        {
            return Problems.Validation("kind", $"Le type de site est obligatoire, l'un de ceux de la destination ({string.Join(", ", destination.SiteKinds.Select(k => $"{k.Id} : {k.Name.ToLowerInvariant()}"))}).");
        }

        if (request.Capacity is < 0)
        {
            return Problems.Validation("capacity", "La capacité ne peut pas être négative.");
        }

        OpeningHours? opening = null;
        if (request.Opening is { } hours)
        {
            if (hours.Opens is not { } opens || hours.Closes is not { } closes || closes <= opens)
            {
                return Problems.Validation("opening", "Les horaires d'ouverture donnent l'heure d'ouverture et une heure de fermeture plus tardive le même jour (« 10:00 », « 19:00 »).");
            }

            opening = new OpeningHours(opens, closes);
        }

        var site = new Site(id, request.Name.Trim(), kind, request.District?.Trim(), request.Capacity, opening);
        var result = await seasons.SaveSiteAsync(user.ToCaller(), season, site, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(http);
    }

    private static IResult? ReadId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? null
            : Problems.Validation("id", "Un identifiant s'écrit en minuscules, chiffres et tirets (64 caractères au plus).");

    private static (DateRange? Bounds, IReadOnlyList<DateRange>? Peaks, IResult? Problem) ReadBounds(DateOnly? firstDay, DateOnly? lastDay, IReadOnlyList<DateRangeInput>? peakInputs, string prefix = "")
    {
        if (firstDay is not { } first)
        {
            return (null, null, Problems.Validation(prefix + "first", "Le premier jour de la saison est obligatoire."));
        }

        if (lastDay is not { } last)
        {
            return (null, null, Problems.Validation(prefix + "last", "Le dernier jour de la saison est obligatoire."));
        }

        if (last < first)
        {
            return (null, null, Problems.Validation(prefix + "last", $"Le dernier jour ({last:dd/MM/yyyy}) précède le premier ({first:dd/MM/yyyy})."));
        }

        var peaks = new List<DateRange>();
        foreach (var (peak, index) in (peakInputs ?? []).Select((p, i) => (p, i)))
        {
            if (peak.First is not { } from || peak.Last is not { } to || to < from)
            {
                return (null, null, Problems.Validation($"peaks[{index}]", "Une période de haute saison a un premier et un dernier jour, dans l'ordre."));
            }

            peaks.Add(new DateRange(from, to));
        }

        return (new DateRange(first, last), peaks, null);
    }

    private static (Tonality? Tonality, IResult? Problem) ReadTonality(TonalityInput input)
    {
        var themes = new List<ThemeTarget>();
        foreach (var (theme, index) in (input.Themes ?? []).Select((t, i) => (t, i)))
        {
            if (string.IsNullOrWhiteSpace(theme.Id) || string.IsNullOrWhiteSpace(theme.Name))
            {
                return (null, Problems.Validation($"themes[{index}]", "Un thème a un identifiant et un nom."));
            }

            if (theme.TargetShare is not (>= 0 and <= 100))
            {
                return (null, Problems.Validation($"themes[{index}].targetShare", "La part cible d'un thème va de 0 à 100 %."));
            }

            themes.Add(new ThemeTarget(theme.Id.Trim(), theme.Name.Trim(), theme.TargetShare.Value));
        }

        var priorities = (input.Priorities ?? []).Select(p => p?.Trim() ?? string.Empty).ToList();
        var decision = SeasonRules.CheckTonality(themes, priorities);
        return decision.IsRefused
            ? (null, Problems.BusinessRule("La tonalité est incohérente : " + string.Join(" ", decision.Reasons.Select(r => r.Message)), decision.Reasons, "themes"))
            : (new Tonality(themes, priorities), null);
    }
}
