using Saison.Domain.Logistics;

namespace Saison.Domain.Tests.Logistics;

public sealed class RequestLifecycleTests
{
    [Theory]
    [InlineData(RequestStatus.UnderReview, new[] { LineDecisionKind.Approved, LineDecisionKind.Pending }, RequestStatus.UnderReview)]
    [InlineData(RequestStatus.Submitted, new[] { LineDecisionKind.Pending }, RequestStatus.Submitted)]
    [InlineData(RequestStatus.Submitted, new[] { LineDecisionKind.Approved, LineDecisionKind.Approved }, RequestStatus.Approved)]
    [InlineData(RequestStatus.UnderReview, new[] { LineDecisionKind.Approved, LineDecisionKind.Refused }, RequestStatus.PartlyApproved)]
    [InlineData(RequestStatus.UnderReview, new[] { LineDecisionKind.PartlyApproved }, RequestStatus.PartlyApproved)]
    [InlineData(RequestStatus.UnderReview, new[] { LineDecisionKind.Refused }, RequestStatus.Refused)]
    [InlineData(RequestStatus.Scheduled, new[] { LineDecisionKind.Approved }, RequestStatus.Scheduled)]
    [InlineData(RequestStatus.Draft, new[] { LineDecisionKind.Pending }, RequestStatus.Draft)]
    [InlineData(RequestStatus.Cancelled, new[] { LineDecisionKind.Refused }, RequestStatus.Cancelled)]
    public void Status_follows_the_line_decisions(RequestStatus stored, LineDecisionKind[] lines, RequestStatus expected) =>
        Assert.Equal(expected, RequestLifecycle.StatusOf(stored, lines));

    [Fact]
    public void Line_decision_reads_the_allocation()
    {
        Assert.Equal(LineDecisionKind.PartlyApproved, RequestLifecycle.LineDecision(AllocationState.Approved, 5, 10));
        Assert.Equal(LineDecisionKind.Refused, RequestLifecycle.LineDecision(AllocationState.Approved, 0, 10));
        Assert.Equal(LineDecisionKind.Approved, RequestLifecycle.LineDecision(AllocationState.Confirmed, 10, 10));
        Assert.Equal(LineDecisionKind.Pending, RequestLifecycle.LineDecision(AllocationState.Pending, 0, 10));
    }

    [Theory]
    [InlineData(RequestStatus.Draft, RequestStatus.Submitted, true)]
    [InlineData(RequestStatus.Approved, RequestStatus.Scheduled, true)]
    [InlineData(RequestStatus.Scheduled, RequestStatus.Delivered, true)]
    [InlineData(RequestStatus.Delivered, RequestStatus.Closed, true)]
    [InlineData(RequestStatus.Refused, RequestStatus.Closed, true)]
    [InlineData(RequestStatus.Submitted, RequestStatus.Scheduled, false)]
    [InlineData(RequestStatus.Refused, RequestStatus.Scheduled, false)]
    [InlineData(RequestStatus.Closed, RequestStatus.Draft, false)]
    public void Only_the_lifecycle_steps_are_allowed(RequestStatus from, RequestStatus to, bool allowed)
    {
        var decision = RequestLifecycle.CanMove(from, to);
        Assert.Equal(allowed, decision.IsAccepted);
        if (!allowed)
        {
            Assert.Equal("invalid-transition", decision.Reasons.Single().Code);
        }
    }

    [Theory]
    [InlineData(RequestStatus.Draft, new[] { LineDecisionKind.Pending }, null)]
    [InlineData(RequestStatus.UnderReview, new[] { LineDecisionKind.Pending, LineDecisionKind.Pending }, null)]
    [InlineData(RequestStatus.UnderReview, new[] { LineDecisionKind.Approved, LineDecisionKind.Pending }, "line-decided")]
    [InlineData(RequestStatus.Approved, new[] { LineDecisionKind.Approved }, "not-editable")]
    [InlineData(RequestStatus.Cancelled, new[] { LineDecisionKind.Refused }, "not-editable")]
    public void An_organiser_edits_until_a_line_is_decided(RequestStatus shown, LineDecisionKind[] lines, string? refusal)
    {
        var decision = RequestLifecycle.CanEdit(shown, lines);
        Assert.Equal(refusal, decision.IsAccepted ? null : decision.Reasons.Single().Code);
    }

    [Theory]
    [InlineData(RequestStatus.Draft, true)]
    [InlineData(RequestStatus.Approved, true)]
    [InlineData(RequestStatus.Refused, true)]
    [InlineData(RequestStatus.Scheduled, false)]
    [InlineData(RequestStatus.Cancelled, false)]
    public void An_organiser_cancels_until_the_request_is_scheduled(RequestStatus shown, bool allowed) =>
        Assert.Equal(allowed, RequestLifecycle.CanCancel(shown).IsAccepted);

    [Fact]
    public void Only_a_short_line_with_an_alternative_takes_it()
    {
        var shift = new AllocationAlternative(null, -1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1));
        Assert.True(RequestLifecycle.CanAcceptAlternative(RequestStatus.Refused, LineDecisionKind.Refused, shift).IsAccepted);
        Assert.True(RequestLifecycle.CanAcceptAlternative(RequestStatus.PartlyApproved, LineDecisionKind.PartlyApproved, shift).IsAccepted);
        Assert.Equal("no-alternative", RequestLifecycle.CanAcceptAlternative(RequestStatus.Refused, LineDecisionKind.Refused, null).Reasons.Single().Code);
        Assert.Equal("line-not-short", RequestLifecycle.CanAcceptAlternative(RequestStatus.Approved, LineDecisionKind.Approved, shift).Reasons.Single().Code);
        Assert.Equal("not-editable", RequestLifecycle.CanAcceptAlternative(RequestStatus.Scheduled, LineDecisionKind.PartlyApproved, shift).Reasons.Single().Code);
    }
}
