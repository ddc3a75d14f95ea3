using System.Net.Http.Json;
using System.Text.Json;
using Saison.LocalHost.Tests.Infrastructure;

namespace Saison.LocalHost.Tests.Http;

/// <summary>The worker started by the host, connected over gRPC, and every function it declares loaded.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class HandshakeTests(LocalHostFixture fixture)
{
    [Fact]
    public void Every_function_in_functions_metadata_is_indexed_by_the_worker_and_loaded()
    {
        var declared = fixture.Host.App.DeclaredFunctions.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Broken", "Count", "Echo", "Files", "Hello", "Large", "Nightly", "Optional", "Startup"], declared);
        Assert.Equal(declared, fixture.Host.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(fixture.Host.Functions, f => Assert.False(string.IsNullOrEmpty(f.FunctionId)));
    }

    [Fact]
    public void The_worker_answers_the_init_request_with_its_HTTP_address()
    {
        var httpUri = new Uri(fixture.Host.WorkerCapabilities[FunctionsLocalHost.HttpUriCapability]);
        Assert.True(httpUri.IsLoopback, $"{httpUri} is not a loopback address");
    }

    [Fact]
    public async Task The_status_endpoint_names_the_worker_and_its_functions()
    {
        var status = await fixture.Client.GetFromJsonAsync<JsonElement>(new Uri("admin/host/status", UriKind.Relative));
        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Equal(fixture.Host.WorkerProcessId, status.GetProperty("workerProcessId").GetInt32());
        Assert.Equal(fixture.Host.Functions.Count, status.GetProperty("functions").GetArrayLength());
    }

    [Fact]
    public void The_worker_logs_reach_the_host_log()
    {
        // The ASP.NET Core integration logs where it listens once the worker host has started.
        Assert.Contains(fixture.Logs, line => line.Contains("Worker:", StringComparison.Ordinal) && line.Contains("Now listening on", StringComparison.Ordinal));
    }
}
