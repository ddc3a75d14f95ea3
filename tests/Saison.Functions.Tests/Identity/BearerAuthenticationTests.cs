using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Saison.Functions.Identity;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Identity;

public sealed class BearerAuthenticationTests
{
    private const string DevelopmentKey = "ZGV2ZWxvcG1lbnQtb25seS1zaWduaW5nLWtleS1mb3Itc2Fpc29uLW5ldmVyLXRydXN0ZWQtaW4tcHJvZHVjdGlvbg==";

    private static string Mint(string role, DateTimeOffset? now = null, string key = DevelopmentKey) =>
        DevelopmentTokens.Mint(new AuthOptions { DevelopmentSigningKey = key }, role, [], "admin-1", "Admin", TimeSpan.FromHours(1), now ?? DateTimeOffset.UtcNow);

    private static async Task<HttpResponseMessage> GetAuditAsync(SaisonApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(new Uri("/api/audit", UriKind.Relative));
    }

    [Fact]
    public async Task Development_key_is_trusted_in_development()
    {
        using var app = SaisonApp.Create(loadSampleSeason: false);
        var response = await GetAuditAsync(app, Mint("Admin"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Development_key_is_refused_outside_development_even_when_configured(string environment)
    {
        using var app = SaisonApp.Create(
            loadSampleSeason: false,
            settings: new Dictionary<string, string?> { ["Auth:DevelopmentSigningKey"] = DevelopmentKey },
            environment: environment);
        var response = await GetAuditAsync(app, Mint("Admin"));
        await response.AssertProblemAsync(401);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        using var app = SaisonApp.Create(loadSampleSeason: false);
        var other = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("an-attacker-key-of-sufficient-length-for-hmac-sha256!!"));
        var response = await GetAuditAsync(app, Mint("Admin", key: other));
        var problem = await response.AssertProblemAsync(401);
        Assert.Contains("jeton", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        using var app = SaisonApp.Create(loadSampleSeason: false);
        var response = await GetAuditAsync(app, Mint("Admin", now: DateTimeOffset.UtcNow.AddHours(-3)));
        await response.AssertProblemAsync(401);
    }

    [Fact]
    public async Task A_garbage_bearer_is_refused_without_a_stack_trace()
    {
        using var app = SaisonApp.Create(loadSampleSeason: false);
        var response = await GetAuditAsync(app, "not-a-jwt");
        await response.AssertProblemAsync(401);
    }

    [Fact]
    public void Token_command_prints_a_token_for_a_role_and_scope()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:DevelopmentSigningKey"] = DevelopmentKey })
            .Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = TokenCommand.Run(["--role", "Organiser", "--scope", "asso-voile"], configuration, output, error);
        Assert.Equal(0, exit);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(output.ToString().Trim());
        Assert.Equal("Organiser", token.GetClaim("roles").Value);
        Assert.Equal("asso-voile", token.GetClaim("saison_scope").Value);
    }

    [Theory]
    [InlineData(new[] { "--role", "Pirate" }, "Rôle")]
    [InlineData(new[] { "--bogus" }, "Option inconnue")]
    public void Token_command_refuses_bad_arguments_in_french(string[] args, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:DevelopmentSigningKey"] = DevelopmentKey })
            .Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(2, TokenCommand.Run(args, configuration, output, error));
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }
}
