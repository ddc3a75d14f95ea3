using System.Security.Claims;
using Saison.Application.Identity;
using Saison.Application.Leave;
using Saison.Domain.Leave;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Staff;

/// <summary>Summer leave (<c>/api/seasons/{season}/leave</c>) and coverage (<c>/api/seasons/{season}/coverage</c>).</summary>
internal static class LeaveFunctions
{
    private static readonly string[] Requesters = [Roles.Agent, Roles.Manager];
    private static readonly string[] Everyone = [Roles.Agent, Roles.Manager, Roles.ProjectCell, Roles.Technician, Roles.Copil];

    public static IEndpointRouteBuilder MapLeaveFunctions(this IEndpointRouteBuilder app)
    {
        var leave = app.MapGroup("/api/seasons/{season:int}/leave").WithTags("Congés d'été").RequireKnownSeason();

        leave.MapPost("/", SubmitAsync)
            .WithName("LeaveSubmit")
            .WithSummary("Demander un congé, un RTT ou une récupération (l'agent, ou son responsable pour lui)")
            .RequireRoles(Requesters);

        leave.MapPost("/evaluate", EvaluateAsync)
            .WithName("LeaveEvaluate")
            .WithSummary("Évaluer une demande sans l'enregistrer : verdict de chaque règle, couverture avant et après")
            .RequireRoles(Requesters);

        leave.MapGet("/", ListAsync)
            .WithName("LeaveList")
            .WithSummary("Les demandes visibles : les siennes (agent), celles de ses équipes (responsable)")
            .RequireRoles(Requesters);

        leave.MapGet("/{requestId}", GetAsync)
            .WithName("LeaveGet")
            .WithSummary("Une demande, avec son évaluation tant qu'elle est en attente")
            .RequireRoles(Requesters);

        leave.MapPost("/{requestId}/decision", DecideAsync)
            .WithName("LeaveDecide")
            .WithSummary("Accepter ou refuser une demande (If-Match requis) ; déroger à une règle exige une justification écrite")
            .RequireRoles(Roles.Manager);

        leave.MapPost("/{requestId}/cancel", CancelAsync)
            .WithName("LeaveCancel")
            .WithSummary("Annuler une demande (If-Match requis) : le solde est restitué")
            .RequireRoles(Requesters);

        leave.MapGet("/balances/{agentId}", BalanceAsync)
            .WithName("LeaveBalance")
            .WithSummary("Les soldes d'un agent : congés annuels et fractionnement, RTT, récupération ; projection annualisée")
            .RequireRoles(Requesters);

        leave.MapPost("/recovery-credits", CreditRecoveryAsync)
            .WithName("LeaveCreditRecovery")
            .WithSummary("Créditer des heures supplémentaires en récupération")
            .RequireRoles(Roles.Manager);

        leave.MapGet("/rules/{teamId}", GetRulesAsync)
            .WithName("LeaveGetRules")
            .WithSummary("Les règles de présence d'une équipe")
            .RequireRoles(Everyone);

        leave.MapPut("/rules/{teamId}", SetRulesAsync)
            .WithName("LeaveSetRules")
            .WithSummary("Fixer les règles de présence d'une équipe (If-Match dès qu'elles existent)")
            .RequireRoles(Roles.Manager, Roles.ProjectCell);

        app.MapGet("/api/seasons/{season:int}/coverage", CoverageAsync)
            .WithName("Coverage")
            .WithTags("Congés d'été")
            .WithSummary("Couverture par équipe et par jour (effectifs seulement, jamais les noms ni les motifs)")
            .RequireRoles(Everyone)
            .RequireKnownSeason();

        return app;
    }

