using Microsoft.Extensions.Options;
using Saison.Application.Auditing;
using Saison.Application.Notices;
using Saison.Application.Planning;
using Saison.Application.Seasons;
using Saison.Calendars.Outlook;

namespace Saison.Functions.Notices;

/// <summary>
/// What follows from the facts the audit trail records: the people concerned are told (notices on their home page,
/// mails with their <c>.ics</c>), and milestones tied to an action are done by it.
/// </summary>
public static class NoticeArea
{
    public static IServiceCollection AddNoticeArea(this IServiceCollection services)
    {
        services.AddSingleton<NoticeStore>();
        services.AddSingleton<NoticeBoard>();
        services.AddSingleton(sp => new NoticeMail(sp.GetRequiredService<NoticeStore>(), sp.GetRequiredService<IOptions<OutlookSyncOptions>>().Value, sp.GetRequiredService<Application.Calendars.OutlookClientFactory>()));
        services.AddSingleton<IFactFollower, MilestoneFacts>();
        services.AddSingleton<IFactFollower>(sp => new DecisionNotices(sp.GetRequiredService<NoticeStore>(), sp.GetRequiredService<SeasonTables>(), sp.GetRequiredService<IOptions<OutlookSyncOptions>>().Value, sp.GetRequiredService<Saison.Application.Logistics.LogisticsStore>()));
        return services;
    }

    public static IEndpointRouteBuilder MapNoticeArea(this IEndpointRouteBuilder app) => app
        .MapNoticeFunctions();
}
