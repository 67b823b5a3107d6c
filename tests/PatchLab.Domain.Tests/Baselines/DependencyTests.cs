using PatchLab.Domain.Baselines;

namespace PatchLab.Domain.Tests.Baselines;

/// <summary>RejectedPatchesAction: BLOCK vs ALLOW_AS_DEPENDENCY when an approved update needs a rejected package (reference 5.2).</summary>
public sealed class DependencyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    // One advisory ships openssl and openssl-libs; openssl needs openssl-libs at the same version.
    private static readonly PatchInfo Openssl = new("openssl", "x86_64", "1.0.2k-24.amzn2.0.7", "ALAS2-2026-0001", "Security", "Critical",
        Now.AddDays(-30), "AmazonLinux2", []) { Epoch = 1, InstalledVersion = "1.0.2k-24.amzn2.0.6", Requires = ["openssl-libs"] };

    private static readonly PatchInfo Libs = Openssl with { Name = "openssl-libs", Requires = [] };

    private static PatchBaseline Rejecting(string action) =>
        PredefinedBaselines.AmazonLinux2 with { RejectedPatches = ["openssl-libs"], RejectedPatchesAction = action };

    [Fact]
    public void Block_LeavesTheDependentApprovedButBlocked()
    {
        var d = BaselineEvaluator.EvaluateAll(Rejecting(RejectedPatchesActions.Block), [Openssl, Libs], Now);
        Assert.True(d[0].Approved);
        Assert.Equal("openssl-libs", d[0].BlockedBy);
        Assert.Contains("RejectedPatchesAction BLOCK", d[0].Reason, StringComparison.Ordinal);
        Assert.True(d[1].Rejected);
        Assert.Null(d[1].DependencyOf);
    }

    [Fact]
    public void AllowAsDependency_InstallsTheRejectedPackageWithTheDependent()
    {
        var d = BaselineEvaluator.EvaluateAll(Rejecting(RejectedPatchesActions.AllowAsDependency), [Openssl, Libs], Now);
        Assert.Null(d[0].BlockedBy);
        Assert.True(d[1].Rejected);
        Assert.Equal("openssl", d[1].DependencyOf);
        Assert.Contains("only as a dependency of openssl", d[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NotApprovedDependency_IsInstalledAlongside_EvenWithoutAnyRejection()
    {
        var b = new PatchBaseline
        {
            BaselineId = "pb-0123456789abcdef0", Name = "only-openssl", OperatingSystem = "AMAZON_LINUX_2", ApprovedPatches = ["openssl"],
        };
        var d = BaselineEvaluator.EvaluateAll(b, [Openssl, Libs], Now);
        Assert.True(d[0].Approved);
        Assert.False(d[1].Approved);
        Assert.Equal("openssl", d[1].DependencyOf);
    }

    [Fact]
    public void AlreadyInstalledDependency_BlocksNothing()
    {
        var installedLibs = Libs with { InstalledVersion = Libs.Version };
        var d = BaselineEvaluator.EvaluateAll(Rejecting(RejectedPatchesActions.Block), [Openssl, installedLibs], Now);
        Assert.Null(d[0].BlockedBy);
    }

    [Fact]
    public void Blocking_Propagates_ThroughAChainOfRequirements()
    {
        var tools = Openssl with { Name = "openssl-tools", Requires = ["openssl"] };
        var d = BaselineEvaluator.EvaluateAll(Rejecting(RejectedPatchesActions.Block), [tools, Openssl, Libs], Now);
        Assert.Equal("openssl", d[0].BlockedBy);
        Assert.Equal("openssl-libs", d[1].BlockedBy);
    }
}
