using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;

namespace Saison.Functions.Tests.Finance;

/// <summary>The money records through the API: cost lines, sponsors, settings — successes, refusals, and two users racing on one record.</summary>
public sealed class FinanceApiTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    private const string Base = "/api/seasons/2027/finance";

    [Fact]
    public async Task A_cost_line_is_created_read_replaced_as_returned_and_deleted_with_its_ETag()
    {
        using var cell = app.ClientAs("ProjectCell");
        var created = await cell.SendJsonAsync(HttpMethod.Post, Base + "/costs", new { id = "test-affiches", label = "Affiches de l'été", category = "communication", budgetLine = "6236", amount = 1234.56m, eventId = "jeudis-du-port", date = "2027-06-10" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/seasons/2027/finance/costs/test-affiches", created.Headers.Location?.ToString());
        Assert.NotNull(created.Headers.ETag);

        var (line, etag) = await cell.GetWithETagAsync(Base + "/costs/test-affiches");
        Assert.Equal(1234.56m, line.GetProperty("amount").GetDecimal());
        Assert.Equal("communication", line.GetProperty("category").GetString());

        // GET → PUT as returned.
        var replaced = await cell.SendJsonAsync(HttpMethod.Put, Base + "/costs/test-affiches", line, etag);
        var after = await replaced.OkJsonAsync();
        Assert.Equal(line.ToString(), after.ToString());
        var newTag = SeasonApi.ETagOf(replaced);
        Assert.NotEqual(etag, newTag);

        await (await cell.SendJsonAsync(HttpMethod.Put, Base + "/costs/test-affiches", line)).AssertProblemAsync(428);
        await (await cell.SendJsonAsync(HttpMethod.Put, Base + "/costs/test-affiches", line, etag)).AssertProblemAsync(412);
        await (await cell.SendJsonAsync(HttpMethod.Delete, Base + "/costs/test-affiches", null)).AssertProblemAsync(428);
        Assert.Equal(HttpStatusCode.OK, (await cell.SendJsonAsync(HttpMethod.Delete, Base + "/costs/test-affiches", null, newTag)).StatusCode);
        await (await cell.GetAsync(SeasonApi.Url(Base + "/costs/test-affiches"))).AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_cost_line_is_refused_in_French_with_each_faulty_field()
    {
        using var cell = app.ClientAs("ProjectCell");
        var problem = await (await cell.SendJsonAsync(HttpMethod.Post, Base + "/costs", new { amount = -5m, eventId = "inconnu", serviceId = "inconnu" })).AssertProblemAsync(400);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "label", "category", "budgetLine", "amount", "eventId", "serviceId" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error on {field}: {problem}");
        }

        Assert.Contains("ligne budgétaire", errors.GetProperty("budgetLine")[0].GetString(), StringComparison.Ordinal);
        await (await cell.SendJsonAsync(HttpMethod.Post, Base + "/costs", new { label = "x", category = "ailleurs", budgetLine = "1", amount = 1m })).AssertProblemAsync(400);
        await (await cell.SendJsonAsync(HttpMethod.Post, Base + "/costs", new { label = "x", category = "other", budgetLine = "1", amount = 1m, unknownField = 1 })).AssertProblemAsync(400);
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2031/finance/costs", new { label = "x", category = "other", budgetLine = "1", amount = 1m })).AssertProblemAsync(404);

        var first = await cell.SendJsonAsync(HttpMethod.Post, Base + "/costs", new { id = "test-doublon", label = "x", category = "other", budgetLine = "1", amount = 1m });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await (await cell.SendJsonAsync(HttpMethod.Post, Base + "/costs", new { id = "test-doublon", label = "x", category = "other", budgetLine = "1", amount = 1m })).AssertProblemAsync(409);
        await (await cell.SendJsonAsync(HttpMethod.Put, Base + "/costs/absente", new { label = "x", category = "other", budgetLine = "1", amount = 1m }, "\"x\"")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Only_the_project_cell_enters_costs_and_the_COPIL_reads_them_page_by_page()
    {
        var body = new { label = "x", category = "other", budgetLine = "1", amount = 1m };
        using var copil = app.ClientAs("Copil");
        await (await copil.SendJsonAsync(HttpMethod.Post, Base + "/costs", body)).AssertProblemAsync(403);
        using var organiser = app.ClientAs("Organiser", "asso-triathlon");
        await (await organiser.SendJsonAsync(HttpMethod.Post, Base + "/costs", body)).AssertProblemAsync(403);
        await (await organiser.GetAsync(SeasonApi.Url(Base + "/costs"))).AssertProblemAsync(403);
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(SeasonApi.Url(Base + "/costs"))).StatusCode);

        var page = await copil.GetAsync(SeasonApi.Url(Base + "/costs?pageSize=2"));
        var lines = await page.OkJsonAsync();
        Assert.Equal(2, lines.GetArrayLength());
        var next = page.Headers.GetValues("X-Continuation").Single();
        var rest = await copil.GetJsonAsync(Base + "/costs?pageSize=1000&continuation=" + Uri.EscapeDataString(next));
        Assert.DoesNotContain(rest.EnumerateArray(), l => lines.EnumerateArray().Any(f => f.GetProperty("id").GetString() == l.GetProperty("id").GetString()));
        await (await copil.GetAsync(SeasonApi.Url(Base + "/costs?pageSize=0"))).AssertProblemAsync(400);
    }

    [Fact]
    public async Task An_organiser_declares_the_sponsors_of_their_own_events_only_and_sees_only_theirs()
    {
        using var triathlon = app.ClientAs("Organiser", "asso-triathlon");
        var created = await triathlon.SendJsonAsync(HttpMethod.Post, Base + "/sponsorships", new { eventId = "triathlon-front-de-mer", sponsor = "Magasin de sport (test)", kind = "sponsorship", status = "promised", amount = 1500m });
        var sponsorship = await created.OkJsonAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = sponsorship.GetProperty("id").GetString()!;

        var refused = await (await triathlon.SendJsonAsync(HttpMethod.Post, Base + "/sponsorships", new { eventId = "feu-fete-nationale", sponsor = "x", kind = "patronage", status = "sought" })).AssertProblemAsync(403);
        Assert.Contains("votre organisation", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var mine = await triathlon.GetJsonAsync(Base + "/sponsorships");
        Assert.All(mine.EnumerateArray(), s => Assert.Equal("triathlon-front-de-mer", s.GetProperty("eventId").GetString()));
        Assert.Contains(mine.EnumerateArray(), s => s.GetProperty("id").GetString() == id);

        // Another organisation's sponsor does not exist for them.
        using var saintMarc = app.ClientAs("Organiser", "asso-saint-marc");
        await (await saintMarc.GetAsync(SeasonApi.Url(Base + "/sponsorships/" + id))).AssertProblemAsync(404);
        Assert.DoesNotContain((await saintMarc.GetJsonAsync(Base + "/sponsorships")).EnumerateArray(), s => s.GetProperty("id").GetString() == id);

        // Signed: GET → PUT as returned with the new status.
        var (read, etag) = await triathlon.GetWithETagAsync(Base + "/sponsorships/" + id);
        var signed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(read.GetRawText())!;
        signed["status"] = JsonSerializer.SerializeToElement("signed");
        Assert.Equal("signed", (await (await triathlon.SendJsonAsync(HttpMethod.Put, Base + "/sponsorships/" + id, signed, etag)).OkJsonAsync()).GetProperty("status").GetString());

        using var cell = app.ClientAs("ProjectCell");
        var all = await cell.GetJsonAsync(Base + "/sponsorships");
        Assert.Contains(all.EnumerateArray(), s => s.GetProperty("eventId").GetString() != "triathlon-front-de-mer");
        Assert.All((await cell.GetJsonAsync(Base + "/sponsorships?eventId=feu-fete-nationale")).EnumerateArray(), s => Assert.Equal("feu-fete-nationale", s.GetProperty("eventId").GetString()));
        using var copil = app.ClientAs("Copil");
        await (await copil.SendJsonAsync(HttpMethod.Post, Base + "/sponsorships", new { eventId = "feu-fete-nationale", sponsor = "x", kind = "patronage", status = "sought" })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task A_sponsor_is_refused_in_French_when_it_says_too_little()
    {
        using var cell = app.ClientAs("ProjectCell");
        var problem = await (await cell.SendJsonAsync(HttpMethod.Post, Base + "/sponsorships", new { eventId = "jeudis-du-port", sponsor = "Brasseur", kind = "sponsorship", status = "signed", inKindValue = 0m })).AssertProblemAsync(400);
        Assert.Contains("apporte un montant", problem.GetProperty("errors").GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        var noDescription = await (await cell.SendJsonAsync(HttpMethod.Post, Base + "/sponsorships", new { eventId = "jeudis-du-port", sponsor = "Brasseur", kind = "sponsorship", status = "signed", inKindValue = 300m })).AssertProblemAsync(400);
        Assert.True(noDescription.GetProperty("errors").TryGetProperty("inKindDescription", out _));
        await (await cell.SendJsonAsync(HttpMethod.Post, Base + "/sponsorships", new { sponsor = "Brasseur", kind = "sponsorship", status = "sought" })).AssertProblemAsync(400);
    }

    [Fact]
    public async Task Two_users_racing_on_one_sponsor_one_wins_the_other_is_told_to_read_again()
    {
        using var cell = app.ClientAs("ProjectCell");
        using var organiser = app.ClientAs("Organiser", "asso-saint-marc");
        var id = (await (await cell.SendJsonAsync(HttpMethod.Post, Base + "/sponsorships", new { eventId = "fete-plage-saint-marc", sponsor = "Glacier (test)", kind = "sponsorship", status = "promised", amount = 800m })).OkJsonAsync()).GetProperty("id").GetString()!;
        var (read, etag) = await cell.GetWithETagAsync(Base + "/sponsorships/" + id);
        var byCell = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(read.GetRawText())!;
        byCell["status"] = JsonSerializer.SerializeToElement("received");
        var byOrganiser = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(read.GetRawText())!;
        byOrganiser["amount"] = JsonSerializer.SerializeToElement(900m);

        var answers = await Task.WhenAll(
            cell.SendJsonAsync(HttpMethod.Put, Base + "/sponsorships/" + id, byCell, etag),
            organiser.SendJsonAsync(HttpMethod.Put, Base + "/sponsorships/" + id, byOrganiser, etag));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.PreconditionFailed);
        var problem = await loser.AssertProblemAsync(412);
        Assert.Contains("relisez", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var final = await cell.GetJsonAsync(Base + "/sponsorships/" + id);
        Assert.True(final.GetProperty("status").GetString() == "received" ^ final.GetProperty("amount").GetDecimal() == 900m);
    }

    [Fact]
    public async Task The_settings_round_trip_with_If_Match_and_refuse_a_second_creation_or_a_bad_grid()
    {
        using var cell = app.ClientAs("ProjectCell");
        var (settings, etag) = await cell.GetWithETagAsync(Base + "/settings");
        Assert.True(settings.GetProperty("tourismTax").GetArrayLength() > 0);
        var replaced = await cell.SendJsonAsync(HttpMethod.Put, Base + "/settings", settings, etag);
        Assert.Equal(settings.ToString(), (await replaced.OkJsonAsync()).ToString());
        await (await cell.SendJsonAsync(HttpMethod.Put, Base + "/settings", settings)).AssertProblemAsync(428);
        await (await cell.SendJsonAsync(HttpMethod.Put, Base + "/settings", settings, etag)).AssertProblemAsync(412);

        var bad = new { defaultHourlyRate = 30m, overtimePremiumPercent = 500m, tourismTax = new[] { new { id = "a", name = "A", tariffPerNight = 1m, nights = 10 }, new { id = "a", name = "B", tariffPerNight = 1m, nights = 10 } } };
        var problem = await (await cell.SendJsonAsync(HttpMethod.Put, Base + "/settings", bad, SeasonApi.ETagOf(replaced))).AssertProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("overtimePremiumPercent", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("tourismTax", out _));

        using var copil = app.ClientAs("Copil");
        Assert.Equal(HttpStatusCode.OK, (await copil.GetAsync(SeasonApi.Url(Base + "/settings"))).StatusCode);
        await (await copil.SendJsonAsync(HttpMethod.Put, Base + "/settings", settings, etag)).AssertProblemAsync(403);
        using var agent = app.ClientAs("Agent", "agt-001");
        await (await agent.GetAsync(SeasonApi.Url(Base + "/settings"))).AssertProblemAsync(403);
    }
}
