using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;

namespace Saison.Functions.Tests.Edge;

/// <summary>
/// One shape per record type: what a GET returns, a PUT (or PATCH) accepts back unchanged, answers 200
/// and stores the same — nothing erased, nothing defaulted. Only the record's own bookkeeping (revision,
/// time and author of the change) may move.
/// </summary>
public sealed class RoundTripTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    /// <summary>Fields a write itself changes: they are compared by nobody.</summary>
    private static readonly HashSet<string> Bookkeeping = ["revision", "lastModified", "updatedAt", "updatedBy"];

    [Theory]
    [InlineData("ProjectCell", "", "/api/seasons/2027/bounds", "PUT")]
    [InlineData("ProjectCell", "", "/api/seasons/2027/tonality", "PUT")]
    [InlineData("ProjectCell", "", "/api/seasons/2027/organisers/asso-triathlon", "PUT")]
    [InlineData("ProjectCell", "", "/api/seasons/2027/sites/base-sous-marine", "PUT")]
    [InlineData("ProjectCell", "", "/api/seasons/2027/plan/templates/grand", "PUT")]
    [InlineData("ProjectCell", "", "/api/seasons/2027/events/nature-parc-paysager", "PATCH")]
    [InlineData("Technician", "regie", "/api/seasons/2027/catalog/items/barnums", "PUT")]
    [InlineData("Technician", "regie", "/api/seasons/2027/catalog/policy", "PUT")]
    [InlineData("Technician", "regie", "/api/seasons/2027/crews/equipe-plateau", "PUT")]
    [InlineData("Manager", "regie-plateau", "/api/seasons/2027/leave/rules/regie-plateau", "PUT")]
    [InlineData("Admin", "", "/api/seasons/2027/staff/teams/regie-plateau", "PUT")]
    [InlineData("Admin", "", "/api/seasons/2027/staff/agents/agt-001", "PUT")]
    public async Task What_a_get_returns_a_write_accepts_back_unchanged(string role, string scope, string path, string method)
    {
        using var client = scope.Length == 0 ? app.ClientAs(role) : app.ClientAs(role, scope);
        var (before, etag) = await client.GetWithETagAsync(path);

        using var write = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), SeasonApi.Url(path))
        {
            Content = new StringContent(before.GetRawText(), System.Text.Encoding.UTF8, "application/json"),
            Headers = { { "If-Match", etag } },
        });
        var answer = await write.Content.ReadAsStringAsync();
        Assert.True(write.StatusCode == HttpStatusCode.OK, $"{method} {path} with its own GET body: {(int)write.StatusCode} {answer}");

        var after = await client.GetJsonAsync(path);
        Assert.Equal(Comparable(before), Comparable(after));
        Assert.Equal(Comparable(before), Comparable(JsonDocument.Parse(answer).RootElement));
    }

    [Fact]
    public async Task A_season_starts_from_the_previous_one_s_body()
    {
        using var cell = app.ClientAs("ProjectCell");
        var previous = JsonNode.Parse((await cell.GetJsonAsync("/api/seasons/2027")).GetRawText())!.AsObject();
        previous["year"] = 2031;
        previous["bounds"] = new JsonObject { ["first"] = "2031-06-01", ["last"] = "2031-09-21" };
        previous["peaks"] = new JsonArray(new JsonObject { ["first"] = "2031-07-05", ["last"] = "2031-08-31" });
        using var created = await cell.PostAsync(SeasonApi.Url("/api/seasons"), new StringContent(previous.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var season = await cell.GetJsonAsync("/api/seasons/2031");
        Assert.Equal("draft", season.GetProperty("status").GetString());
        Assert.Equal(previous["tonality"]!.ToJsonString(), JsonNode.Parse(season.GetProperty("tonality").GetRawText())!.ToJsonString());
    }

    [Theory]
    [InlineData("Technician", "regie", "/api/seasons/2027/catalog/items/barnums", "/api/seasons/2027/catalog/items", "barnums-bis")]
    [InlineData("Technician", "regie", "/api/seasons/2027/crews/equipe-plateau", "/api/seasons/2027/crews", "equipe-plateau-bis")]
    [InlineData("Admin", "", "/api/seasons/2027/staff/agents/agt-001", "/api/seasons/2027/staff/agents", "agt-001-bis")]
    [InlineData("Admin", "", "/api/seasons/2027/staff/teams/regie-plateau", "/api/seasons/2027/staff/teams", "regie-plateau-bis")]
    public async Task A_record_read_is_accepted_as_a_new_one_under_a_new_id(string role, string scope, string path, string collection, string newId)
    {
        using var client = scope.Length == 0 ? app.ClientAs(role) : app.ClientAs(role, scope);
        var record = JsonNode.Parse((await client.GetJsonAsync(path)).GetRawText())!.AsObject();
        record["id"] = newId;
        using var created = await client.PostAsync(SeasonApi.Url(collection), new StringContent(record.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var copy = await client.GetJsonAsync($"{collection}/{newId}");
        Assert.Equal(Comparable(JsonDocument.Parse(record.ToJsonString()).RootElement), Comparable(copy));
    }

    [Fact]
    public async Task A_logistics_request_read_back_is_filed_again_as_a_new_draft()
    {
        var logistics = new Logistics.LogisticsApi(app);
        var eventId = await logistics.EventAsync("asso-saint-marc", "2027-08-21T18:00:00+02:00", "2027-08-21T23:00:00+02:00");
        var submitted = await logistics.SubmitAsync("asso-saint-marc", eventId, "chaises", 12);
        using var organiser = app.ClientAs("Organiser", "asso-saint-marc");
        var read = await organiser.GetJsonAsync($"/api/seasons/2027/requests/{submitted.GetProperty("id").GetString()}");
        using var filed = await organiser.PostAsync(SeasonApi.Url("/api/seasons/2027/requests"), new StringContent(read.GetRawText(), System.Text.Encoding.UTF8, "application/json"));
        var body = await filed.Content.ReadAsStringAsync();
        Assert.True(filed.StatusCode == HttpStatusCode.Created, body);
        var copy = JsonDocument.Parse(body).RootElement;
        Assert.NotEqual(read.GetProperty("id").GetString(), copy.GetProperty("id").GetString());
        Assert.Equal(
            read.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("itemId").GetString(), l.GetProperty("quantity").GetInt32())),
            copy.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("itemId").GetString(), l.GetProperty("quantity").GetInt32())));
    }

    private static string Comparable(JsonElement body)
    {
        var node = JsonNode.Parse(body.GetRawText())!;
        Strip(node);
        return node.ToJsonString();
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject record:
                foreach (var key in record.Select(p => p.Key).Where(Bookkeeping.Contains).ToList())
                {
                    record.Remove(key);
                }

                foreach (var (_, value) in record)
                {
                    Strip(value);
                }

                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    Strip(item);
                }

                break;
        }
    }
}
