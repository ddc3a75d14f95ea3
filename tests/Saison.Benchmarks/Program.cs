using BenchmarkDotNet.Running;

// Every benchmark of the project; pick with --filter, e.g. --filter *Storage*.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
