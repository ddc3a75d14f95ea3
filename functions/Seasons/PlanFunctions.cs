using System.Security.Claims;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Application.Planning;
using Saison.Domain.Events;
using Saison.Domain.Planning;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Seasons;

/// <summary>The shared reverse plan: views, marking done, templates, baselines.</summary>
internal static class PlanFunctions
{
    public static IEndpointRouteBuilder MapPlanFunctions(this IEndpointRouteBuilder app)
    {
        var plan = app.MapGroup("/api/seasons/{season:int}/plan").WithTags("Rétroplanning");
        plan.MapGet("/", GetPlanAsync).WithName("GetReversePlan").WithSummary("Le rétroplanning partagé : par événement, porteur, fenêtre d'échéance ; retards et risques d'abord").RequireRoles(SeasonHttp.Everyone);
        plan.MapGet("/events/{eventId}", GetEventPlanAsync).WithName("GetEventReversePlan").WithSummary("Le rétroplanning d'un événement").RequireRoles(SeasonHttp.Everyone);
        plan.MapPost("/milestones/{id}/done", MarkDoneAsync).WithName("MarkMilestoneDone").WithSummary("Déclarer un jalon fait (par son porteur ou la cellule projet)").RequireRoles(Roles.Organiser, Roles.ProjectCell, Roles.Technician, Roles.Manager, Roles.Copil);
        plan.MapGet("/templates", ListTemplatesAsync).WithName("ListPlanTemplates").WithSummary("Les modèles de rétroplanning").RequireRoles(SeasonHttp.Everyone);
        plan.MapGet("/templates/{id}", GetTemplateAsync).WithName("GetPlanTemplate").WithSummary("Un modèle de rétroplanning").RequireRoles(SeasonHttp.Everyone);
        plan.MapPut("/templates/{id}", SaveTemplateAsync).WithName("SavePlanTemplate").WithSummary("Créer ou modifier un modèle de rétroplanning (If-Match pour modifier)").RequireRoles(Roles.ProjectCell);
        plan.MapGet("/baselines", ListBaselinesAsync).WithName("ListPlanBaselines").WithSummary("Les références figées du rétroplanning").RequireRoles(SeasonHttp.Everyone);
        plan.MapPost("/baselines", FreezeAsync).WithName("FreezePlanBaseline").WithSummary("Figer une référence du rétroplanning").RequireRoles(Roles.ProjectCell);
        plan.MapGet("/baselines/{id}", GetBaselineAsync).WithName("GetPlanBaseline").WithSummary("Une référence et le glissement de chaque jalon").RequireRoles(SeasonHttp.Everyone);
        return app;
    }

    public sealed record DoneRequest(DateOnly? DoneOn);

    public sealed record BaselineRequest(string? Name);

    [ReadBack(typeof(PlanTemplate))]
    public sealed record TemplateRequest(string? Name, IReadOnlyList<string>? Kinds, IReadOnlyList<SizeClass>? Sizes, IReadOnlyList<MilestoneInput>? Milestones);

    public sealed record MilestoneInput(string? Key, string? Title, int? Offset, MilestoneAnchor? Anchor, string? Owner, IReadOnlyList<PredecessorInput>? Predecessors, string? Deliverable, MilestoneFact? DoneWhen = null);

    public sealed record PredecessorInput(string? Key, int? LagWorkingDays);

    private static async Task<IResult> GetPlanAsync(int season, DateOnly? asOf, string? eventId, string? owner, DateOnly? from, DateOnly? to, string? window, string? state, string? groupBy, bool? includeSeason, string? week, int? pageSize, string? continuation, ClaimsPrincipal user, HttpContext http, PlanService plans, CancellationToken cancellationToken)
    {
        if (ListPaging.Read(pageSize, continuation, week, out var page, out var days) is { } badQuery)
        {
            return badQuery;
        }

        if (days is { } w)
        {
            from = from is { } f && f > w.Monday ? f : w.Monday;
            to = to is { } t && t < w.Sunday ? t : w.Sunday;
        }

        MilestoneState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<MilestoneState>(state, ignoreCase: true, out var parsed) || int.TryParse(state, out _))
            {
                return Problems.Validation("state", $"État « {state} » inconnu : late, atRisk, toDo ou done.");
            }

