using Saison.Application.Crews;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Logistics;

/// <summary><c>/api/seasons/{season}/crews</c>: crews, members and skills; the crew schedule per crew and per agent; publishing.</summary>
public static class CrewFunctions
{
    public static IEndpointRouteBuilder MapCrewFunctions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/seasons/{season:int}/crews").WithTags("Équipes techniques");

        group.MapGet("/", async (int season, CrewSchedules crews, CancellationToken cancellationToken) =>
                TypedResults.Ok(await crews.ListCrewsAsync(season, cancellationToken).ConfigureAwait(false)))
            .WithName("ListCrews")
            .WithSummary("Les équipes : service de rattachement, membres et compétences")
            .RequireRoles(Roles.Technician, Roles.Manager, Roles.ProjectCell);

        group.MapPost("/", async (int season, CrewInput input, HttpContext context, CrewSchedules crews, CancellationToken cancellationToken) =>
                (await crews.CreateCrewAsync(context.User.ToCaller(), season, input, cancellationToken).ConfigureAwait(false)).ToHttp(context, $"/api/seasons/{season}/crews/{input.Id}"))
            .WithName("CreateCrew")
            .WithSummary("Créer une équipe avec ses membres et leurs compétences")
            .RequireRoles(Roles.Technician);

        group.MapGet("/schedule", async (int season, string? week, int? pageSize, string? continuation, HttpContext context, CrewSchedules crews, CancellationToken cancellationToken) =>
            {
                if (ListPaging.Read(pageSize, continuation, week, out var page, out var days) is { } badQuery)
                {
                    return badQuery;
                }

                var schedule = await crews.GetScheduleAsync(season, cancellationToken: cancellationToken, from: days?.Monday, to: days?.Sunday).ConfigureAwait(false);
                return (schedule.Value is { } view ? schedule with { Value = Paged(context, page, view, context.Request.Path) } : schedule).ToHttp(context);
            })
            .WithName("GetCrewSchedule")
            .WithSummary("Le planning des équipes : tâches affectées et tâches non pourvues avec leurs motifs")
            .RequireRoles(Roles.Technician, Roles.Manager, Roles.ProjectCell);

        // Planning and publishing answer the schedule's first page (pageSize, 1,000 by default) with its counts; the next
        // pages are the schedule's own (Link rel=next to GET /crews/schedule).
        group.MapPost("/schedule", async (int season, int? pageSize, HttpContext context, CrewSchedules crews, CancellationToken cancellationToken) =>
            {
                if (ListPaging.Read(pageSize, null, out var page) is { } badQuery)
                {
                    return badQuery;
                }

                var planned = await crews.PlanAsync(context.User.ToCaller(), season, cancellationToken).ConfigureAwait(false);
                return (planned.Value is { } view ? planned with { Value = Paged(context, page, view, context.Request.Path) } : planned).ToHttp(context);
            })
            .WithName("PlanCrewSchedule")
            .WithSummary("Établir (ou rétablir) le planning à partir des lignes accordées : agenda d'abord, garanties de temps de travail, congés respectés, le moins possible de changements publiés (première page du planning)")
            .RequireRoles(Roles.Technician);

        group.MapPost("/schedule/publish", async (int season, int? pageSize, HttpContext context, CrewSchedules crews, CancellationToken cancellationToken) =>
            {
                if (!LogisticsHttp.TryIfMatch(context.Request, out var etag, out var problem))
                {
                    return problem!;
                }

                if (ListPaging.Read(pageSize, null, out var page) is { } badQuery)
                {
                    return badQuery;
                }

                var published = await crews.PublishAsync(context.User.ToCaller(), season, etag, cancellationToken).ConfigureAwait(false);
                return (published.Value is { } view ? published with { Value = Paged(context, page, view, $"/api/seasons/{season}/crews/schedule") } : published).ToHttp(context);
            })
            .WithName("PublishCrewSchedule")
            .WithSummary("Publier le planning établi (If-Match requis ; première page du planning)")
            .RequireRoles(Roles.Technician);

        group.MapGet("/agents/{agentId}/schedule", async (int season, string agentId, HttpContext context, CrewSchedules crews, CancellationToken cancellationToken) =>
            {
                var caller = context.User.ToCaller();
                if (!caller.IsAdmin && !caller.IsInAnyRole(Roles.Technician, Roles.Manager) && !caller.HasScope(agentId))
                {
                    return Problems.Forbidden("Un agent ne consulte que son propre planning.");
                }

                return (await crews.GetScheduleAsync(season, agentId: agentId, cancellationToken: cancellationToken).ConfigureAwait(false)).ToHttp(context);
            })
            .WithName("GetAgentSchedule")
            .WithSummary("Le planning d'un agent (l'agent lui-même, les services techniques, ses responsables)")
            .RequireRoles(Roles.Agent, Roles.Technician, Roles.Manager);

        group.MapGet("/{crewId}", async (int season, string crewId, HttpContext context, CrewSchedules crews, CancellationToken cancellationToken) =>
                (await crews.GetCrewAsync(season, crewId, cancellationToken).ConfigureAwait(false)).ToHttp(context))
            .WithName("GetCrew")
            .WithSummary("Une équipe, ses membres et leurs compétences")
            .RequireRoles(Roles.Technician, Roles.Manager, Roles.ProjectCell);

        group.MapPut("/{crewId}", async (int season, string crewId, CrewInput input, HttpContext context, CrewSchedules crews, CancellationToken cancellationToken) =>
            {
                if (!LogisticsHttp.TryIfMatch(context.Request, out var etag, out var problem))
                {
                    return problem!;
                }

                return (await crews.ReplaceCrewAsync(context.User.ToCaller(), season, crewId, etag, input, cancellationToken).ConfigureAwait(false)).ToHttp(context);
            })
            .WithName("ReplaceCrew")
            .WithSummary("Modifier une équipe : nom, membres, compétences (If-Match requis)")
            .RequireRoles(Roles.Technician);

        group.MapGet("/{crewId}/schedule", async (int season, string crewId, HttpContext context, CrewSchedules crews, CancellationToken cancellationToken) =>
                (await crews.GetScheduleAsync(season, crewId: crewId, cancellationToken: cancellationToken).ConfigureAwait(false)).ToHttp(context))
            .WithName("GetCrewTeamSchedule")
            .WithSummary("Le planning d'une équipe")
            .RequireRoles(Roles.Technician, Roles.Manager, Roles.ProjectCell);

        return app;
    }

    /// <summary>One page of a schedule: assigned tasks first, then unstaffed ones, in their order; the next page is read at <paramref name="schedulePath"/>.</summary>
    private static ScheduleView Paged(HttpContext context, PageRequest page, ScheduleView view, string schedulePath)
    {
        IReadOnlyList<(string Key, ScheduledTaskView? Task, UnstaffedTaskView? Unstaffed)> all =
            [.. view.Tasks.Select(t => ("t~" + t.TaskId + "~" + t.AgentId, (ScheduledTaskView?)t, (UnstaffedTaskView?)null)),
             .. view.Unstaffed.Select(u => ("u~" + u.TaskId, (ScheduledTaskView?)null, (UnstaffedTaskView?)u))];
        var (shown, next) = page.Cut(all, e => e.Key);
        ListPaging.Next(context, page, next, schedulePath);
        return view with { Tasks = [.. shown.Select(e => e.Task).OfType<ScheduledTaskView>()], Unstaffed = [.. shown.Select(e => e.Unstaffed).OfType<UnstaffedTaskView>()] };
    }
}
