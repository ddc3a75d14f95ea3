using BenchmarkDotNet.Running;
using Saison.Benchmarks;

// Scenario programs (timed through the API) are picked by name.
if (args is [LeaveEvaluationScenario.Name, .. var rest])
{
    return await LeaveEvaluationScenario.RunAsync(rest);
}

if (args is [HostOverheadScenario.Name, .. var hostOptions])
{
    return await HostOverheadScenario.RunAsync(hostOptions);
}

if (args is [SeasonScaleScenario.Name, .. var options])
{
    return await SeasonScaleScenario.RunAsync(options);
}

// Every benchmark of the project; pick with --filter, e.g. --filter *Storage*.
BenchmarkSwitcher.FromAssembly(typeof(SeasonScaleScenario).Assembly).Run(args);
return 0;
