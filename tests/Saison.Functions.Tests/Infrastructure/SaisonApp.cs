using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Saison.Application.Persistence;
using Saison.Functions.Identity;
using Saison.Testing;

namespace Saison.Functions.Tests.Infrastructure;

/// <summary>
/// The function app in-process on real storage (<see cref="FunctionTestHost"/>: its functions called as the
/// host calls them): SQLite in a fresh temporary folder (or any <c>Storage:*</c> settings given), the
/// Development signing key, a pinned clock. Started on first use; one instance per test class (xunit class
/// fixture) or per test.
/// </summary>
public class SaisonApp : IDisposable, IAsyncDisposable
{
    /// <summary>The default "now" of the tests: Monday 1 March 2027, 09:00 in Paris.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));

    private readonly Dictionary<string, string?> _settings;
    private readonly Lazy<FunctionTestHost> _host;

    public SaisonApp()
        : this(new SaisonAppOptions())
    {
    }

    /// <summary>For tests that need another start: no sample season, other storage settings, another "now".</summary>
    public static SaisonApp Create(
        bool loadSampleSeason = true,
        IDictionary<string, string?>? settings = null,
        DateTimeOffset? now = null,
        string environment = "Development",
        Action<IServiceCollection>? services = null) =>
        new(new SaisonAppOptions(loadSampleSeason, settings, now)) { Environment = environment, ExtraServices = services };

    private SaisonApp(SaisonAppOptions options)
        : this(options.LoadSampleSeason, options.Settings, options.Now)
    {
    }

    /// <summary>The hosting environment the app runs in (Development unless a test says otherwise).</summary>
    public string Environment { get; private init; } = "Development";

    private Action<IServiceCollection>? ExtraServices { get; init; }

    private SaisonApp(bool loadSampleSeason, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "saison-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Clock = new FakeTimeProvider(now ?? DefaultNow);
        _settings = new Dictionary<string, string?>
        {
            ["Saison:DataDirectory"] = DataDirectory,
            ["Saison:LoadSampleSeason"] = loadSampleSeason ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _host = new Lazy<FunctionTestHost>(() => FunctionTestHost.Start(Environment, _settings, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            ExtraServices?.Invoke(services);
        }, kestrel: false));
    }

    public IServiceProvider Services => _host.Value.Services;

    /// <summary>The in-memory server (started on first use).</summary>
    public Microsoft.AspNetCore.TestHost.TestServer Server => _host.Value.Server!;

    /// <summary>A client of the app (redirects followed unless told otherwise).</summary>
    public HttpClient CreateClient(bool allowAutoRedirect = true) => _host.Value.CreateClient(allowAutoRedirect);

    public string DataDirectory { get; }

    /// <summary>The app's clock; tests move it with <c>SetUtcNow</c>/<c>Advance</c>.</summary>
    public FakeTimeProvider Clock { get; }

    public static JsonSerializerOptions Json => SaisonJson.Options;

    /// <summary>A client that calls as <paramref name="role"/>, scoped to <paramref name="scopes"/>.</summary>
    public HttpClient ClientAs(string role, params string[] scopes) => ClientAs(role, role.ToLowerInvariant() + (scopes.Length > 0 ? "-" + scopes[0] : string.Empty), scopes);

    /// <summary>A client with an explicit caller id (for example an agent's own id).</summary>
    public HttpClient ClientAs(string role, string id, IReadOnlyList<string> scopes)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(role, id, scopes));
        return client;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => CreateClient();

    public string TokenFor(string role, string id, IReadOnlyList<string> scopes)
    {
        var options = Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (string.IsNullOrEmpty(options.DevelopmentSigningKey))
        {
            throw new InvalidOperationException("No development signing key is configured for this test app.");
        }

        return DevelopmentTokens.Mint(options, role, scopes, id, $"{role} {id}", TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_host.IsValueCreated)
            {
                _host.Value.Dispose();
            }

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

internal sealed record SaisonAppOptions(bool LoadSampleSeason = true, IDictionary<string, string?>? Settings = null, DateTimeOffset? Now = null);

/// <summary>Reading answers in tests.</summary>
public static class HttpAssertions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var value = await response.Content.ReadFromJsonAsync<T>(SaisonApp.Json);
        return value ?? throw new InvalidOperationException("The response body is empty.");
    }

    /// <summary>Asserts a problem+json refusal with <paramref name="status"/> and returns its JSON.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }
}
