using System.Net;
using System.Text.Json;

namespace Saison.LocalHost.Tests.Infrastructure;

/// <summary>An RFC 9457 problem as a client reads it.</summary>
internal sealed record Problem(HttpStatusCode Status, string? ContentType, JsonElement Body, string Raw)
{
    public string? Title => Body.TryGetProperty("title", out var t) ? t.GetString() : null;

    public string? Detail => Body.TryGetProperty("detail", out var d) ? d.GetString() : null;

    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStringAsync();
        return new Problem(response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonDocument.Parse(raw).RootElement.Clone(), raw);
    }
}
