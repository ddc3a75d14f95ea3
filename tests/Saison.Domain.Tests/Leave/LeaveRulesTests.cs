using Saison.Domain.Leave;
using static Saison.Domain.Tests.Leave.LeaveBuilders;

namespace Saison.Domain.Tests.Leave;

public sealed class LeaveRulesTests
{
    [Fact]
    public void Minimum_staffing_refuses_with_the_day_and_the_numbers()
    {
        var team = Team(4);
        var ledger = new[] { Booking("a1", D(7, 19), D(7, 23)) };
        var evaluation = Evaluate(Booking("a2", D(7, 21), D(7, 21), status: LeaveStatus.Pending), team, Rules([new MinimumStaffing(3)]), ledger);

        Assert.False(evaluation.Passed);
        var verdict = Assert.Single(evaluation.Verdicts, v => v.Rule == LeaveRules.MinimumStaffing);
        Assert.False(verdict.Passed);
        Assert.Equal("Le 21/07/2027, 2 agents resteraient présents (contre 3 sans cette demande) pour un minimum de 3.", Assert.Single(verdict.Reasons).Message);
        var day = Assert.Single(evaluation.Coverage);
        Assert.Equal((4, 3, 2, 3), (day.Scheduled, day.OnDutyBefore, day.OnDutyAfter, day.Minimum!.Value));
    }

    [Fact]
    public void Minimum_staffing_says_a_run_of_short_days_once_across_the_weekend()
    {
        var team = Team(3);
        var ledger = new[] { Booking("a1", D(7, 15), D(7, 23)) };
        var evaluation = Evaluate(Booking("a2", D(7, 15), D(7, 20), status: LeaveStatus.Pending), team, Rules([new MinimumStaffing(2)]), ledger);

        var verdict = Assert.Single(evaluation.Verdicts, v => v.Rule == LeaveRules.MinimumStaffing);
        Assert.Equal(
            "Du 15/07/2027 au 20/07/2027 (4 jours travaillés), chaque jour, 1 agent resterait présent (contre 2 sans cette demande) pour un minimum de 2.",
            Assert.Single(verdict.Reasons).Message);
    }

    [Fact]
    public void Colleagues_pending_requests_are_weighed_apart_as_if_all_were_granted()
    {
        // Four colleagues already ask for 19–23 July; a fifth asks too. Approved leave alone leaves
        // every rule satisfied; if the pending requests were granted, the team would fall short.
        var team = Team(8);
        var ledger = Enumerable.Range(1, 4).Select(i => Booking($"a{i}", D(7, 19), D(7, 23), status: LeaveStatus.Pending)).ToArray();
        var evaluation = Evaluate(Booking("a5", D(7, 19), D(7, 23), status: LeaveStatus.Pending), team, Rules([new MinimumStaffing(5)], cap: new AbsenceCap(3)), ledger);

        Assert.True(evaluation.Passed);
        var outlook = Assert.IsType<PendingOutlook>(evaluation.IfPendingGranted);
        Assert.False(outlook.Passed);
        Assert.Equal(4, outlook.PendingRequestIds.Count);
        var minimum = Assert.Single(outlook.Verdicts, v => v.Rule == LeaveRules.MinimumStaffing);
        Assert.Equal(
            "Du 19/07/2027 au 23/07/2027 (5 jours travaillés), chaque jour, 3 agents resteraient présents (contre 4 sans cette demande) pour un minimum de 5.",
            Assert.Single(minimum.Reasons).Message);
        Assert.Contains(outlook.Verdicts, v => v.Rule == LeaveRules.MaxSimultaneousAbsences && !v.Passed);
        Assert.All(outlook.Coverage, day => Assert.Equal((8, 4, 3), (day.Scheduled, day.OnDutyBefore, day.OnDutyAfter)));
        Assert.All(evaluation.Coverage, day => Assert.Equal((8, 8, 7), (day.Scheduled, day.OnDutyBefore, day.OnDutyAfter)));
    }

    [Fact]
    public void No_pending_outlook_when_no_colleague_asks_for_the_same_days()
    {
        var ledger = new[] { Booking("a1", D(8, 2), D(8, 6), status: LeaveStatus.Pending), Booking("a2", D(7, 1), D(7, 2)) };
        var evaluation = Evaluate(Booking("a3", D(7, 19), D(7, 23), status: LeaveStatus.Pending), Team(4), Rules([new MinimumStaffing(2)]), ledger);
        Assert.Null(evaluation.IfPendingGranted);
    }

    [Fact]
    public void Minimum_per_skill_only_binds_agents_with_that_skill()
    {
        var team = Team(4, (1, "regisseur"), (2, "regisseur"));
        var rules = Rules([new MinimumStaffing(2, "regisseur")]);
        Assert.False(Evaluate(Booking("a1", D(7, 20), D(7, 20)), team, rules).Passed);
        Assert.True(Evaluate(Booking("a3", D(7, 20), D(7, 20)), team, rules).Passed);
    }

    [Fact]
    public void Minimum_during_the_peak_does_not_apply_before_it()
    {
        var rules = Rules([new MinimumStaffing(4, During: RulePeriod.Peak)]);
        Assert.True(Evaluate(Booking("a1", D(6, 14), D(6, 18)), Team(4), rules).Passed);
        Assert.False(Evaluate(Booking("a1", D(7, 12), D(7, 16)), Team(4), rules).Passed);
    }

