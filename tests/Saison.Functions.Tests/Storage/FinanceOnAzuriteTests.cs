using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;
using Saison.Storage.Tests.Azurite;

namespace Saison.Functions.Tests.Storage;

/// <summary>The money records on the Azure Table service (Azurite): the sample's money loads, a cost line and a sponsor round-trip, two writers race.</summary>
public sealed class FinanceOnAzuriteTests
{
    [Fact]
    public async Task Money_records_and_the_money_view_hold_on_the_Table_service()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var app = SaisonApp.Create(settings: new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString });
        using var cell = app.ClientAs("ProjectCell");
        const string Base = "/api/seasons/2027/finance";

        var created = await cell.SendJsonAsync(HttpMethod.Post, Base + "/costs", new { id = "azurite-scene", label = "Scène mobile", category = "technicalServices", budgetLine = "611", amount = 7300m, eventId = "jeudis-du-port", serviceId = "regie", date = "2027-07-08" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (line, etag) = await cell.GetWithETagAsync(Base + "/costs/azurite-scene");
        var raise = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line.GetRawText())!;
        raise["amount"] = JsonSerializer.SerializeToElement(7500m);
        var cut = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line.GetRawText())!;
        cut["amount"] = JsonSerializer.SerializeToElement(7000m);
        var answers = await Task.WhenAll(
            cell.SendJsonAsync(HttpMethod.Put, Base + "/costs/azurite-scene", raise, etag),
            cell.SendJsonAsync(HttpMethod.Put, Base + "/costs/azurite-scene", cut, etag));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.PreconditionFailed);

        using var organiser = app.ClientAs("Organiser", "snat");
        var sponsor = await (await organiser.SendJsonAsync(HttpMethod.Post, Base + "/sponsorships", new { eventId = "jeudis-du-port", sponsor = "Caviste (test)", kind = "sponsorship", status = "signed", amount = 1200m })).OkJsonAsync();
        Assert.Equal("signed", sponsor.GetProperty("status").GetString());

        using var copil = app.ClientAs("Copil");
        var money = await copil.GetJsonAsync("/api/seasons/2027/copil/money");
        var jeudis = money.GetProperty("accounts").GetProperty("events").EnumerateArray().Single(e => e.GetProperty("eventId").GetString() == "jeudis-du-port");
        var final = (await cell.GetJsonAsync(Base + "/costs/azurite-scene")).GetProperty("amount").GetDecimal();
        Assert.Equal(68_000m + final, jeudis.GetProperty("entered").GetDecimal());
        Assert.Equal(8000m + 2500m + 1200m, jeudis.GetProperty("privateSecured").GetDecimal());
        Assert.True(money.GetProperty("settingsEntered").GetBoolean());
    }
}
