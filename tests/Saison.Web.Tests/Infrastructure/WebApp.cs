using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Saison.Functions.Identity;

namespace Saison.Web.Tests.Infrastructure;

/// <summary>
/// The real function app served by Kestrel on a free loopback port, on SQLite in a fresh temporary
/// folder, with the sample season loaded and the clock pinned (default: Monday 1 March 2027, 09:00 in Paris).
/// </summary>
public sealed class WebApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultNow = new(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));

    public WebApp()
        : this(DefaultNow, started: true)
    {
    }

    /// <summary>For tests that need another "now".</summary>
    public static WebApp At(DateTimeOffset now) => new(now, started: true);

    private WebApp(DateTimeOffset now, bool started)
    {
        _ = started;
        DataDirectory = Path.Combine(Path.GetTempPath(), "saison-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Clock = new FakeTimeProvider(now);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>Where the browser goes: <c>http://127.0.0.1:port</c>.</summary>
    public Uri BaseAddress { get; }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>An API client calling as <paramref name="role"/> (to compare the pages with the API's answers).</summary>
    public HttpClient ApiAs(string role, string id, params string[] scopes)
    {
        var options = Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Mint(options, role, scopes, id, $"{role} {id}", TimeSpan.FromHours(1), DateTimeOffset.UtcNow));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Saison:DataDirectory", DataDirectory);
        builder.UseSetting("Saison:LoadSampleSeason", "true");
        builder.UseSetting("Saison:RunTimers", "false");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown: the temp folder is cleaned by the OS.
            }
        }
    }
}
