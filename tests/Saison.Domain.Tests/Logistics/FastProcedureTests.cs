using Saison.Domain.Logistics;
using Saison.Domain.Organisers;

namespace Saison.Domain.Tests.Logistics;

public sealed class FastProcedureTests
{
    private static readonly ServiceLevel Association = new(OrganiserKind.Association, true, [new ServiceAllowance("barrieres", 30), new ServiceAllowance("chaises", 100)], 500m, 3);

    private static FastProcedureInput Input(bool onTime = true, ServiceLevel? level = null, decimal remaining = 10_000m, params FastProcedureLine[] lines) =>
        new(OrganiserKind.Association, onTime, level ?? Association, lines.Length > 0 ? lines : [Line()], new Dictionary<string, EnvelopeUse> { ["logistique"] = new(10_000m, 10_000m - remaining) });

    private static FastProcedureLine Line(string item = "barrieres", int quantity = 20, decimal cost = 50m, bool available = true) =>
        new(item, item, "logistique", quantity, cost, available);

    [Fact]
    public void A_small_standard_request_on_time_and_in_stock_is_approved_at_once()
    {
        var decision = FastProcedure.Evaluate(Input());
        Assert.True(decision.IsAccepted);
        Assert.Equal("fast-track", decision.Reasons.Single().Code);
    }

    [Theory]
    [InlineData("late")]
    [InlineData("not-standard")]
    [InlineData("above-standard")]
    [InlineData("above-cost")]
    [InlineData("stock")]
    [InlineData("envelope")]
    [InlineData("not-small")]
    [InlineData("no-service-level")]
    public void Each_condition_sends_the_request_to_review_with_its_reason(string code)
    {
        var input = code switch
        {
            "late" => Input(onTime: false),
            "not-standard" => Input(lines: Line("scene")),
            "above-standard" => Input(lines: Line(quantity: 31)),
            "above-cost" => Input(lines: Line(cost: 501m)),
            "stock" => Input(lines: Line(available: false)),
            "envelope" => Input(remaining: 10m),
            "not-small" => Input(lines: [Line(), Line("chaises"), Line(), Line("chaises")]),
            _ => Input() with { ServiceLevel = null },
        };
        var decision = FastProcedure.Evaluate(input);
        Assert.True(decision.IsRefused);
        Assert.Contains(decision.Reasons, r => r.Code == code);
    }

    [Fact]
    public void Amounts_in_the_reasons_are_written_as_french_writes_them()
    {
        var decision = FastProcedure.Evaluate(Input(lines: Line(cost: 1250.5m), remaining: 10m));
        var cost = decision.Reasons.Single(r => r.Code == "above-cost").Message;
        Assert.StartsWith("Coût de 1 250,50 € au-delà du plafond standard de ", cost, StringComparison.Ordinal);
        Assert.EndsWith(",00 €.", cost, StringComparison.Ordinal);
        Assert.Contains("n'a plus que 10,00 € disponibles.", decision.Reasons.Single(r => r.Code == "envelope").Message, StringComparison.Ordinal);
    }
}
