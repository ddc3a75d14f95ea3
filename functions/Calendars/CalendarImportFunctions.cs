using System.Security.Claims;
using System.Text;
using Saison.Application.Calendars;
using Saison.Application.Identity;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Calendars;

/// <summary>
/// <c>POST /api/seasons/{season}/calendars/import-preview</c>: an organiser's programme as iCalendar
/// (text/calendar, at most 1 MiB) read into the events Saison would propose, duplicates recognised by
/// UID. Nothing is written: proposing belongs to the events area.
/// </summary>
internal static class CalendarImportFunctions
{
    private const int MaxBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapCalendarImportFunctions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/seasons/{season:int}/calendars/import-preview", PreviewAsync)
            .WithName("CalendarImportPreview")
            .Accepts<string>("text/calendar")
            .WithTags("Calendriers")
            .WithSummary("Lire le programme d'un organisateur (.ics) : événements proposés, doublons reconnus par leur UID, événements refusés avec leur motif, sans rien enregistrer")
            .RequireRoles(Roles.Organiser, Roles.ProjectCell);
        return app;
    }

    private static async Task<IResult> PreviewAsync(int season, HttpRequest request, ProgrammeImport import, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "text/calendar", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Format non pris en charge", "Envoyez le programme au format iCalendar (Content-Type: text/calendar).", new() { ["field"] = "Content-Type" });
        }

        if (request.ContentLength is > MaxBytes)
        {
            return TooLarge();
        }

        var buffer = new byte[MaxBytes + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += chunk;
        }

        if (read > MaxBytes)
        {
            return TooLarge();
        }

        using var text = new StringReader(new UTF8Encoding(false).GetString(buffer, 0, read));
        var preview = await import.PreviewAsync(season, text, cancellationToken).ConfigureAwait(false);
        if (preview is null)
        {
            return Problems.NotFound($"Aucune saison {season}.");
        }

        if (preview.Error is { } error)
        {
            return Problems.Validation("ics", $"Le fichier iCalendar est illisible. {error.Text}");
        }

        return TypedResults.Ok(new
        {
            proposed = preview.Proposed,
            duplicates = preview.Duplicates,
            refused = preview.Refused.Select(r => new { name = r.Name, uid = r.Uid, reason = r.Reason, message = r.Text }),
        });
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge() =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "Fichier trop volumineux", "Le programme ne peut dépasser 1 Mio.", new() { ["field"] = "ics" });
}