    private static async Task<IResult> SubmitAsync(int season, LeaveRequestInput input, LeaveService leave, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await leave.SubmitAsync(season, input, user.ToCaller(), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(context, result.Value is { } v ? $"/api/seasons/{season}/leave/{v.Request.Id}" : null);
    }

    private static async Task<IResult> EvaluateAsync(int season, LeaveRequestInput input, LeaveService leave, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await leave.EvaluateAsync(season, input, user.ToCaller(), cancellationToken).ConfigureAwait(false)).ToHttp(context);

    private static async Task<IResult> ListAsync(int season, string? teamId, string? agentId, LeaveStatus? status, string? week, int? pageSize, string? continuation, LeaveService leave, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (ListPaging.Read(pageSize, continuation, week, out var page, out var days) is { } badQuery)
        {
            return badQuery;
        }

        var listed = await leave.ListAsync(season, teamId, agentId, status, user.ToCaller(), cancellationToken).ConfigureAwait(false);
        if (listed.Value is not { } requests)
        {
            return listed.ToHttp(context);
        }

        // A week shows the leave that overlaps it.
        IReadOnlyList<LeaveRequest> inWeek = days is { } w ? [.. requests.Where(r => r.Period.First <= w.Sunday && r.Period.Last >= w.Monday)] : requests;
        return (listed with { Value = ListPaging.Cut(context, page, inWeek, r => r.Id) }).ToHttp(context);
    }

    private static async Task<IResult> GetAsync(int season, string requestId, LeaveService leave, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await leave.GetAsync(season, requestId, user.ToCaller(), cancellationToken).ConfigureAwait(false)).ToHttp(context);

    private static async Task<IResult> DecideAsync(int season, string requestId, LeaveDecisionInput input, LeaveService leave, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (RecordHeaders.IfMatch(context.Request) is not { } ifMatch)
        {
            return Problems.PreconditionRequired();
        }

        return (await leave.DecideAsync(season, requestId, input, ifMatch, user.ToCaller(), cancellationToken).ConfigureAwait(false)).ToHttp(context);
    }

    private static async Task<IResult> CancelAsync(int season, string requestId, CancelInput? input, LeaveService leave, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (RecordHeaders.IfMatch(context.Request) is not { } ifMatch)
        {
            return Problems.PreconditionRequired();
        }

        return (await leave.CancelAsync(season, requestId, input?.Comment, ifMatch, user.ToCaller(), cancellationToken).ConfigureAwait(false)).ToHttp(context);
    }

    private static async Task<IResult> BalanceAsync(int season, string agentId, LeaveService leave, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await leave.BalanceAsync(season, agentId, user.ToCaller(), cancellationToken).ConfigureAwait(false)).ToHttp(context);

    private static async Task<IResult> CreditRecoveryAsync(int season, RecoveryCreditInput input, LeaveService leave, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await leave.CreditRecoveryAsync(season, input, user.ToCaller(), cancellationToken).ConfigureAwait(false)).ToHttp(context);

    private static async Task<IResult> GetRulesAsync(int season, string teamId, TeamRulesAndCoverage rules, HttpContext context, CancellationToken cancellationToken) =>
        RulesToHttp(context, await rules.GetRulesAsync(season, teamId, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> SetRulesAsync(int season, string teamId, PresenceRules input, TeamRulesAndCoverage rules, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RulesToHttp(context, await rules.SetRulesAsync(season, teamId, input, RecordHeaders.IfMatch(context.Request), user.ToCaller(), cancellationToken).ConfigureAwait(false));

    private static IResult RulesToHttp(HttpContext context, Outcome<PresenceRulesRecord> result) =>
        result.Select(PresenceRulesView.From).ToHttp(context);

    private static async Task<IResult> CoverageAsync(int season, DateOnly? from, DateOnly? to, string? teamId, TeamRulesAndCoverage rules, HttpContext context, CancellationToken cancellationToken) =>
        (await rules.CoverageAsync(season, from, to, teamId, cancellationToken).ConfigureAwait(false)).ToHttp(context);

    internal sealed record CancelInput(string? Comment);

    /// <summary>
    /// A team's presence rules as the API reads and writes them: the rules' own fields, with the season, the
    /// team and the last change (read-only), so that what GET returns, PUT accepts back.
    /// </summary>
    internal sealed record PresenceRulesView(
        int Season,
        string TeamId,
        IReadOnlyList<MinimumStaffing> Minimums,
        AbsenceCap? MaxSimultaneousAbsences,
        IReadOnlyList<BlackoutWindow> Blackouts,
        int? DerivedBlackoutMarginDays,
        bool RecoveryBlockedDuringPeak,
        int? MaxContinuousSummerLeaveDays,
        string UpdatedBy,
        DateTimeOffset? UpdatedAt)
    {
        public static PresenceRulesView From(PresenceRulesRecord record) => new(
            record.Season,
            record.TeamId,
            record.Rules.Minimums,
            record.Rules.MaxSimultaneousAbsences,
            record.Rules.Blackouts,
            record.Rules.DerivedBlackoutMarginDays,
            record.Rules.RecoveryBlockedDuringPeak,
            record.Rules.MaxContinuousSummerLeaveDays,
            record.UpdatedBy,
            record.UpdatedAt == DateTimeOffset.MinValue ? null : record.UpdatedAt);
    }
}
