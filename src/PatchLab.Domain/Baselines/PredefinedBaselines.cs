namespace PatchLab.Domain.Baselines;

/// <summary>AWS-owned baselines (reference 5.3) with their us-east-1 ARNs (moto's resource table).</summary>
public static class PredefinedBaselines
{
    private const string Owner = "arn:aws:ssm:us-east-1:075727635805:patchbaseline/";

    /// <summary>AWS-AmazonLinux2DefaultPatchBaseline: Security Critical/Important and Bugfix, 7 days after release.</summary>
    public static PatchBaseline AmazonLinux2 { get; } = new()
    {
        BaselineId = Owner + "pb-0be8c61cde3be63f3",
        Name = "AWS-AmazonLinux2DefaultPatchBaseline",
        OperatingSystem = "AMAZON_LINUX_2",
        Description = "Default Patch Baseline for Amazon Linux 2 Provided by AWS.",
        IsPredefined = true,
        ApprovalRules =
        [
            new([new("PRODUCT", ["*"]), new("CLASSIFICATION", ["Security"]), new("SEVERITY", ["Critical", "Important"])], "UNSPECIFIED", 7, null, false),
            new([new("PRODUCT", ["*"]), new("CLASSIFICATION", ["Bugfix"]), new("SEVERITY", ["*"])], "UNSPECIFIED", 7, null, false),
        ],
    };

    /// <summary>Every predefined baseline PatchLab models.</summary>
    public static IReadOnlyList<PatchBaseline> All { get; } = [AmazonLinux2];

    /// <summary>The predefined baseline for an SSM OperatingSystem value, or null when PatchLab does not model it yet.</summary>
    public static PatchBaseline? ForOperatingSystem(string operatingSystem) => All.FirstOrDefault(b => b.OperatingSystem == operatingSystem);
}
