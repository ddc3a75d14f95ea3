namespace Saison.Functions.Calendars;

/// <summary>The function app's part for iCalendar feeds and Outlook sync (issue 7).</summary>
public static class CalendarArea
{
    public static IServiceCollection AddCalendarArea(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapCalendarArea(this IEndpointRouteBuilder app) => app;
}
