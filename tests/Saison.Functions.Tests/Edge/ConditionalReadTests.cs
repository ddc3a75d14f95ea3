using System.Net;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Edge;

/// <summary>A record read again with the ETag already held answers 304 without a body, until it changes.</summary>
public sealed class ConditionalReadTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    [Theory]
    [InlineData("/api/seasons/2027")]
    [InlineData("/api/seasons/2027/events/nature-parc-paysager")]
    [InlineData("/api/seasons/2027/sites/base-sous-marine")]
    public async Task A_read_with_the_current_etag_is_304(string path)
    {
        using var client = app.ClientAs("ProjectCell");
        using var first = await client.GetAsync(new Uri(path, UriKind.Relative));
        var etag = first.Headers.ETag!.ToString();

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var other = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        other.Headers.TryAddWithoutValidation("If-None-Match", "W/\"autre\"");
        using var full = await client.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }
}
