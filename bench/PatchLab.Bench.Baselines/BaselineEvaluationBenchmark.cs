using BenchmarkDotNet.Attributes;
using PatchLab.Domain.Baselines;

namespace PatchLab.Bench.Baselines;

/// <summary>
/// Issue 4: evaluate a 5,000-patch catalog against a baseline for 1,000 instances (target &lt; 1 s). Each instance sends
/// its candidates (installed version plus newer ones, about 3,000 on average) and gets one decision per candidate, with
/// dependencies, exactly as GetDeployablePatchSnapshotForInstance answers an agent. [MemoryDiagnoser] reports the
/// allocation of the whole fleet; divide "Allocated" by <see cref="InstanceCount"/> for the allocation per instance (the
/// <see cref="OneInstance"/> benchmark measures it directly).
/// </summary>
[MemoryDiagnoser]
public class BaselineEvaluationBenchmark
{
    /// <summary>Patches in the catalog.</summary>
    public const int CatalogSize = 5_000;

    /// <summary>Instances evaluated per operation.</summary>
    public const int InstanceCount = 1_000;

    private SyntheticFleet _fleet = null!;

    /// <summary>The predefined AL2023 baseline (Security Critical/Important and Bugfix after 7 days) or a custom one with
    /// global filters, approve/reject lists and BLOCK.</summary>
    [Params("AWS-AmazonLinux2023DefaultPatchBaseline", "custom-with-lists")]
    public string Baseline { get; set; } = "";

    private PatchBaseline _baseline = null!;

    [GlobalSetup(Targets = [nameof(FleetOneSnapshot), nameof(FleetSnapshotPerNode)])]
    public void Setup()
    {
        _fleet = SyntheticFleet.Create(CatalogSize, InstanceCount);
        _baseline = Baseline == "custom-with-lists" ? Custom() : PredefinedBaselines.ForOperatingSystem("AMAZON_LINUX_2023");
    }

    /// <summary>
    /// The whole fleet under one snapshot (a maintenance window: one SnapshotId for every node): 1,000 answers sharing
    /// one <see cref="BaselineEvaluation"/>, so each catalog patch is decided once.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int FleetOneSnapshot()
    {
        var evaluation = new BaselineEvaluation(_baseline, _fleet.Now);
        var approved = 0;
        foreach (var candidates in _fleet.Instances)
        {
            approved += CountApproved(evaluation.EvaluateAll(candidates));
        }
        return approved;
    }

    /// <summary>The whole fleet with a snapshot per node (Run Command without SnapshotId): every answer starts cold.</summary>
    [Benchmark]
    public int FleetSnapshotPerNode()
    {
        var approved = 0;
        foreach (var candidates in _fleet.Instances)
        {
            approved += CountApproved(BaselineEvaluator.EvaluateAll(_baseline, candidates, _fleet.Now));
        }
        return approved;
    }

    /// <summary>One node's answer from a warm snapshot: the time and allocation per instance inside <see cref="FleetOneSnapshot"/>.</summary>
    [Benchmark]
    public int OneInstanceWarm() => CountApproved(_warm.EvaluateAll(_fleet.Instances[1]));

    private BaselineEvaluation _warm = null!;

    [GlobalSetup(Target = nameof(OneInstanceWarm))]
    public void SetupWarm()
    {
        Setup();
        _warm = new BaselineEvaluation(_baseline, _fleet.Now);
        foreach (var candidates in _fleet.Instances)
        {
            _warm.EvaluateAll(candidates);
        }
    }

    private static int CountApproved(IReadOnlyList<PatchDecision> decisions)
    {
        var approved = 0;
        foreach (var d in decisions)
        {
            approved += d.Approved ? 1 : 0;
        }
        return approved;
    }

    /// <summary>A custom baseline exercising every evaluation path: global filter, two rules, approve and reject lists, BLOCK.</summary>
    public static PatchBaseline Custom() => new()
    {
        BaselineId = "pb-0123456789abcdef0", Name = "bench-custom", OperatingSystem = "AMAZON_LINUX_2023",
        GlobalFilters = [new PatchFilter("PRODUCT", ["AmazonLinux2023"])],
        ApprovalRules =
        [
            new PatchRule([new PatchFilter("CLASSIFICATION", ["Security"]), new PatchFilter("SEVERITY", ["Critical", "Important"])], "CRITICAL", 3, null, false),
            new PatchRule([new PatchFilter("CLASSIFICATION", ["Bugfix", "Enhancement"])], "MEDIUM", 14, null, true),
        ],
        ApprovedPatches = ["pkg0004", "pkg01*"], RejectedPatches = ["pkg0008-libs", "ALAS2023-2023-150"], RejectedPatchesAction = RejectedPatchesActions.Block,
    };
}
