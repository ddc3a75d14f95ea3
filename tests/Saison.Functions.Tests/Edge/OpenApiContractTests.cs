using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Edge;

/// <summary>The OpenAPI document says what the API answers and accepts, as it does.</summary>
public sealed class OpenApiContractTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    [Fact]
    public async Task Every_operation_lists_its_refusals_as_problem_json()
    {
        using var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync(new Uri("/api/openapi.json", UriKind.Relative)));
        var operations = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations++;
                var responses = operation.Value.GetProperty("responses");
                var expected = operation.Name == "get" ? new[] { "400", "401", "403", "404" } : ["400", "401", "403", "404", "409", "412", "422", "428"];
                foreach (var status in expected)
                {
                    Assert.True(responses.TryGetProperty(status, out var response), $"{operation.Name} {path.Name} does not list {status}.");
                    Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{operation.Name} {path.Name} {status} is not problem+json.");
                    Assert.Contains("urn:saison:problem:", response.GetProperty("description").GetString(), StringComparison.Ordinal);
                }
            }
        }

        Assert.True(operations > 70, $"Only {operations} operations.");
    }

    [Fact]
    public async Task Enums_are_listed_as_the_api_accepts_them()
    {
        using var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync(new Uri("/api/openapi.json", UriKind.Relative)));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["approve", "refuse"], schemas.GetProperty("DecisionVerb").GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()));
        Assert.Equal(["small", "medium", "large", "major"], schemas.GetProperty("SizeClass").GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()));
    }
}
