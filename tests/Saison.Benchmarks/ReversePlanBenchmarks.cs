using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Saison.Domain.Events;
using Saison.Domain.Planning;

namespace Saison.Benchmarks;

/// <summary>
/// The reverse plan of a whole season: generating 300 event plans from a 10-milestone template
/// (working days counted over holidays), then evaluating every milestone's status on a day.
/// Target: well under 50 ms for the season, so a plan view never waits on the domain.
/// </summary>
[Config(typeof(InProcessShortRun))]
[MemoryDiagnoser]
public class ReversePlanBenchmarks
{
    private static readonly MilestoneTemplate[] Milestones =
    [
        M("fiche", -120), M("avis", -110, ("fiche", 5)), M("securite", -90, ("avis", 5)), M("demande", -90, ("avis", 5)),
        M("reponse", -60, ("demande", 10)), M("arrete", -40, ("securite", 20)), M("communication", -30, ("avis", 10)),
        M("reunion", -10, ("arrete", 5)), M("montage", -2, ("reponse", 5)), new("bilan", "Bilan", 15, MilestoneAnchor.End, "project-cell", [], "Bilan"),
    ];

    private static readonly PlanTemplate Template = new("majeur", "Majeur", [], [SizeClass.Major], Milestones);
    private EventPlan[] _plans = [];

    [GlobalSetup]
    public void Setup() => _plans = Generate();

    [Benchmark]
    public EventPlan[] GenerateSeason() => Generate();

    [Benchmark]
    public int EvaluateSeason() => _plans.Sum(p => PlanStatus.Evaluate(p, new DateOnly(2027, 4, 15), Saison.Testing.SampleDestinations.Default.WorkingDays).Count(s => s.Value.State == MilestoneState.Late));

    private static EventPlan[] Generate()
    {
        var plans = new EventPlan[300];
        for (var i = 0; i < plans.Length; i++)
        {
            var day = new DateOnly(2027, 6, 1).AddDays(i % 110);
            plans[i] = ReversePlanner.Generate(Template, 2027, $"e{i}", day, day.AddDays(i % 3), new DateOnly(2027, 3, 1), null, DateTimeOffset.UnixEpoch, Saison.Testing.SampleDestinations.Default.WorkingDays);
        }

        return plans;
    }

    private static MilestoneTemplate M(string key, int offset, params (string Key, int Lag)[] predecessors) =>
        new(key, key, offset, MilestoneAnchor.Start, "organiser", [.. predecessors.Select(p => new MilestonePredecessor(p.Key, p.Lag))], key);

    /// <summary>In-process short runs: no generated project to build on a busy machine.</summary>
    public sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
