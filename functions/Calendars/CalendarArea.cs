using Microsoft.Extensions.Options;
using Saison.Application.Calendars;
using Saison.Application.Contracts;
using Saison.Calendars.Outlook;

namespace Saison.Functions.Calendars;

/// <summary>The function app's part for iCalendar feeds and Outlook sync (issue 7).</summary>
public static class CalendarArea
{
    public static IServiceCollection AddCalendarArea(this IServiceCollection services)
    {
        services.AddSingleton<FeedTokens>();
        services.AddSingleton<CalendarFeeds>();

        // The reference calendars travel with the app (calendars/**/*.ics copied to its output).
        services.AddSingleton<ISchoolHolidays>(_ => new SchoolHolidayCalendar(Path.Combine(AppContext.BaseDirectory, "calendars")));

        services.AddOptions<OutlookSyncOptions>().BindConfiguration(OutlookSyncOptions.SectionName);
        services.AddSingleton<IOutlookSyncState, OutlookSyncStateTable>();
        services.AddSingleton<OutlookClientFactory>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            return options => OutlookGraph.Client(options, OutlookGraph.Credential(options), (wait, ct) => Task.Delay(wait, time, ct), time);
        });
        services.AddSingleton(sp => new OutlookCalendarSync(
            sp.GetRequiredService<CalendarFeeds>(),
            sp.GetRequiredService<IOutlookSyncState>(),
            sp.GetRequiredService<IOptions<OutlookSyncOptions>>().Value,
            sp.GetRequiredService<OutlookClientFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new MilestoneDigests(sp, sp.GetRequiredService<IOptions<OutlookSyncOptions>>().Value, sp.GetRequiredService<OutlookClientFactory>()));
        return services;
    }

    public static IEndpointRouteBuilder MapCalendarArea(this IEndpointRouteBuilder app) => app
        .MapCalendarFeedFunctions()
        .MapCalendarTokenFunctions()
        .MapOutlookFunctions();
}
