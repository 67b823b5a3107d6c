using PatchLab.Domain.Baselines;

namespace PatchLab.Domain.Tests.Baselines;

/// <summary>One snapshot evaluated for many nodes (issue 4's 1,000-node benchmark): sharing must not change any answer.</summary>
public sealed class BaselineEvaluationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static PatchInfo Patch(string name, int version, string classification, string severity, int daysOld, string installed, params string[] requires) =>
        new(name, "x86_64", $"1.{version}-1.amzn2023", $"ALAS2023-2026-{version:D4}", classification, severity, Now.AddDays(-daysOld), "AmazonLinux2023", [])
        {
            InstalledVersion = installed, Requires = requires,
        };

    /// <summary>Three nodes at different versions of openssl/openssl-libs/curl, as their agents would send them.</summary>
    private static List<List<PatchInfo>> Fleet()
    {
        var nodes = new List<List<PatchInfo>>();
        for (var installed = 0; installed < 3; installed++)
        {
            var node = new List<PatchInfo>();
            for (var v = installed; v < 4; v++)
            {
                var at = $"1.{installed}-1.amzn2023";
                node.Add(Patch("openssl", v, "Security", v % 2 == 0 ? "Critical" : "Low", 40 - v * 10, at, "openssl-libs"));
                node.Add(Patch("openssl-libs", v, "Security", v % 2 == 0 ? "Critical" : "Low", 40 - v * 10, at));
                node.Add(Patch("curl", v, "Bugfix", "", 3 + v, at));
            }
            nodes.Add(node);
        }
        return nodes;
    }

    [Theory]
    [InlineData(RejectedPatchesActions.AllowAsDependency)]
    [InlineData(RejectedPatchesActions.Block)]
    public void SharedEvaluation_AnswersEveryNodeAsAColdOneWould(string action)
    {
        var baseline = PredefinedBaselines.ForOperatingSystem("AMAZON_LINUX_2023") with { RejectedPatches = ["openssl-libs-1.2*"], RejectedPatchesAction = action };
        var shared = new BaselineEvaluation(baseline, Now);
        var marked = 0;

        foreach (var node in Fleet())
        {
            var warm = shared.EvaluateAll(node);
            var cold = BaselineEvaluator.EvaluateAll(baseline, node, Now);
            Assert.Equal(cold, warm);
            marked += warm.Count(d => d.BlockedBy is not null || d.DependencyOf is not null);
        }
        // openssl 1.2 (Critical) needs the rejected openssl-libs 1.2 on the nodes below 1.2: blocked, or pulled in along.
        Assert.Equal(2, marked);
        // 4 versions × 3 packages, each decided once for the three nodes.
        Assert.Equal(12, shared.DistinctPatches);
    }

    [Fact]
    public void DependencyMarks_StayWithTheNodeThatNeedsThem()
    {
        var baseline = PredefinedBaselines.ForOperatingSystem("AMAZON_LINUX_2023") with { RejectedPatches = ["openssl-libs"] };
        var shared = new BaselineEvaluation(baseline, Now);
        var openssl = Patch("openssl", 2, "Security", "Critical", 30, "1.0-1.amzn2023", "openssl-libs");
        var libs = Patch("openssl-libs", 2, "Security", "Critical", 30, "1.0-1.amzn2023");

        var needing = shared.EvaluateAll([openssl, libs]);
        var alone = shared.EvaluateAll([libs]);

        // ALLOW_AS_DEPENDENCY: the rejected libs go in with openssl on the node that installs openssl, not elsewhere.
        Assert.Equal("openssl", needing[1].DependencyOf);
        Assert.Null(alone[0].DependencyOf);
        Assert.True(alone[0].Rejected);
    }
}
