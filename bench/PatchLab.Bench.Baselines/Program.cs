using System.Diagnostics;
using BenchmarkDotNet.Running;
using PatchLab.Bench.Baselines;
using PatchLab.Domain.Baselines;

// dotnet run -c Release --project bench/PatchLab.Bench.Baselines              BenchmarkDotNet (all benchmarks)
// dotnet run -c Release --project bench/PatchLab.Bench.Baselines -- --quick   one Stopwatch pass, for a sanity check
if (args.Contains("--quick"))
{
    var fleet = SyntheticFleet.Create(BaselineEvaluationBenchmark.CatalogSize, BaselineEvaluationBenchmark.InstanceCount);
    foreach (var baseline in new[] { PredefinedBaselines.ForOperatingSystem("AMAZON_LINUX_2023"), BaselineEvaluationBenchmark.Custom() })
    {
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var evaluation = new BaselineEvaluation(baseline, fleet.Now);
            var decisions = 0L;
            foreach (var candidates in fleet.Instances)
            {
                decisions += evaluation.EvaluateAll(candidates).Count;
            }
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Console.WriteLine($"{baseline.Name}: {fleet.Instances.Count} instances, {decisions} decisions ({evaluation.DistinctPatches} distinct patches) "
                + $"in {watch.Elapsed.TotalMilliseconds:0} ms; {allocated / fleet.Instances.Count / 1024.0:0.0} KiB allocated per instance");
        }
    }
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(BaselineEvaluationBenchmark).Assembly).Run(args);
return 0;