            wanted = parsed;
        }

        var plan = await plans.GetPlanAsync(season, new PlanQuery(asOf, eventId, owner, from, to, wanted, groupBy, includeSeason ?? true, window, user.ToCaller()), cancellationToken).ConfigureAwait(false);

        // A page holds milestones, or whole groups when grouped (the counts stay the whole plan's).
        return plan.Select(p =>
        {
            if (p.Groups is not { } groups)
            {
                return p with { Milestones = ListPaging.Cut(http, page, p.Milestones, m => m.Id) };
            }

            var shown = ListPaging.Cut(http, page, groups, g => g.Key);
            var ids = shown.SelectMany(g => g.Milestones).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            return p with { Groups = shown, Milestones = [.. p.Milestones.Where(m => ids.Contains(m.Id))] };
        }).ToHttp(http);
    }

    private static async Task<IResult> GetEventPlanAsync(int season, string eventId, DateOnly? asOf, ClaimsPrincipal user, HttpContext http, PlanService plans, CancellationToken cancellationToken) =>
        (await plans.GetPlanAsync(season, new PlanQuery(asOf, eventId, Caller: user.ToCaller()), cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static async Task<IResult> MarkDoneAsync(int season, string id, DoneRequest? request, ClaimsPrincipal user, HttpContext http, PlanService plans, CancellationToken cancellationToken) =>
        (await plans.MarkDoneAsync(user.ToCaller(), season, id, request?.DoneOn, cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static async Task<IResult> ListTemplatesAsync(int season, PlanService plans, CancellationToken cancellationToken) =>
        TypedResults.Ok((await plans.ListTemplatesAsync(season, cancellationToken).ConfigureAwait(false)).Select(t => t.Value));

    private static async Task<IResult> GetTemplateAsync(int season, string id, HttpContext http, PlanService plans, CancellationToken cancellationToken) =>
        await plans.GetTemplateAsync(season, id, cancellationToken).ConfigureAwait(false) is { } found
            ? OutcomeHttp.Ok(http, found.Value, found.ETag)
            : Problems.NotFound($"Le modèle « {id} » n'existe pas dans la saison {season}.");

    private static async Task<IResult> SaveTemplateAsync(int season, string id, TemplateRequest request, ClaimsPrincipal user, HttpContext http, PlanService plans, Saison.Domain.Destinations.Destination destination, CancellationToken cancellationToken)
    {
        if (!IsKey(id))
        {
            return Problems.Validation("id", "Un identifiant de modèle s'écrit en minuscules, chiffres et tirets.");
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Problems.Validation("name", "Le nom du modèle est obligatoire.");
        }

        var milestones = new List<MilestoneTemplate>();
        foreach (var (m, i) in (request.Milestones ?? []).Select((m, i) => (m, i)))
        {
            var field = $"milestones[{i}]";
            if (m.Key is null || !IsKey(m.Key))
            {
                return Problems.Validation(field + ".key", "La clé d'un jalon s'écrit en minuscules, chiffres et tirets.");
            }

            if (string.IsNullOrWhiteSpace(m.Title))
            {
                return Problems.Validation(field + ".title", "Un jalon a un titre.");
            }

            if (m.Offset is not { } offset || Math.Abs(offset) > PlanTemplateRules.MaxOffset)
            {
                return Problems.Validation(field + ".offset", $"Le décalage d'un jalon est un nombre de jours ouvrés entre -{PlanTemplateRules.MaxOffset} et {PlanTemplateRules.MaxOffset}.");
            }

            if (string.IsNullOrWhiteSpace(m.Owner))
            {
                return Problems.Validation(field + ".owner", $"Un jalon a un porteur ({string.Join(", ", destination.Owners.Select(o => o.Code))}…).");
            }

            var predecessors = new List<MilestonePredecessor>();
            foreach (var p in m.Predecessors ?? [])
            {
                if (string.IsNullOrWhiteSpace(p.Key) || p.LagWorkingDays is not (>= 0 and <= PlanTemplateRules.MaxOffset))
                {
                    return Problems.Validation(field + ".predecessors", "Un prédécesseur a une clé et un délai en jours ouvrés positif ou nul.");
                }

                predecessors.Add(new MilestonePredecessor(p.Key, p.LagWorkingDays.Value));
            }

            milestones.Add(new MilestoneTemplate(m.Key, m.Title.Trim(), offset, m.Anchor ?? MilestoneAnchor.Start, m.Owner.Trim(), predecessors, m.Deliverable?.Trim() ?? string.Empty) { DoneWhen = m.DoneWhen });
        }

        var check = PlanTemplateRules.Check(milestones);
        if (check.IsRefused)
        {
            return Problems.BusinessRule("Le modèle de rétroplanning est incohérent : " + string.Join(" ", check.Reasons.Select(r => r.Message)), check.Reasons, "milestones");
        }

        var template = new PlanTemplate(id, request.Name.Trim(), request.Kinds ?? [], request.Sizes ?? [], milestones);
        return (await plans.SaveTemplateAsync(user.ToCaller(), season, template, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false)).ToHttp(http);
    }

    private static async Task<IResult> ListBaselinesAsync(int season, HttpContext http, PlanService plans, CancellationToken cancellationToken) =>
        (await plans.ListBaselinesAsync(season, cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static async Task<IResult> FreezeAsync(int season, BaselineRequest? request, ClaimsPrincipal user, HttpContext http, PlanService plans, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(request?.Name) ? "Référence" : request.Name.Trim();
        if (name.Length > 200)
        {
            return Problems.Validation("name", "Le nom d'une référence compte au plus 200 caractères.");
        }

        var result = await plans.FreezeAsync(user.ToCaller(), season, name, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(http, result.Value is { } created ? $"/api/seasons/{season}/plan/baselines/{created.Id}" : null);
    }

    private static async Task<IResult> GetBaselineAsync(int season, string id, HttpContext http, PlanService plans, CancellationToken cancellationToken) =>
        (await plans.GetBaselineAsync(season, id, cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static bool IsKey(string key) =>
        key.Length is > 0 and <= 64 && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
