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
    [InlineData("/api/seasons/2027/bounds", """{"first":"2027-06-01","last":"2027-09-19","peaks":[null]}""", "peaks[0]")]
    [InlineData("/api/seasons/2027/tonality", """{"themes":[{"id":"industriel","name":"Tourisme industriel","targetShare":25},null],"priorities":[]}""", "themes[1]")]
    [InlineData("/api/seasons/2027/tonality", """{"themes":[],"priorities":["Les plages",null]}""", "priorities[1]")]
    [InlineData("/api/seasons/2027/plan/templates/modele-test", """{"name":"Modèle","kinds":[],"sizes":[],"milestones":[null]}""", "milestones[0]")]
    public async Task A_null_item_in_a_list_is_refused_on_its_field(string path, string json, string field)
    {
        using var client = app.ClientAs("ProjectCell");
        using var before = await client.GetAsync(new Uri("/api/seasons/2027", UriKind.Relative));
        var problem = await (await client.SendAsync(Put(path, json))).AssertProblemAsync(400);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains("vide (null)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var after = await client.GetAsync(new Uri("/api/seasons/2027", UriKind.Relative));
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task A_crew_with_a_null_member_is_refused()
    {
        using var client = app.ClientAs("Technician", "regie");
        var problem = await (await client.SendAsync(Post("/api/seasons/2027/crews", """{"id":"equipe-nulle","name":"Équipe","serviceId":"regie","members":[null]}"""))).AssertProblemAsync(400);
        Assert.Equal("members[0]", problem.GetProperty("field").GetString());
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

    [Theory]
    [InlineData("/api/seasons/2027/crews/schedule", "Technician", "regie", """{"x":1}""", "application/json")]
    [InlineData("/api/seasons/2027/crews/schedule", "Technician", "regie", "{", "application/json")]
    [InlineData("/api/seasons/2027/crews/schedule", "Technician", "regie", "pas du JSON", "text/plain")]
    [InlineData("/api/seasons/2027/crews/schedule/publish", "Technician", "regie", "[]", "application/json")]
    public async Task An_action_that_takes_no_body_refuses_one(string path, string role, string scope, string body, string contentType)
    {
        using var client = app.ClientAs(role, scope);
        using var before = await client.GetAsync(new Uri("/api/seasons/2027/crews/schedule", UriKind.Relative));
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        var problem = await (await client.PostAsync(new Uri(path, UriKind.Relative), content)).AssertProblemAsync(400);
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.Contains("ne prend pas de corps", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var after = await client.GetAsync(new Uri("/api/seasons/2027/crews/schedule", UriKind.Relative));
        Assert.Equal(before.StatusCode, after.StatusCode);
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("  { }  ")]
    public async Task An_action_that_takes_no_body_accepts_nothing_or_an_empty_object(string body)
    {
        using var client = app.ClientAs("Technician", "regie");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/seasons/2027/crews/schedule", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("pas du JSON")]
    [InlineData("{\"name\":\"R\u00e9f\u00e9rence\",\"x\":1}")]
    public async Task A_baseline_refuses_a_broken_body(string body)
    {
        using var client = app.ClientAs("ProjectCell");
        var before = (await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/seasons/2027/plan/baselines", UriKind.Relative))).GetArrayLength();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await (await client.PostAsync(new Uri("/api/seasons/2027/plan/baselines", UriKind.Relative), content)).AssertProblemAsync(400);
        using var invalidUtf8 = new ByteArrayContent([0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]);
        invalidUtf8.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await (await client.PostAsync(new Uri("/api/seasons/2027/plan/baselines", UriKind.Relative), invalidUtf8)).AssertProblemAsync(400);
        using var text = new StringContent("{\"name\":\"X\"}", Encoding.UTF8, "text/plain");
        await (await client.PostAsync(new Uri("/api/seasons/2027/plan/baselines", UriKind.Relative), text)).AssertProblemAsync(415);
        Assert.Equal(before, (await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/seasons/2027/plan/baselines", UriKind.Relative))).GetArrayLength());
    }

    [Theory]
    [InlineData("""{"title":"Concert","colour":"bleu"}""", "colour")]
    [InlineData("""{"title":"Concert","recurrence":{"days":["monday"],"everyOther":true}}""", "recurrence.everyOther")]
    public async Task An_unknown_field_is_refused_by_its_name(string json, string field)
    {
        using var client = app.ClientAs("ProjectCell");
        var problem = await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, new Uri("/api/seasons/2027/events/nature-parc-paysager", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
            Headers = { { "If-Match", "*" } },
        })).AssertProblemAsync(400);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains("n'existe pas", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patch_with_only_an_unknown_field_changes_nothing()
    {
        using var client = app.ClientAs("ProjectCell");
        using var before = await client.GetAsync(new Uri("/api/seasons/2027/events/nature-parc-paysager", UriKind.Relative));
        var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri("/api/seasons/2027/events/nature-parc-paysager", UriKind.Relative)) { Content = new StringContent("""{"titre":"Autre"}""", Encoding.UTF8, "application/json") };
        patch.Headers.TryAddWithoutValidation("If-Match", before.Headers.ETag!.ToString());
        var problem = await (await client.SendAsync(patch)).AssertProblemAsync(400);
        Assert.Equal("titre", problem.GetProperty("field").GetString());
        using var after = await client.GetAsync(new Uri("/api/seasons/2027/events/nature-parc-paysager", UriKind.Relative));
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    [Theory]
    [InlineData("description", 4_001)]
    [InlineData("kind", 81)]
    [InlineData("title", 201)]
    public async Task Texts_are_bounded_with_a_limit_a_person_understands(string field, int length)
    {
        using var client = app.ClientAs("Organiser", "asso-triathlon");
        var body = new Dictionary<string, object> { ["title"] = "Concert", ["organiserId"] = "asso-triathlon", ["kind"] = "concert", ["siteId"] = "base-sous-marine", ["start"] = "2027-07-10T20:00:00+02:00", ["end"] = "2027-07-10T22:00:00+02:00", ["expectedAttendance"] = 100, ["size"] = "small" };
        body[field] = new string('a', length);
        var problem = await (await client.PostAsJsonAsync(new Uri("/api/seasons/2027/events", UriKind.Relative), body)).AssertProblemAsync(400);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains("au plus", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"expectedAttendance":2000000000}""", "expectedAttendance")]
    [InlineData("""{"expectedAttendance":-5}""", "expectedAttendance")]
    [InlineData("""{"expectedAttendance":"100"}""", "expectedAttendance")]
    [InlineData("""{"size":42}""", "size")]
    [InlineData("""{"size":"huge"}""", "size")]
    public async Task Numbers_and_names_out_of_their_range_are_refused(string json, string field)
    {
        using var client = app.ClientAs("ProjectCell");
        var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri("/api/seasons/2027/events/nature-parc-paysager", UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        patch.Headers.TryAddWithoutValidation("If-Match", "*");
        var problem = await (await client.SendAsync(patch)).AssertProblemAsync(400);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_list_longer_than_a_person_would_write_is_refused()
    {
        using var client = app.ClientAs("ProjectCell");
        var priorities = string.Join(",", Enumerable.Range(0, 1_001).Select(i => $"\"Priorité {i}\""));
        var problem = await (await client.SendAsync(Put("/api/seasons/2027/tonality", $$"""{"themes":[],"priorities":[{{priorities}}]}"""))).AssertProblemAsync(400);
        Assert.Equal("priorities", problem.GetProperty("field").GetString());
        Assert.Contains("1 000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_too_large_for_the_store_is_refused_in_french_without_the_store_s_words()
    {
        using var client = app.ClientAs("ProjectCell");
        var milestones = Enumerable.Range(0, 400).Select(i => new
        {
            key = $"jalon-{i}",
            title = new string('t', 200),
            offset = -i,
            anchor = "start",
            owner = "organiser",
            predecessors = Array.Empty<object>(),
            deliverable = new string('d', 2_000),
        });
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri("/api/seasons/2027/plan/templates/modele-geant", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = "Modèle géant", kinds = Array.Empty<string>(), sizes = Array.Empty<string>(), milestones }),
        });
        var problem = await response.AssertProblemAsync(400);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("entity", detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("bytes", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("trop volumineux", detail, StringComparison.Ordinal);
        await (await client.GetAsync(new Uri("/api/seasons/2027/plan/templates/modele-geant", UriKind.Relative))).AssertProblemAsync(404);
    }
}
