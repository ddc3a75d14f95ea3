using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Logistics;
using Saison.Domain.Crews;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;
using static Saison.Application.Tests.Logistics.LogisticsWorld;

namespace Saison.Application.Tests.Logistics;

public sealed class EventLogisticsTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static readonly CatalogItem Barriers = new("barrieres", "Barrières", CatalogItemKind.Equipment, "pièce", 2m, "logistique-evenementielle", 100, "depot",
        TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(12), new CrewWork("manutention", 60, 0, 60, 0, false, 1000));

    private static readonly Dictionary<string, CatalogItem> Items = new(StringComparer.Ordinal) { [Barriers.Id] = Barriers };

    private static EventSummary Event(DateTimeOffset start, DateTimeOffset end) =>
        new("e1", 2027, "Fête du port", "asso-a", OrganiserKind.Association, "site-1", "Front de mer", start, end, false, false, "small", "validated", [], [], 1, At(1, 1));

    private static StoredRequest Request(EventSummary ev, RequestLine line) =>
        new("req-1", 2027, ev.Id, ev.Title, ev.OrganiserId, ev.OrganiserKind, ev.SizeClass, RequestStatus.UnderReview, [line], At(6, 1), "org", At(6, 1), false, null, false, [], [], ev.Start, ev.End);

    [Fact]
    public void A_line_kept_at_its_dates_by_one_move_follows_the_next_move_from_the_event_its_dates_were_made_for()
    {
        using var world = new LogisticsWorld();
        var logistics = new EventLogistics(world.Logistics, world.Seasons, world.Audit, world.Clock, Saison.Testing.SampleDestinations.Default);

        // 17 July 10:00–22:00, the barriers delivered at noon and picked up at 23:00.
        var planned = Event(At(7, 17, 10), At(7, 17, 22));
        var request = Request(planned, new RequestLine("l1", Barriers.Id, 40, At(7, 17, 12), At(7, 17, 23)));

        // Cut to 10:00–11:00: shifted by as much, the pickup would come at noon with the delivery; the line keeps its dates, flagged.
        var shortened = Event(At(7, 17, 10), At(7, 17, 11));
        var flagged = logistics.Move(request, planned, shortened, Zone, Items, CatalogPolicy.Empty, Caller.System, At(6, 2));
        Assert.Equal("event-changed-unservable", Assert.Single(flagged.Lines[0].Flags!).Code);
        Assert.Equal((At(7, 17, 12), At(7, 17, 23)), (flagged.Lines[0].Delivery, flagged.Lines[0].Pickup));

        // Then moved to 18 July 10:00–22:00: one day after the event the dates were made for, so one day later, and served again.
        var moved = Event(At(7, 18, 10), At(7, 18, 22));
        var followed = logistics.Move(flagged, shortened, moved, Zone, Items, CatalogPolicy.Empty, Caller.System, At(6, 3));
        Assert.Null(followed.Lines[0].Flags);
        Assert.Equal((At(7, 18, 12), At(7, 18, 23)), (followed.Lines[0].Delivery, followed.Lines[0].Pickup));
        Assert.Null(followed.Lines[0].PlannedEventStart);
        Assert.Equal((moved.Start, moved.End), (followed.EventStart, followed.EventEnd));
    }
}