    [Fact]
    public void Half_day_absences_leave_the_team_short_for_that_half_only()
    {
        var team = Team(3);
        var morning = new BookedLeave("m", "a1", LeaveKind.Rtt, new LeavePeriod(D(7, 20), D(7, 20), endsAtNoon: true), 0.5m, LeaveStatus.Approved);
        var afternoon = new BookedLeave("n", "a2", LeaveKind.Rtt, new LeavePeriod(D(7, 20), D(7, 20), startsAfternoon: true), 0.5m, LeaveStatus.Pending);
        var evaluation = Evaluate(afternoon, team, Rules([new MinimumStaffing(2)]), [morning]);
        Assert.True(evaluation.Passed);
        Assert.Equal(2, evaluation.Coverage[0].OnDutyAfter);
    }

    [Fact]
    public void Maximum_simultaneous_absences_counts_the_request()
    {
        var ledger = new[] { Booking("a1", D(8, 2), D(8, 6)), Booking("a2", D(8, 4), D(8, 4)) };
        var evaluation = Evaluate(Booking("a3", D(8, 4), D(8, 5), status: LeaveStatus.Pending), Team(8), Rules(cap: new AbsenceCap(2)), ledger);
        var verdict = Assert.Single(evaluation.Verdicts, v => v.Rule == LeaveRules.MaxSimultaneousAbsences);
        Assert.False(verdict.Passed);
        Assert.Equal("Le 04/08/2027, 3 agents seraient absents pour un maximum de 2.", Assert.Single(verdict.Reasons).Message);
    }

    [Fact]
    public void Explicit_blackout_window_refuses_the_days_inside_it()
    {
        var rules = Rules(blackouts: [new BlackoutWindow(D(7, 12), D(7, 18), "Fête du port")]);
        var evaluation = Evaluate(Booking("a1", D(7, 15), D(7, 20)), Team(3), rules);
        var verdict = Assert.Single(evaluation.Verdicts, v => v.Rule == LeaveRules.Blackout);
        Assert.False(verdict.Passed);
        Assert.Contains("Du 15/07/2027 au 16/07/2027", verdict.Reasons[0].Message, StringComparison.Ordinal);
        Assert.Contains("Fête du port", verdict.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Derived_blackout_windows_surround_agenda_events_with_the_margin()
    {
        var derived = DerivedBlackouts.From([new AgendaEventDays("ev-1", "Les Escales", D(7, 30), D(8, 1)), new AgendaEventDays("ev-1", "Les Escales", D(7, 30), D(8, 1))], 2);
        var window = Assert.Single(derived);
        Assert.Equal((D(7, 28), D(8, 3)), (window.First, window.Last));
        Assert.Equal("ev-1", window.EventId);

        Assert.False(Evaluate(Booking("a1", D(7, 26), D(7, 28)), Team(3), Rules(), derived: derived).Passed);
        Assert.True(Evaluate(Booking("a1", D(7, 26), D(7, 27)), Team(3), Rules(), derived: derived).Passed);
    }

    [Fact]
    public void Recovery_is_refused_during_the_peak_and_accepted_after_it()
    {
        var rules = Rules(recoveryBlocked: true);
        var inPeak = Evaluate(Booking("a1", D(8, 20), D(8, 23), LeaveKind.Recovery), Team(3), rules);
        var verdict = Assert.Single(inPeak.Verdicts, v => v.Rule == LeaveRules.RecoveryInPeak);
        Assert.False(verdict.Passed);
        Assert.Contains("20/08/2027", verdict.Reasons[0].Message, StringComparison.Ordinal);
        Assert.True(Evaluate(Booking("a1", D(8, 23), D(8, 24), LeaveKind.Recovery), Team(3), rules).Passed);
        Assert.True(Evaluate(Booking("a1", D(8, 20), D(8, 20), LeaveKind.AnnualLeave), Team(3), rules).Passed);
    }

    [Fact]
    public void Continuous_summer_leave_chains_approved_absences_across_weekends()
    {
        var rules = Rules(maxContinuous: 21);
        // Two weeks approved (5–16 July), a third week asked (19–23): 19 days from Monday to Friday: allowed.
        var ledger = new[] { Booking("a1", D(7, 5), D(7, 16)) };
        Assert.True(Evaluate(Booking("a1", D(7, 19), D(7, 23)), Team(3), rules, ledger).Passed);

        // A fourth week makes 26 days.
        var longer = Evaluate(Booking("a1", D(7, 19), D(7, 30)), Team(3), rules, ledger);
        var verdict = Assert.Single(longer.Verdicts, v => v.Rule == LeaveRules.MaxContinuousSummerLeave);
        Assert.False(verdict.Passed);
        Assert.Contains("26 jours (du 05/07/2027 au 30/07/2027)", verdict.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crew_tasks_on_requested_days_are_listed_as_conflicts()
    {
        var tasks = new[] { new AgentTask("t1", "Montage scène", "ev-1", D(7, 21), D(7, 21), 8), new AgentTask("t2", "Démontage", "ev-1", D(7, 26), D(7, 26), 6) };
        var evaluation = Evaluate(Booking("a1", D(7, 19), D(7, 23)), Team(3), Rules(), tasks: tasks);
        Assert.True(evaluation.Passed);
        Assert.Equal("t1", Assert.Single(evaluation.Conflicts).TaskId);
    }

    [Fact]
    public void Every_rule_gives_a_verdict_with_a_reason()
    {
        var evaluation = Evaluate(Booking("a1", D(7, 19), D(7, 19)), Team(3), PresenceRules.None);
        Assert.Equal(5, evaluation.Verdicts.Count);
        Assert.All(evaluation.Verdicts, v => Assert.True(v.Passed && v.Reasons.Count == 1));
    }
}
