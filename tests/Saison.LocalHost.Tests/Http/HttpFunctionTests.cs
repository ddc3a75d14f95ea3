using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Saison.LocalHost.Tests.Infrastructure;

namespace Saison.LocalHost.Tests.Http;

/// <summary>HTTP requests through the host: matched to their function, forwarded to the worker, answered.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class HttpFunctionTests(LocalHostFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task A_GET_binds_route_values_and_passes_the_query()
    {
        using var response = await Client.GetAsync(new Uri("api/seasons/2027/greetings/Ana%C3%AFs?lang=fr", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2027, body.GetProperty("season").GetInt32());
        Assert.Equal("Anaïs", body.GetProperty("name").GetString());
        Assert.Equal("fr", body.GetProperty("lang").GetString());
        // The app sees the address the client called, not the worker's own.
        Assert.Equal(fixture.Host.Address.Authority, body.GetProperty("host").GetString());
    }

    [Fact]
    public async Task A_POST_carries_its_JSON_body_and_gets_the_functions_status_and_headers_back()
    {
        using var content = new StringContent("""{"title":"Fête de la musique","places":3}""", Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("api/echo", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/echo/1", response.Headers.Location?.OriginalString);
        Assert.Equal("oui", Assert.Single(response.Headers.GetValues("X-Echo")));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Fête de la musique", body.GetProperty("received").GetProperty("title").GetString());
        Assert.Equal(3, body.GetProperty("received").GetProperty("places").GetInt32());
    }

    [Fact]
    public async Task A_route_value_that_breaks_its_constraint_is_a_French_404_problem()
    {
        using var response = await Client.GetAsync(new Uri("api/seasons/deux-mille/greetings/Anne", UriKind.Relative));

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal("Ressource introuvable", problem.Title);
        Assert.Equal("Aucune fonction ne répond à GET /api/seasons/deux-mille/greetings/Anne.", problem.Detail);
    }

    [Theory]
    [InlineData("GET", "api/nowhere")]
    [InlineData("GET", "nowhere.ics")]
    [InlineData("POST", "api/seasons/2027/greetings/Anne")]
    [InlineData("DELETE", "api/echo")]
    public async Task An_unknown_route_or_method_is_a_French_404_problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await Client.SendAsync(request);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.StartsWith($"Aucune fonction ne répond à {method} /", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/items", null)]
    [InlineData("api/items/42", "42")]
    public async Task An_optional_route_value_may_be_left_out(string path, string? expected)
    {
        var body = await Client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_catch_all_route_value_takes_the_rest_of_the_path()
    {
        var body = await Client.GetStringAsync(new Uri("api/files/2027/affiches/juillet.pdf", UriKind.Relative));
        Assert.Equal("2027/affiches/juillet.pdf", body);
    }

    [Fact]
    public async Task A_failing_function_is_a_French_500_problem_without_its_exception()
    {
        using var response = await Client.GetAsync(new Uri("api/broken", UriKind.Relative));

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.InternalServerError, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal("Erreur interne du serveur", problem.Title);
        Assert.StartsWith("Erreur interne du serveur", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret detail", problem.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", problem.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", problem.Raw, StringComparison.Ordinal);
        // The host's log has what the client does not.
        Assert.Contains(fixture.Logs, line => line.Contains("Broken failed", StringComparison.Ordinal) && line.Contains("secret detail", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(3 * 1024)] // past the 1 MiB the host holds while it waits for the outcome: streamed
    public async Task Answers_small_and_large_arrive_whole(int kilobytes)
    {
        var body = await Client.GetByteArrayAsync(new Uri($"api/large/{kilobytes}", UriKind.Relative));
        Assert.Equal(kilobytes * 1024, body.Length);
        Assert.All(body, b => Assert.Equal((byte)'s', b));
    }

    [Fact]
    public async Task A_large_request_body_reaches_the_function_whole()
    {
        using var content = new ByteArrayContent(new byte[5 * 1024 * 1024]);
        using var response = await Client.PutAsync(new Uri("api/count", UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5 * 1024 * 1024, body.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task Concurrent_requests_each_get_their_own_answer()
    {
        var names = Enumerable.Range(1, 20).Select(i => $"agent{i}").ToList();
        var answers = await Task.WhenAll(names.Select(name =>
            Client.GetFromJsonAsync<JsonElement>(new Uri($"api/seasons/2027/greetings/{name}", UriKind.Relative))));
        Assert.Equal(names, answers.Select(a => a.GetProperty("name").GetString()));
    }
}
