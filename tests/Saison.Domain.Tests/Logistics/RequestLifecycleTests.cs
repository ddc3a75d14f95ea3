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
}
