using System.Net.Http.Json;
using System.Text;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Edge;

/// <summary>
/// Bodies of the right JSON but the wrong shape: a <c>null</c> item in a list, a number where an enum
/// name is expected. Each is a French 400 naming the field, never a 500, and nothing is written.
/// </summary>
public sealed class BadShapeTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    private static HttpRequestMessage Put(string path, string json, string? ifMatch = "*")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Theory]
    [InlineData("/api/seasons/2027/bounds", """{"first":"2027-06-01","last":"2027-09-19","peaks":[null]}""", "peaks")]
    [InlineData("/api/seasons/2027/tonality", """{"themes":[{"id":"industriel","name":"Tourisme industriel","targetShare":25},null],"priorities":[]}""", "themes")]
    [InlineData("/api/seasons/2027/tonality", """{"themes":[],"priorities":["Les plages",null]}""", "priorities")]
    [InlineData("/api/seasons/2027/plan/templates/modele-test", """{"name":"Modèle","kinds":[],"sizes":[],"milestones":[null]}""", "milestones")]
    public async Task A_null_item_in_a_list_is_refused_on_its_field(string path, string json, string field)
    {
        using var client = app.ClientAs("ProjectCell");
        using var before = await client.GetAsync(new Uri("/api/seasons/2027", UriKind.Relative));
        var problem = await (await client.SendAsync(Put(path, json))).AssertProblemAsync(400);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var after = await client.GetAsync(new Uri("/api/seasons/2027", UriKind.Relative));
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task A_crew_with_a_null_member_is_refused()
    {
        using var client = app.ClientAs("Technician", "regie");
        var problem = await (await client.SendAsync(Post("/api/seasons/2027/crews", """{"id":"equipe-nulle","name":"Équipe","serviceId":"regie","members":[null]}"""))).AssertProblemAsync(400);
        Assert.Equal("members", problem.GetProperty("field").GetString());
        await (await client.GetAsync(new Uri("/api/seasons/2027/crews/equipe-nulle", UriKind.Relative))).AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_number_where_an_enum_name_is_expected_is_refused_not_a_500()
    {
        using var client = app.ClientAs("Agent", "agt-001", ["agt-001"]);
        var problem = await (await client.SendAsync(Post("/api/seasons/2027/leave", """{"kind":3,"first":"2027-09-06","last":"2027-09-06"}"""))).AssertProblemAsync(400);
        Assert.Equal("kind", problem.GetProperty("field").GetString());
        var mine = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/seasons/2027/leave", UriKind.Relative));
        Assert.DoesNotContain(mine.EnumerateArray(), r => r.GetProperty("period").GetProperty("first").GetString() == "2027-09-06");
    }
}
