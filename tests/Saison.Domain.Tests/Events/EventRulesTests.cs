using Saison.Domain.Tests.Destinations;
using Saison.Domain.Calendar;
using Saison.Domain.Events;
using Saison.Domain.Seasons;

namespace Saison.Domain.Tests.Events;

public sealed class EventRulesTests
{
    private static readonly Season Season = new(2027, "Saint-Nazaire", "Europe/Paris", new DateRange(new(2027, 6, 1), new(2027, 9, 19)), [], SampleRules.Themes, SeasonStatus.OrientationsSet, []);
    private static readonly EventContext Context = new(Season, new HashSet<string> { "front-de-mer" }, new HashSet<string> { "snat" });

    private static SeasonEvent Event(EventSchedule? schedule = null, string site = "front-de-mer", string theme = "balneaire", EventStatus status = EventStatus.Proposed, WeeklyRecurrence? recurrence = null) =>
        new("e1", 2027, "Concert", string.Empty, "snat", "concert", [theme], site, schedule ?? EventSchedule.Days(new(2027, 7, 10), new(2027, 7, 10)), recurrence, 100, SizeClass.Small, status, AgendaStatus.Pending, null, new(2027, 3, 1), 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void CheckContent_accepts_a_sound_event() => Assert.True(EventRules.CheckContent(Event(), Context).IsAccepted);

    [Fact]
    public void Schedule_end_before_start_is_refused() =>
        Assert.Equal("end-before-start", EventSchedule.Check(new DateTime(2027, 7, 1, 20, 0, 0), new DateTime(2027, 7, 1, 19, 0, 0), false).Reasons[0].Code);

    [Fact]
    public void CheckContent_refuses_an_event_outside_the_bounds() =>
        Assert.Equal("outside-bounds", EventRules.CheckContent(Event(EventSchedule.Days(new(2027, 5, 28), new(2027, 5, 28))), Context).Reasons[0].Code);

    [Fact]
    public void CheckContent_refuses_a_recurrence_running_past_the_bounds()
    {
        var late = new WeeklyRecurrence([DayOfWeek.Saturday], new DateOnly(2027, 9, 30), null);
        Assert.Equal("outside-bounds", EventRules.CheckContent(Event(recurrence: late), Context).Reasons[0].Code);
    }

    [Fact]
    public void CheckContent_refuses_unknown_theme_and_site()
    {
        var decision = EventRules.CheckContent(Event(site: "lune", theme: "ski"), Context);
        Assert.Contains(decision.Reasons, r => r.Code == "unknown-theme");
        Assert.Contains(decision.Reasons, r => r.Code == "unknown-site");
    }

    [Fact]
    public void A_cancelled_event_cannot_move_nor_be_edited()
    {
        Assert.Equal("move-cancelled", EventRules.CheckMove(Event(status: EventStatus.Cancelled)).Reasons[0].Code);
        Assert.Equal("event-cancelled", EventRules.CheckEditable(Event(status: EventStatus.Cancelled)).Reasons[0].Code);
    }

    [Fact]
    public void Transitions_follow_the_life_of_an_event()
    {
        Assert.True(EventRules.CheckConfirm(Event()).IsAccepted);
        Assert.True(EventRules.CheckConfirm(Event(status: EventStatus.Confirmed)).IsRefused);
        Assert.True(EventRules.CheckCancel(Event(status: EventStatus.Confirmed)).IsAccepted);
        Assert.True(EventRules.CheckCancel(Event(status: EventStatus.Done)).IsRefused);
        Assert.Equal("done-not-confirmed", EventRules.CheckDone(Event(), new(2027, 7, 11)).Reasons[0].Code);
        Assert.Equal("done-too-early", EventRules.CheckDone(Event(status: EventStatus.Confirmed), new(2027, 7, 9)).Reasons[0].Code);
        Assert.True(EventRules.CheckDone(Event(status: EventStatus.Confirmed), new(2027, 7, 10)).IsAccepted);
    }

    [Fact]
    public void Keeping_out_of_the_agenda_needs_a_reason()
    {
        Assert.Equal("agenda-out-needs-reason", EventRules.CheckAgendaDecision(Event(), AgendaStatus.OutOfAgenda, " ").Reasons[0].Code);
        Assert.True(EventRules.CheckAgendaDecision(Event(), AgendaStatus.InAgenda, null).IsAccepted);
        Assert.True(EventRules.CheckAgendaDecision(Event(status: EventStatus.Cancelled), AgendaStatus.InAgenda, null).IsRefused);
    }

    [Fact]
    public void Whole_days_end_at_the_exclusive_midnight()
    {
        var schedule = EventSchedule.Days(new(2027, 8, 27), new(2027, 8, 29));
        Assert.Equal(new DateOnly(2027, 8, 29), schedule.LastDay);
        Assert.Equal(new DateTime(2027, 8, 30), schedule.End);
    }
}
