using System.Security.Claims;
using Saison.Application.Identity;
using Saison.Application.Staff;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Staff;

/// <summary>The staff directory: services, teams and agents of a season (<c>/api/seasons/{season}/staff</c>).</summary>
internal static class StaffFunctions
{
    private static readonly string[] Readers = [Roles.Manager, Roles.ProjectCell, Roles.Technician];
    private static readonly string[] Editors = [Roles.Manager, Roles.ProjectCell];

    public static IEndpointRouteBuilder MapStaffFunctions(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/seasons/{season:int}/staff").WithTags("Agents et équipes").RequireKnownSeason();

        staff.MapGet("/", OverviewAsync)
            .WithName("StaffOverview")
            .WithSummary("Services et équipes de la saison, avec leurs effectifs et compétences")
            .RequireRoles([.. Readers, Roles.Agent, Roles.Copil]);

        staff.MapGet("/services", ListServicesAsync)
            .WithName("StaffListServices")
            .WithSummary("Les services municipaux de la saison")
            .RequireRoles([.. Readers, Roles.Agent, Roles.Copil]);

        staff.MapGet("/services/{serviceId}", GetServiceAsync)
            .WithName("StaffGetService")
            .WithSummary("Un service")
            .RequireRoles([.. Readers, Roles.Agent, Roles.Copil]);

        staff.MapPost("/services", CreateServiceAsync)
            .WithName("StaffCreateService")
            .WithSummary("Créer un service (ses équipes et ses articles du catalogue le nomment ensuite)")
            .RequireRoles(Roles.ProjectCell);

        staff.MapPut("/services/{serviceId}", ReplaceServiceAsync)
            .WithName("StaffUpdateService")
            .WithSummary("Renommer un service (If-Match requis ; son identifiant ne change pas)")
            .RequireRoles(Roles.ProjectCell);

        staff.MapGet("/teams", ListTeamsAsync)
            .WithName("StaffListTeams")
            .WithSummary("Les équipes de la saison")
            .RequireRoles([.. Readers, Roles.Agent, Roles.Copil]);

        staff.MapGet("/teams/{teamId}", GetTeamAsync)
            .WithName("StaffGetTeam")
            .WithSummary("Une équipe")
            .RequireRoles([.. Readers, Roles.Agent, Roles.Copil]);

        staff.MapPost("/teams", CreateTeamAsync)
            .WithName("StaffCreateTeam")
            .WithSummary("Créer une équipe")
            .RequireRoles(Editors);

        staff.MapPut("/teams/{teamId}", ReplaceTeamAsync)
            .WithName("StaffUpdateTeam")
            .WithSummary("Modifier une équipe (If-Match requis)")
            .RequireRoles(Editors);

        staff.MapGet("/agents", ListAgentsAsync)
            .WithName("StaffListAgents")
            .WithSummary("Les agents de la saison, éventuellement d'une équipe ou d'une compétence")
            .RequireRoles(Readers);

        staff.MapGet("/agents/{agentId}", GetAgentAsync)
            .WithName("StaffGetAgent")
            .WithSummary("Un agent (un agent peut lire sa propre fiche)")
            .RequireRoles([.. Readers, Roles.Agent]);

        staff.MapPost("/agents", CreateAgentAsync)
            .WithName("StaffCreateAgent")
            .WithSummary("Créer un agent")
            .RequireRoles(Editors);

        staff.MapPut("/agents/{agentId}", ReplaceAgentAsync)
            .WithName("StaffUpdateAgent")
            .WithSummary("Modifier un agent (If-Match requis)")
            .RequireRoles(Editors);

        return app;
    }

