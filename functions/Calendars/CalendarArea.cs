using Saison.Application.Calendars;
using Saison.Application.Contracts;

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
        return services;
    }

    public static IEndpointRouteBuilder MapCalendarArea(this IEndpointRouteBuilder app) => app
        .MapCalendarFeedFunctions()
        .MapCalendarTokenFunctions();
}
