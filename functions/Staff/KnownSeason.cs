using System.Globalization;
using Saison.Application.Contracts;
using Saison.Functions.Http;

namespace Saison.Functions.Staff;

/// <summary>Refuses routes under an unknown <c>{season}</c> with 404 (when a season area is deployed to say so).</summary>
internal static class KnownSeason
{
    public static TBuilder RequireKnownSeason<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetService<ISeasons>() is { } seasons
                && http.Request.RouteValues["season"] is string text
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var season)
                && await seasons.FindAsync(season, http.RequestAborted).ConfigureAwait(false) is null)
            {
                return Problems.NotFound($"Aucune saison {season}.");
            }

            return await next(context).ConfigureAwait(false);
        });
}
