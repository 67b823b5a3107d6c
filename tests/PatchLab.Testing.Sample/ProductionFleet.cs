using PatchLab.Testing;

namespace PatchLab.Testing.Sample;

/// <summary>Two Amazon Linux 2 instances in the Production patch group, as host processes, on a clock starting Monday 1 Dec 2026.</summary>
public sealed class ProductionFleet : PatchLabFixture
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 22, 0, 0, TimeSpan.Zero);

    protected override void Configure(PatchLabBuilder lab) => lab
        .WithRuntime(PatchLabRuntime.Process)
        .WithClock(Start, speed: 1)
        .WithInstances(new InstanceGroup(2, tags: new Dictionary<string, string> { ["Patch Group"] = "Production", ["Environment"] = "Production" }, namePrefix: "web"));
}
