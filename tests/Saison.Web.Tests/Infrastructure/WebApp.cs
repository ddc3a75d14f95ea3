using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Saison.Functions.Identity;
using Saison.Testing;

namespace Saison.Web.Tests.Infrastructure;

/// <summary>
/// The real function app served by Kestrel on a free loopback port (<see cref="FunctionTestHost"/>: its
/// functions called as the host calls them), on SQLite in a fresh temporary folder, with the sample season
/// loaded and the clock pinned (default: Monday 1 March 2027, 09:00 in Paris).
/// </summary>
public sealed class WebApp : IDisposable
{
    public static readonly DateTimeOffset DefaultNow = new(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));

    private readonly FunctionTestHost _host;

    public WebApp()
        : this(DefaultNow)
    {
    }

    private WebApp(DateTimeOffset now)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "saison-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Clock = new FakeTimeProvider(now);
        var settings = new Dictionary<string, string?>
        {
            ["Saison:DataDirectory"] = DataDirectory,
            ["Saison:LoadSampleSeason"] = "true",
        };
        _host = FunctionTestHost.Start("Development", settings, services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)), kestrel: true);
        BaseAddress = new Uri(_host.BaseAddress!.ToString().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        WarmUp();
    }

    /// <summary>
    /// The app's first pages compile and read the season once, before any test runs: on a CI machine whose two
    /// cores also build and run the other test projects, that first time has taken longer than the
    /// 15 seconds then given to a browser step, and failed whichever test came first. Not a measure: it has minutes.
    /// </summary>
    private void WarmUp()
    {
        using var client = ApiAs("ProjectCell", "cellule-projet");
        client.Timeout = TimeSpan.FromMinutes(3);
        foreach (var path in (string[])["/connexion", "/accueil"])
        {
            using var response = client.GetAsync(new Uri(path, UriKind.Relative)).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>For tests that need another "now".</summary>
    public static WebApp At(DateTimeOffset now) => new(now);

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _host.Services;

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

    public void Dispose()
    {
        _host.Dispose();
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
