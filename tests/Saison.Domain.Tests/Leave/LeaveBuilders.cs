using Saison.Domain.Tests.Destinations;
using Saison.Domain.Calendar;
using Saison.Domain.Leave;

namespace Saison.Domain.Tests.Leave;

/// <summary>Test data for the leave rules: a season, a team, bookings.</summary>
internal static class LeaveBuilders
{
    public static readonly WorkPattern Weekdays = new(5, SampleRules.France);

    /// <summary>Season 1 June–15 September 2027, peak 10 July–22 August.</summary>
    public static SeasonWindow Season { get; } = new(new DateOnly(2027, 6, 1), new DateOnly(2027, 9, 15), [new DateRange(new DateOnly(2027, 7, 10), new DateOnly(2027, 8, 22))]);

    public static IReadOnlyList<TeamMember> Team(int size, params (int Index, string Skill)[] skills) =>
        [.. Enumerable.Range(1, size).Select(i => new TeamMember($"a{i}", [.. skills.Where(s => s.Index == i).Select(s => s.Skill)], Weekdays))];

    public static BookedLeave Booking(string agent, DateOnly first, DateOnly last, LeaveKind kind = LeaveKind.AnnualLeave, LeaveStatus status = LeaveStatus.Approved, string? id = null)
    {
        var period = new LeavePeriod(first, last);
        return new BookedLeave(id ?? $"r-{agent}-{first:MMdd}", agent, kind, period, Weekdays.DaysOf(period), status);
    }

    public static PresenceRules Rules(
        IReadOnlyList<MinimumStaffing>? minimums = null,
        AbsenceCap? cap = null,
        IReadOnlyList<BlackoutWindow>? blackouts = null,
        bool recoveryBlocked = false,
        int? maxContinuous = null) =>
        new(minimums ?? [], cap, blackouts ?? [], null, recoveryBlocked, maxContinuous);

    public static LeaveEvaluation Evaluate(BookedLeave candidate, IReadOnlyList<TeamMember> team, PresenceRules rules, IReadOnlyList<BookedLeave>? ledger = null, IReadOnlyList<BlackoutWindow>? derived = null, IReadOnlyList<AgentTask>? tasks = null) =>
        LeaveRules.Evaluate(new LeaveEvaluationInput(candidate, team, ledger ?? [], rules, Season, derived ?? [], tasks ?? []));

    public static DateOnly D(int month, int day) => new(2027, month, day);
}