    private static async Task<IResult> OverviewAsync(int season, StaffDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.OverviewAsync(season, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> ListServicesAsync(int season, StaffDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListServicesAsync(season, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> GetServiceAsync(int season, string serviceId, StaffDirectory directory, HttpContext context, CancellationToken cancellationToken) =>
        await directory.FindServiceAsync(season, serviceId, cancellationToken).ConfigureAwait(false) is { } service
            ? OutcomeHttp.Ok(context, service.Value, service.ETag)
            : Problems.NotFound($"Aucun service « {serviceId} » pour la saison {season}.");

    private static async Task<IResult> CreateServiceAsync(int season, ServiceInput input, StaffDirectory directory, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await directory.CreateServiceAsync(season, input, user.ToCaller(), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(context, result.Value is { } s ? $"/api/seasons/{season}/staff/services/{s.Id}" : null);
    }

    private static Task<IResult> ReplaceServiceAsync(int season, string serviceId, ServiceInput input, StaffDirectory directory, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ReplacedAsync(context, ifMatch => directory.ReplaceServiceAsync(season, serviceId, input, ifMatch, user.ToCaller(), cancellationToken));

    private static async Task<IResult> ListTeamsAsync(int season, StaffDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListTeamsAsync(season, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> GetTeamAsync(int season, string teamId, StaffDirectory directory, HttpContext context, CancellationToken cancellationToken) =>
        await directory.FindTeamAsync(season, teamId, cancellationToken).ConfigureAwait(false) is { } team
            ? OutcomeHttp.Ok(context, team.Value, team.ETag)
            : Problems.NotFound($"Aucune équipe « {teamId} » pour la saison {season}.");

    private static async Task<IResult> CreateTeamAsync(int season, TeamInput input, StaffDirectory directory, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await directory.CreateTeamAsync(season, input, user.ToCaller(), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(context, result.Value is { } t ? $"/api/seasons/{season}/staff/teams/{t.Id}" : null);
    }

    private static Task<IResult> ReplaceTeamAsync(int season, string teamId, TeamInput input, StaffDirectory directory, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ReplacedAsync(context, ifMatch => directory.ReplaceTeamAsync(season, teamId, input, ifMatch, user.ToCaller(), cancellationToken));

    private static async Task<IResult> ListAgentsAsync(int season, string? teamId, string? skill, StaffDirectory directory, CancellationToken cancellationToken)
    {
        var agents = await directory.ListAgentRecordsAsync(season, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(agents
            .Select(a => a.Value)
            .Where(a => teamId is null || a.TeamId == teamId)
            .Where(a => skill is null || a.Skills.Contains(skill, StringComparer.Ordinal))
            .ToList());
    }

    private static async Task<IResult> GetAgentAsync(int season, string agentId, StaffDirectory directory, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var caller = user.ToCaller();
        if (!caller.IsInAnyRole([.. Readers, Roles.Admin]) && !caller.HasScope(agentId))
        {
            return Problems.Forbidden("Un agent ne peut consulter que sa propre fiche.");
        }

        return await directory.FindAgentAsync(season, agentId, cancellationToken).ConfigureAwait(false) is { } agent
            ? OutcomeHttp.Ok(context, agent.Value, agent.ETag)
            : Problems.NotFound($"Aucun agent « {agentId} » pour la saison {season}.");
    }

    private static async Task<IResult> CreateAgentAsync(int season, AgentInput input, StaffDirectory directory, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await directory.CreateAgentAsync(season, input, user.ToCaller(), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(context, result.Value is { } a ? $"/api/seasons/{season}/staff/agents/{a.Id}" : null);
    }

    private static Task<IResult> ReplaceAgentAsync(int season, string agentId, AgentInput input, StaffDirectory directory, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ReplacedAsync(context, ifMatch => directory.ReplaceAgentAsync(season, agentId, input, ifMatch, user.ToCaller(), cancellationToken));

    /// <summary>A replacement with the If-Match it needs (428 without), mapped to HTTP.</summary>
    private static async Task<IResult> ReplacedAsync<T>(HttpContext context, Func<Azure.ETag, Task<Outcome<T>>> replace)
        where T : class
    {
        if (RecordHeaders.IfMatch(context.Request) is not { } ifMatch)
        {
            return Problems.PreconditionRequired();
        }

        return (await replace(ifMatch).ConfigureAwait(false)).ToHttp(context);
    }
}
