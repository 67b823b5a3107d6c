using PatchLab.Domain.Baselines;

namespace PatchLab.Domain.Tests.Baselines;

/// <summary>Per-OS rules of the evaluation: filter keys, release dates, what "security" means, approval status and dates.</summary>
public sealed class BaselineEvaluatorOsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static PatchInfo Apt(string name, string priority, string section, string repository) =>
        new(name, "amd64", "3.0.2-0ubuntu1.18", "", "", "", default, "Ubuntu22.04", []) { Priority = priority, Section = section, Repository = repository };

    private static PatchInfo Kb(string kb, string classification, string msrc, int daysOld, string product = "WindowsServer2022", string family = "Windows", string patchSet = "OS") =>
        new(kb, "", "", "", classification, msrc, Now.AddDays(-daysOld), product, []) { ProductFamily = family, PatchSet = patchSet };

    private static PatchInfo Rpm(string classification, string severity, int daysOld, string advisory = "ALAS2-2026-0001") =>
        new("openssl-libs", "x86_64", "1.0.2k-24.amzn2.0.7", advisory, classification, severity, Now.AddDays(-daysOld), "AmazonLinux2", []) { Epoch = 1 };

    [Theory]
    // AWS-UbuntuDefaultPatchBaseline: only the security pocket, any priority, no delay (Ubuntu packages carry no release date).
    [InlineData("openssl", "Important", "libs", "jammy-security", true)]
    [InlineData("openssl", "Optional", "libs", "jammy-security", true)]
    [InlineData("vim", "Optional", "editors", "jammy-updates", false)]
    public void PredefinedUbuntuBaseline_ApprovesSecurityPocketOnly(string name, string priority, string section, string repository, bool approved)
    {
        var d = BaselineEvaluator.Evaluate(PredefinedBaselines.ForOperatingSystem("UBUNTU"), Apt(name, priority, section, repository), Now);
        Assert.Equal(approved, d.Approved);
    }

    [Theory]
    // PRIORITY and SECTION are the apt keys; EnableNonSecurity opens the -updates pocket.
    [InlineData("PRIORITY", "Required,Important", "Important", "libs", true)]
    [InlineData("PRIORITY", "Required", "Optional", "libs", false)]
    [InlineData("SECTION", "libs", "Optional", "libs", true)]
    [InlineData("SECTION", "net", "Optional", "libs", false)]
    // Wildcards inside a value.
    [InlineData("SECTION", "li*", "Optional", "libs", true)]
    public void AptFilterKeys_SelectByPriorityAndSection(string key, string values, string priority, string section, bool approved)
    {
        var b = new PatchBaseline
        {
            BaselineId = "pb-0123456789abcdef0", Name = "apt", OperatingSystem = "DEBIAN",
            ApprovalRules = [new([new(key, values.Split(','))], "HIGH", null, null, true)],
        };
        var d = BaselineEvaluator.Evaluate(b, Apt("libssl3", priority, section, "bookworm-updates"), Now);
        Assert.Equal(approved, d.Approved);
    }

    [Fact]
    public void AptRules_IgnoreApproveAfterDays_BecausePackagesCarryNoReleaseDate()
    {
        var b = new PatchBaseline
        {
            BaselineId = "pb-0123456789abcdef0", Name = "apt", OperatingSystem = "UBUNTU",
            ApprovalRules = [new([new("PRIORITY", ["*"])], "LOW", 360, null, false)],
        };
        var d = BaselineEvaluator.Evaluate(b, Apt("openssl", "Important", "libs", "jammy-security"), Now);
        Assert.True(d.Approved);
        Assert.Equal(ApprovalStatus.Approved, d.Status);
        Assert.Null(d.ApprovalDate);
        Assert.Contains("no release date", d.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // AWS-DefaultPatchBaseline: CriticalUpdates and SecurityUpdates rated Critical or Important, 7 days after release.
    [InlineData("SecurityUpdates", "Critical", 7, true)]
    [InlineData("CriticalUpdates", "Important", 30, true)]
    [InlineData("SecurityUpdates", "Moderate", 30, false)]
    [InlineData("Updates", "Critical", 30, false)]
    [InlineData("SecurityUpdates", "Critical", 6, false)]
    public void PredefinedWindowsBaseline_ApprovesAsDocumented(string classification, string msrc, int daysOld, bool approved)
    {
        var d = BaselineEvaluator.Evaluate(PredefinedBaselines.Windows, Kb("KB5034439", classification, msrc, daysOld), Now);
        Assert.Equal(approved, d.Approved);
    }

    [Theory]
    // PRODUCT_FAMILY and PATCH_SET separate Office from the OS.
    [InlineData("PRODUCT_FAMILY", "Office", "Office", "APPLICATION", true)]
    [InlineData("PRODUCT_FAMILY", "Office", "Windows", "OS", false)]
    [InlineData("PATCH_SET", "APPLICATION", "Office", "APPLICATION", true)]
    [InlineData("PATCH_SET", "APPLICATION", "Windows", "OS", false)]
    public void WindowsFilterKeys_SelectByProductFamilyAndPatchSet(string key, string value, string family, string patchSet, bool approved)
    {
        var b = new PatchBaseline
        {
            BaselineId = "pb-0123456789abcdef0", Name = "win", OperatingSystem = "WINDOWS",
            ApprovalRules = [new([new(key, [value]), new("PRODUCT", ["*"])], "CRITICAL", 0, null, false)],
        };
        var d = BaselineEvaluator.Evaluate(b, Kb("KB5002580", "SecurityUpdates", "Important", 1, "Office 2016", family, patchSet), Now);
        Assert.Equal(approved, d.Approved);
    }

    [Fact]
    public void PendingRule_ReportsApprovalDay_AndStatusPendingApproval()
    {
        var d = BaselineEvaluator.Evaluate(PredefinedBaselines.AmazonLinux2, Rpm("Security", "Critical", 3), Now);
        Assert.False(d.Approved);
        Assert.Equal(ApprovalStatus.PendingApproval, d.Status);
        Assert.Contains("approval on 2026-12-03", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ApprovedRule_ApprovalDateIsReleasePlusDays_AtMidnightUtc()
    {
        var d = BaselineEvaluator.Evaluate(PredefinedBaselines.AmazonLinux2, Rpm("Security", "Important", 10), Now);
        Assert.Equal(ApprovalStatus.Approved, d.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), d.ApprovalDate);
    }

    [Fact]
    public void FirstMatchingRule_GivesTheComplianceLevel_AndALaterRuleCanApproveWhileAnEarlierOneWaits()
    {
        var b = new PatchBaseline
        {
            BaselineId = "pb-0123456789abcdef0", Name = "two", OperatingSystem = "AMAZON_LINUX_2",
            ApprovalRules =
            [
                new([new("SEVERITY", ["Critical"])], "CRITICAL", 30, null, false),
                new([new("CLASSIFICATION", ["Security"])], "LOW", 0, null, false),
            ],
        };
        var fresh = BaselineEvaluator.Evaluate(b, Rpm("Security", "Critical", 2), Now);
        Assert.True(fresh.Approved);
        Assert.Equal("LOW", fresh.ComplianceLevel);
        var old = BaselineEvaluator.Evaluate(b, Rpm("Security", "Critical", 40), Now);
        Assert.Equal("CRITICAL", old.ComplianceLevel);
    }

    [Theory]
    // Approved and rejected list formats (reference 5.1): NEVRA with epoch, epoch-first, Bugzilla number.
    [InlineData("openssl-libs-1:1.0.2k-24.amzn2.0.7.x86_64", true)]
    [InlineData("1:openssl-libs-1.0.2k-24.amzn2.0.7.x86_64", true)]
    [InlineData("openssl-libs-1.0.2k-24.amzn2.0.7.x86_64", true)]
    [InlineData("1234567", true)]
    [InlineData("openssl-libs-1.0.2k-24.amzn2.0.8", false)]
    public void Matches_AcceptsTheDocumentedIdFormats(string entry, bool matches)
    {
        var patch = Rpm("Security", "Critical", 30) with { BugzillaIds = ["1234567"] };
        Assert.Equal(matches, BaselineEvaluator.Matches(entry, patch));
    }

    [Fact]
    public void ApprovedPatches_NeedApprovedPatchesEnableNonSecurity_ForUpdatesWithoutAdvisory()
    {
        var b = PredefinedBaselines.AmazonLinux2 with { ApprovedPatches = ["openssl-libs"] };
        var noAdvisory = Rpm("", "", 30, advisory: "");
        Assert.False(BaselineEvaluator.Evaluate(b, noAdvisory, Now).Approved);
        var d = BaselineEvaluator.Evaluate(b with { ApprovedPatchesEnableNonSecurity = true }, noAdvisory, Now);
        Assert.True(d.Approved);
        Assert.Equal(ApprovalStatus.ExplicitApproved, d.Status);
    }

    [Theory]
    // Available-patches query keys reuse the same matcher.
    [InlineData("NAME", "openssl*", true)]
    [InlineData("VERSION", "1.0.2k", true)]
    [InlineData("RELEASE", "24.amzn2.0.7", true)]
    [InlineData("EPOCH", "1", true)]
    [InlineData("ADVISORY_ID", "ALAS2-2026-0001", true)]
    [InlineData("SECURITY", "false", false)]
    [InlineData("ARCH", "noarch", false)]
    public void FilterMatches_SupportsAvailablePatchKeys(string key, string value, bool matches)
    {
        Assert.Equal(matches, BaselineEvaluator.FilterMatches(new PatchFilter(key, [value]), Rpm("Security", "Low", 1), "AMAZON_LINUX_2"));
    }
}
