using PatchLab.Domain.Baselines;

namespace PatchLab.Domain.Tests.Baselines;

/// <summary>Per-OS checks of CreatePatchBaseline / UpdatePatchBaseline (reference 5.1).</summary>
public sealed class BaselineValidatorTests
{
    private static PatchBaseline With(string os, params PatchRule[] rules) =>
        new() { BaselineId = "pb-0123456789abcdef0", Name = "b", OperatingSystem = os, ApprovalRules = rules };

    private static PatchRule Rule(string key, string value, int? days = 7, string? until = null) => new([new(key, [value])], "HIGH", days, until, false);

    [Theory]
    // AWS's own text for a value the OS does not know (terraform-provider-aws#18359).
    [InlineData("AMAZON_LINUX", "PRODUCT", "All", "Invalid Filter Value: All for Key: PRODUCT, valid values are: AmazonLinux2012.03, AmazonLinux2012.09")]
    [InlineData("AMAZON_LINUX_2", "SEVERITY", "Moderate", "Invalid Filter Value: Moderate for Key: SEVERITY, valid values are: Critical, Important, Medium, Low")]
    [InlineData("REDHAT_ENTERPRISE_LINUX", "SEVERITY", "Medium", "valid values are: Critical, Important, Moderate, Low")]
    [InlineData("WINDOWS", "MSRC_SEVERITY", "Severe", "valid values are: Critical, Important, Moderate, Low, Unspecified")]
    [InlineData("UBUNTU", "PRIORITY", "High", "valid values are: Required, Important, Standard, Optional, Extra")]
    // Keys valid for another OS only.
    [InlineData("AMAZON_LINUX_2", "PRIORITY", "Required", "Invalid Filter Key: PRIORITY for OperatingSystem: AMAZON_LINUX_2, valid keys are: PRODUCT, CLASSIFICATION, SEVERITY")]
    [InlineData("UBUNTU", "SEVERITY", "Critical", "valid keys are: PRODUCT, SECTION, PRIORITY")]
    [InlineData("WINDOWS", "SEVERITY", "Critical", "valid keys are: PATCH_SET, PRODUCT, PRODUCT_FAMILY, CLASSIFICATION, MSRC_SEVERITY")]
    public void Validate_RefusesKeysAndValuesTheOsDoesNotKnow(string os, string key, string value, string expected)
    {
        var error = BaselineValidator.Validate(With(os, Rule(key, value, days: os is "UBUNTU" ? null : 7)));
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    // "*" is valid for every key; SECTION is free text; Windows application products are an open set.
    [InlineData("AMAZON_LINUX_2", "PRODUCT", "*")]
    [InlineData("DEBIAN", "SECTION", "anything-goes")]
    [InlineData("AMAZON_LINUX_2023", "SEVERITY", "None")]
    public void Validate_AcceptsWildcardsAndOpenSets(string os, string key, string value) =>
        Assert.Null(BaselineValidator.Validate(With(os, Rule(key, value, days: os is "DEBIAN" ? null : 7))));

    [Theory]
    [InlineData(7, "2024-01-01", "sets both ApproveAfterDays and ApproveUntilDate")]
    [InlineData(null, null, "needs ApproveAfterDays (0-360) or ApproveUntilDate")]
    [InlineData(null, "2024-13-01", "is not a date: use YYYY-MM-DD")]
    public void Validate_NeedsExactlyOneApprovalDelay(int? days, string? until, string expected) =>
        Assert.Contains(expected, BaselineValidator.Validate(With("AMAZON_LINUX_2", Rule("CLASSIFICATION", "Security", days, until))), StringComparison.Ordinal);

    [Fact]
    public void Validate_AcceptsAptRulesWithoutDelay_BecauseAptHasNoReleaseDates() =>
        Assert.Null(BaselineValidator.Validate(With("UBUNTU", Rule("PRIORITY", "Required", days: null))));

    [Fact]
    public void Validate_RefusesLinuxOnlyMembersOnWindows_AndWindowsOnlyMembersOnLinux()
    {
        var windows = With("WINDOWS", Rule("CLASSIFICATION", "SecurityUpdates"));
        Assert.Contains("Linux operating systems only", BaselineValidator.Validate(windows with { Sources = [new("repo", ["*"], "[repo]")] }), StringComparison.Ordinal);
        Assert.Contains("Linux operating systems only", BaselineValidator.Validate(windows with { ApprovedPatchesEnableNonSecurity = true }), StringComparison.Ordinal);
        var linux = With("AMAZON_LINUX_2", Rule("CLASSIFICATION", "Security"));
        Assert.Contains("WINDOWS baselines only", BaselineValidator.Validate(linux with { AvailableSecurityUpdatesComplianceStatus = "COMPLIANT" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WindowsApplicationRule_MustNameAProduct()
    {
        var rule = new PatchRule([new("PATCH_SET", ["APPLICATION"]), new("PRODUCT_FAMILY", ["Office"])], "HIGH", 7, null, false);
        Assert.Contains("must name at least one PRODUCT", BaselineValidator.Validate(With("WINDOWS", rule)), StringComparison.Ordinal);
        var withProduct = rule with { Filters = [.. rule.Filters, new("PRODUCT", ["Office 2016"])] };
        Assert.Null(BaselineValidator.Validate(With("WINDOWS", withProduct)));
    }

    [Fact]
    public void PredefinedBaselines_AllPassTheirOwnValidation_AndCoverEveryOperatingSystem()
    {
        foreach (var b in PredefinedBaselines.All)
        {
            Assert.Null(BaselineValidator.Validate(b));
            Assert.StartsWith(PredefinedBaselines.Owner + "pb-", b.BaselineId, StringComparison.Ordinal);
            Assert.Matches("^arn:aws:ssm:us-east-1:075727635805:patchbaseline/pb-[0-9a-f]{17}$", b.BaselineId);
        }
        Assert.Equal(PatchProperties.OperatingSystems.Order(), PredefinedBaselines.All.Select(b => b.OperatingSystem).Distinct().Order());
        Assert.Equal("AWS-DefaultPatchBaseline", PredefinedBaselines.ForOperatingSystem("WINDOWS").Name);
    }
}
