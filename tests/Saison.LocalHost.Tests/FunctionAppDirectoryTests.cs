using System.Text.Json.Nodes;
using Saison.LocalHost.App;
using Saison.LocalHost.Tests.Infrastructure;

namespace Saison.LocalHost.Tests;

/// <summary>The published app folder, read as the Functions host reads it.</summary>
public sealed class FunctionAppDirectoryTests
{
    [Theory]
    [InlineData("""{"version":"2.0"}""", "api")]
    [InlineData("""{"extensions":{"http":{"routePrefix":""}}}""", "")]
    [InlineData("""{"extensions":{"http":{"routePrefix":"/v1/"}}}""", "v1")]
    public void The_route_prefix_comes_from_host_json_and_defaults_to_api(string hostJson, string expected)
    {
        Assert.Equal(expected, FunctionAppDirectory.ReadRoutePrefix(JsonNode.Parse(hostJson)));
    }

    [Fact]
    public void The_test_worker_is_started_with_dotnet_and_its_assembly()
    {
        var app = FunctionAppDirectory.Load(BuiltApps.TestWorkerDirectory);
        Assert.Equal("dotnet", app.Worker.Executable);
        Assert.Equal(Path.Combine(app.Path, "Saison.LocalHost.Tests.Worker.dll"), app.Worker.WorkerPath);
        Assert.Equal("api", app.RoutePrefix);
    }

    [Fact]
    public void A_folder_that_is_not_a_published_app_is_refused_with_the_reason()
    {
        var empty = Directory.CreateTempSubdirectory("saison-localhost-empty-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => FunctionAppDirectory.Load(empty.FullName));
            Assert.Contains("worker.config.json", error.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => FunctionAppDirectory.Load(Path.Combine(empty.FullName, "missing")));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
