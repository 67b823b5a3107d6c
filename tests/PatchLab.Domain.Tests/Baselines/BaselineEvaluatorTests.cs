using PatchLab.Domain.Baselines;

namespace PatchLab.Domain.Tests.Baselines;

public sealed class BaselineEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static PatchInfo Patch(string classification, string severity, int daysOld, string advisory = "ALAS2-2026-0001", string name = "openssl-libs") =>
        new(name, "x86_64", "1.0.2k-24.amzn2.0.7", advisory, classification, severity, Now.AddDays(-daysOld), "AmazonLinux2", ["CVE-2026-0001"]);

    [Theory]
    // AWS-AmazonLinux2DefaultPatchBaseline: Security Critical/Important after 7 days…
    [InlineData("Security", "Critical", 8, true)]
    [InlineData("Security", "Important", 7, true)]
    [InlineData("Security", "Critical", 6, false)]
    // …not Medium/Low security…
    [InlineData("Security", "Medium", 30, false)]
    [InlineData("Security", "Low", 30, false)]
    // …and Bugfix of any severity after 7 days; not Enhancement.
    [InlineData("Bugfix", "", 30, true)]
    [InlineData("Enhancement", "", 30, false)]
    public void PredefinedAmazonLinux2Baseline_ApprovesAsDocumented(string classification, string severity, int daysOld, bool approved)
    {
        var d = BaselineEvaluator.Evaluate(PredefinedBaselines.AmazonLinux2, Patch(classification, severity, daysOld), Now);
        Assert.Equal(approved, d.Approved);
        Assert.Equal("UNSPECIFIED", d.ComplianceLevel);
    }

    [Fact]
    public void Rejected_BeatsApproved_InAnyList()
    {
        var b = PredefinedBaselines.AmazonLinux2 with { ApprovedPatches = ["openssl-libs"], RejectedPatches = ["openssl*"] };
        var d = BaselineEvaluator.Evaluate(b, Patch("Security", "Critical", 30), Now);
        Assert.False(d.Approved);
        Assert.True(d.Rejected);
    }

    [Theory]
    [InlineData("openssl-libs")]
    [InlineData("openssl-libs.x86_64")]
    [InlineData("ALAS2-2026-0001")]
    [InlineData("CVE-2026-0001")]
    [InlineData("openssl-*")]
    public void ApprovedPatches_MatchNameAdvisoryCveOrWildcard_RegardlessOfRules(string entry)
    {
        var b = PredefinedBaselines.AmazonLinux2 with { ApprovedPatches = [entry], ApprovedPatchesComplianceLevel = "HIGH" };
        var d = BaselineEvaluator.Evaluate(b, Patch("Enhancement", "", 0), Now);
        Assert.True(d.Approved);
        Assert.Equal("HIGH", d.ComplianceLevel);
    }

    [Fact]
    public void ApproveUntilDate_ApprovesPatchesReleasedOnOrBeforeIt()
    {
        var b = new PatchBaseline
        {
            BaselineId = "pb-0123456789abcdef0", Name = "until", OperatingSystem = "AMAZON_LINUX_2",
            ApprovalRules = [new([new("CLASSIFICATION", ["Security"])], "CRITICAL", null, "2026-11-01", false)],
        };
        Assert.True(BaselineEvaluator.Evaluate(b, Patch("Security", "Low", 40), Now).Approved);
        Assert.False(BaselineEvaluator.Evaluate(b, Patch("Security", "Low", 10), Now).Approved);
    }

    [Fact]
    public void GlobalFilters_ExcludeBeforeRules()
    {
        var b = PredefinedBaselines.AmazonLinux2 with { GlobalFilters = [new("SEVERITY", ["Critical"])] };
        Assert.False(BaselineEvaluator.Evaluate(b, Patch("Security", "Important", 30), Now).Approved);
        Assert.True(BaselineEvaluator.Evaluate(b, Patch("Security", "Critical", 30), Now).Approved);
    }

    [Fact]
    public void UpdatesWithoutAdvisory_NeedEnableNonSecurity()
    {
        var rule = new PatchRule([new("CLASSIFICATION", ["*"])], "LOW", 0, null, false);
        var b = new PatchBaseline { BaselineId = "pb-1", Name = "n", OperatingSystem = "AMAZON_LINUX_2", ApprovalRules = [rule] };
        Assert.False(BaselineEvaluator.Evaluate(b, Patch("", "", 30, advisory: ""), Now).Approved);
        var b2 = b with { ApprovalRules = [rule with { EnableNonSecurity = true }] };
        Assert.True(BaselineEvaluator.Evaluate(b2, Patch("", "", 30, advisory: ""), Now).Approved);
    }
}
