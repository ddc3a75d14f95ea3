using System.Net.Http.Json;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Storage.Tests.Azurite;

namespace Saison.Functions.Tests.Storage;

/// <summary>
/// The whole app on the Azure Table service backend: Azurite (from the project's npm dependency)
/// and <c>Storage:ConnectionString</c> as a user writes it; the sample season loads and the API answers.
/// </summary>
public sealed class AzuriteHostingTests
{
    [Fact]
    public async Task The_app_runs_on_Azurite_with_the_sample_season()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var app = SaisonApp.Create(loadSampleSeason: true, settings: new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
        });

        var health = await app.Anonymous().GetFromJsonAsync<JsonElement>(new Uri("/api/health", UriKind.Relative));
        var audit = await app.ClientAs("Admin").GetAsync(new Uri("/api/audit", UriKind.Relative));

        Assert.Equal("azure-table", health.GetProperty("store").GetString());
        audit.EnsureSuccessStatusCode();

        // The pages, whose reads wait on the Table service (on SQLite they return at once): each renders whole.
        foreach (var (role, scope, page) in new[]
        {
            ("Technician", "regie", "/accueil"),
            ("Technician", "regie", "/saisons/2027/services-techniques"),
            ("Organiser", "asso-triathlon", "/accueil"),
            ("Organiser", "asso-triathlon", "/saisons/2027/organisateur"),
            ("ProjectCell", "cellule", "/saisons/2027/cellule-projet"),
            ("Manager", "regie-plateau", "/saisons/2027/encadrement"),
            ("Copil", "copil", "/saisons/2027/copil"),
            ("Copil", "copil", "/saisons/2027/copil/finances"),
            ("Agent", "agt-001", "/saisons/2027/agent"),
            ("ProjectCell", "cellule", "/saisons/2027/personnel"),
            ("ProjectCell", "cellule", "/saisons/2027/finances"),
            ("ProjectCell", "cellule", "/saisons/2027/saison-suivante"),
            ("ProjectCell", "cellule", "/saisons/2027/cellule-projet/evenements/triathlon-front-de-mer"),
            ("ProjectCell", "cellule", "/saisons/comparer"),
            ("Organiser", "asso-triathlon", "/saisons/2027/organisateur/demandes/nouvelle"),
            ("Organiser", "asso-triathlon", "/saisons/2027/organisateur/evenements/nouveau"),
        })
        {
            using var response = await app.ClientAs(role, scope).GetAsync(new Uri(page, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{role} {page}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
