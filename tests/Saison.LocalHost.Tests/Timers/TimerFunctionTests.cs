using System.Globalization;
using System.Net;
using Saison.LocalHost.Tests.Infrastructure;

namespace Saison.LocalHost.Tests.Timers;

/// <summary>Timer functions run by the host: on demand through the admin endpoint, and at start.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class TimerFunctionTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan MarkerTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_admin_endpoint_fires_a_timer_function_with_its_TimerInfo()
    {
        using var response = await fixture.Client.PostAsync(new Uri("admin/functions/Nightly", UriKind.Relative), content: null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var marker = await fixture.WaitForMarkerAsync("nightly-", MarkerTimeout);
        Assert.NotNull(marker);
        // The worker bound TimerInfo from the host's JSON: its next occurrence is the schedule's, 05:00 or 06:00 UTC.
        var next = DateTimeOffset.Parse(await File.ReadAllTextAsync(marker), CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, next.Offset);
        Assert.Contains(next.Hour, new[] { 5, 6 });
        Assert.Equal(0, next.Minute);
    }

    [Fact]
    public async Task A_timer_with_runOnStartup_fires_once_the_host_has_started()
    {
        Assert.NotNull(await fixture.WaitForMarkerAsync("startup-", MarkerTimeout));
    }

    [Fact]
    public async Task The_admin_endpoint_refuses_unknown_and_HTTP_functions_in_French()
    {
        using var unknown = await fixture.Client.PostAsync(new Uri("admin/functions/Nobody", UriKind.Relative), content: null);
        var notFound = await Problem.ReadAsync(unknown);
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("Aucune fonction ne s’appelle « Nobody ».", notFound.Detail);

        using var http = await fixture.Client.PostAsync(new Uri("admin/functions/Hello", UriKind.Relative), content: null);
        var badRequest = await Problem.ReadAsync(http);
        Assert.Equal(HttpStatusCode.BadRequest, badRequest.Status);
        Assert.Equal("application/problem+json", badRequest.ContentType);
    }
}
