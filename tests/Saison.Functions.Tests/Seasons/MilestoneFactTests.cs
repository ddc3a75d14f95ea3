using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Logistics;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Seasons;

/// <summary>Milestones that follow facts, through HTTP: the action done in Saison marks its milestone done, with the date and who.</summary>
public sealed class MilestoneFactTests : IClassFixture<SaisonApp>
{
    private const string Organisation = "asso-front-de-mer";
    private readonly LogisticsApi _api;

    public MilestoneFactTests(SaisonApp app) => _api = new LogisticsApi(app);

    private async Task<JsonElement> MilestoneAsync(string eventId, string key)
    {
        var plan = await _api.Organiser(Organisation).GetJsonAsync($"{Base}/plan/events/{eventId}");
        return plan.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("id").GetString() == $"{eventId}.{key}");
    }

    private static string? DoneOn(JsonElement milestone) =>
        milestone.TryGetProperty("doneOn", out var on) && on.ValueKind == JsonValueKind.String ? on.GetString() : null;

    [Fact]
    public async Task Submitting_then_answering_a_request_marks_its_two_milestones_done_that_day()
    {
        var item = await _api.ItemAsync(capacity: 40);
        var eventId = await _api.EventAsync(Organisation, "2027-08-21T14:00:00+02:00", "2027-08-21T20:00:00+02:00");
        Assert.Null(DoneOn(await MilestoneAsync(eventId, "demande-logistique")));
        Assert.Null(DoneOn(await MilestoneAsync(eventId, "reponse-logistique")));

        var request = await _api.SubmitAsync(Organisation, eventId, item, 10);
        var submitted = await MilestoneAsync(eventId, "demande-logistique");
        Assert.Equal("2027-03-01", DoneOn(submitted));
        Assert.Equal("done", submitted.GetProperty("state").GetString());
        Assert.Contains(Organisation, submitted.GetProperty("doneBy").GetString(), StringComparison.Ordinal);
        Assert.Null(DoneOn(await MilestoneAsync(eventId, "reponse-logistique")));

        // A decision on every line is the technical services' answer.
        await _api.ApproveAsync(request.GetProperty("id").GetString()!);
        var answered = await MilestoneAsync(eventId, "reponse-logistique");
        Assert.Equal("2027-03-01", DoneOn(answered));
        Assert.Contains("tech-regie", answered.GetProperty("doneBy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fast_tracked_request_is_submitted_and_answered_at_once_and_a_second_request_changes_nothing()
    {
        var eventId = await _api.EventAsync(Organisation, "2027-08-22T14:00:00+02:00", "2027-08-22T20:00:00+02:00");
        var request = await _api.SubmitAsync(Organisation, eventId, "chaises", 20);
        Assert.Equal("approved", Status(request));
        var first = await MilestoneAsync(eventId, "reponse-logistique");
        Assert.Equal("2027-03-01", DoneOn(first));

        // A second request finds its milestones done already: they keep their first date and author.
        var before = await MilestoneAsync(eventId, "demande-logistique");
        await _api.SubmitAsync(Organisation, eventId, "chaises", 10);
        Assert.Equal(before.ToString(), (await MilestoneAsync(eventId, "demande-logistique")).ToString());
    }

    [Fact]
    public async Task The_agenda_decision_is_the_project_cells_opinion_on_a_large_event()
    {
        var eventId = await _api.EventAsync(Organisation, "2027-08-28T14:00:00+02:00", "2027-08-28T20:00:00+02:00", size: "large");
        Assert.Null(DoneOn(await MilestoneAsync(eventId, "avis-cellule")));
        await _api.ValidateIntoAgendaAsync(eventId);
        var opinion = await MilestoneAsync(eventId, "avis-cellule");
        Assert.Equal("done", opinion.GetProperty("state").GetString());
        Assert.NotNull(DoneOn(opinion));
    }
}
