using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Seasons;

/// <summary>Shortcuts for the season area's API in tests.</summary>
internal static class SeasonApi
{
    public static Uri Url(string path) => new(path, UriKind.Relative);

    public static async Task<(JsonElement Body, string ETag)> GetWithETagAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(Url(path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag!.ToString());
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(Url(path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, Url(path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: SaisonApp.Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string ETagOf(HttpResponseMessage response) => response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag header.");

    public static EntityTagHeaderValue? Tag(HttpResponseMessage response) => response.Headers.ETag;
}

/// <summary>Events proposed in tests.</summary>
internal static class EventRequests
{
    public static object Concert(string siteId = "plage-villes-martin", string start = "2027-08-06T21:30:00+02:00", string end = "2027-08-06T23:45:00+02:00", string theme = "balneaire", string? organiserId = null, string size = "small", string kind = "concert") => new
    {
        title = "Concert sur la plage (test)",
        kind,
        themes = new[] { theme },
        siteId,
        organiserId,
        start,
        end,
        expectedAttendance = 400,
        size,
    };

    public static async Task<(System.Text.Json.JsonElement Event, string ETag)> ProposeAsync(this HttpClient client, object request)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", request);
        var body = await response.OkJsonAsync();
        return (body, SeasonApi.ETagOf(response));
    }
}
