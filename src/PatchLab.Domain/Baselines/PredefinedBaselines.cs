namespace PatchLab.Domain.Baselines;

/// <summary>
/// AWS-owned baselines (reference 5.3), read-only, addressed by their full us-east-1 ARNs owned by account 075727635805.
/// </summary>
/// <remarks>
/// The ids of the default baseline of every OS are AWS's us-east-1 ids (moto's default_baselines.json, generated from
/// the real service). The two extra Windows baselines, AWS-WindowsPredefinedPatchBaseline-OS and -OS-Applications, are
/// not in that table: their ids here are plausible stand-ins [U]. Rules follow the user guide's description of each
/// baseline; compliance level is UNSPECIFIED everywhere, as AWS documents.
/// </remarks>
public static class PredefinedBaselines
{
    /// <summary>ARN prefix of AWS-owned baselines in us-east-1.</summary>
    public const string Owner = "arn:aws:ssm:us-east-1:075727635805:patchbaseline/";

    private static readonly DateTimeOffset Published = new(2018, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PatchRule Rule(int days, bool nonSecurity, params PatchFilter[] filters) => new(filters, "UNSPECIFIED", days, null, nonSecurity);

    private static PatchFilter F(string key, params string[] values) => new(key, values);

    private static PatchBaseline Make(string id, string name, string os, string description, params PatchRule[] rules) => new()
    {
        BaselineId = Owner + id, Name = name, OperatingSystem = os, Description = description, IsPredefined = true, ApprovalRules = rules,
        CreatedDate = Published, ModifiedDate = Published,
    };

    /// <summary>Security Critical/Important plus Bugfix, 7 days: the Amazon Linux and Red Hat family rule.</summary>
    private static PatchRule[] SecurityAndBugfix(params string[] severities) =>
    [
        Rule(7, false, F("PRODUCT", "*"), F("CLASSIFICATION", "Security"), F("SEVERITY", severities)),
        Rule(7, false, F("PRODUCT", "*"), F("CLASSIFICATION", "Bugfix"), F("SEVERITY", "*")),
    ];

    private static PatchRule AptSecurity() =>
        new([F("PRODUCT", "*"), F("SECTION", "*"), F("PRIORITY", "Required", "Important", "Standard", "Optional", "Extra")], "UNSPECIFIED", 0, null, false);

    private static PatchRule WindowsOs() => Rule(7, false, F("PRODUCT", "*"), F("CLASSIFICATION", "CriticalUpdates", "SecurityUpdates"), F("MSRC_SEVERITY", "Critical", "Important"));

    /// <summary>AWS-AmazonLinux2DefaultPatchBaseline: Security Critical/Important and Bugfix, 7 days after release.</summary>
    public static PatchBaseline AmazonLinux2 { get; } = Make("pb-0be8c61cde3be63f3", "AWS-AmazonLinux2DefaultPatchBaseline", "AMAZON_LINUX_2",
        "Default Patch Baseline for Amazon Linux 2 Provided by AWS.", SecurityAndBugfix("Critical", "Important"));

    /// <summary>AWS-DefaultPatchBaseline: the default for WINDOWS (Critical and Security updates rated Critical/Important, 7 days).</summary>
    public static PatchBaseline Windows { get; } = Make("pb-09ca3fb51f0412ec3", "AWS-DefaultPatchBaseline", "WINDOWS",
        "Default Patch Baseline Provided by AWS.", WindowsOs());

    /// <summary>Every AWS-owned baseline PatchLab serves, in DescribePatchBaselines order.</summary>
    public static IReadOnlyList<PatchBaseline> All { get; } =
    [
        Windows,
        Make("pb-0a4a3d8f1e6c7b2d5", "AWS-WindowsPredefinedPatchBaseline-OS", "WINDOWS",
            "Windows Predefined Patch Baseline for OS Provided by AWS.", WindowsOs()),
        Make("pb-0f1e2d3c4b5a69788", "AWS-WindowsPredefinedPatchBaseline-OS-Applications", "WINDOWS",
            "Windows Predefined Patch Baseline for OS and Applications Provided by AWS.", WindowsOs(),
            Rule(7, false, F("PATCH_SET", "APPLICATION"), F("PRODUCT_FAMILY", "*"), F("PRODUCT", "*"), F("CLASSIFICATION", "CriticalUpdates", "SecurityUpdates"),
                F("MSRC_SEVERITY", "Critical", "Important"))),
        Make("pb-0c10e657807c7a700", "AWS-AmazonLinuxDefaultPatchBaseline", "AMAZON_LINUX",
            "Default Patch Baseline for Amazon Linux Provided by AWS.", SecurityAndBugfix("Critical", "Important")),
        AmazonLinux2,
        Make("pb-0028ca011460d5eaf", "AWS-AmazonLinux2022DefaultPatchBaseline", "AMAZON_LINUX_2022",
            "Default Patch Baseline for Amazon Linux 2022 Provided by AWS.", SecurityAndBugfix("Critical", "Important")),
        Make("pb-05c9c9bf778d4c4d0", "AWS-AmazonLinux2023DefaultPatchBaseline", "AMAZON_LINUX_2023",
            "Default Patch Baseline for Amazon Linux 2023 Provided by AWS.", SecurityAndBugfix("Critical", "Important")),
        Make("pb-0cbb3a633de00f07c", "AWS-RedHatDefaultPatchBaseline", "REDHAT_ENTERPRISE_LINUX",
            "Default Patch Baseline for Redhat Enterprise Linux Provided by AWS.", SecurityAndBugfix("Critical", "Important")),
        Make("pb-03ec98bc512aa3ac0", "AWS-RockyLinuxDefaultPatchBaseline", "ROCKY_LINUX",
            "Default Patch Baseline for Rocky Linux Provided by AWS.", SecurityAndBugfix("Critical", "Important")),
        Make("pb-0cb0c4966f86b059b", "AWS-AlmaLinuxDefaultPatchBaseline", "ALMA_LINUX",
            "Default Patch Baseline for Alma Linux Provided by AWS.", SecurityAndBugfix("Critical", "Important")),
        Make("pb-06bff38e95fe85c02", "AWS-OracleLinuxDefaultPatchBaseline", "ORACLE_LINUX",
            "Default Patch Baseline for Oracle Linux Server Provided by AWS.", SecurityAndBugfix("Important", "Moderate")),
        Make("pb-07d8884178197b66b", "AWS-SuseDefaultPatchBaseline", "SUSE",
            "Default Patch Baseline for Suse Provided by AWS.",
            Rule(7, false, F("PRODUCT", "*"), F("CLASSIFICATION", "Security"), F("SEVERITY", "Critical", "Important"))),
        Make("pb-03e3f588eec25344c", "AWS-CentOSDefaultPatchBaseline", "CENTOS",
            "Default Patch Baseline for CentOS Provided by AWS.",
            Rule(7, true, F("PRODUCT", "*"), F("CLASSIFICATION", "*"), F("SEVERITY", "*"))),
        Make("pb-0c7e89f711c3095f4", "AWS-UbuntuDefaultPatchBaseline", "UBUNTU",
            "Default Patch Baseline for Ubuntu Provided by AWS.", AptSecurity()),
        Make("pb-09a5f8eb62bde80b1", "AWS-DebianDefaultPatchBaseline", "DEBIAN",
            "Default Patch Baseline for Debian Provided by AWS.", AptSecurity()),
        Make("pb-0ec16280999c5c75e", "AWS-DefaultRaspbianPatchBaseline", "RASPBIAN",
            "Default Patch Baseline for Raspbian Provided by AWS.", AptSecurity()),
        Make("pb-0ee4f94581368c0d4", "AWS-MacOSDefaultPatchBaseline", "MACOS",
            "Default Patch Baseline for MacOS Provided by AWS.", Rule(7, false, F("PRODUCT", "*"), F("CLASSIFICATION", "*"))),
    ];

    /// <summary>The AWS-owned baseline with this full ARN, or null (AWS-owned baselines are addressed by ARN only).</summary>
    public static PatchBaseline? Find(string baselineId) => All.FirstOrDefault(b => b.BaselineId == baselineId);

    /// <summary>The AWS-owned default baseline of an OperatingSystem value (AWS-DefaultPatchBaseline for WINDOWS).</summary>
    public static PatchBaseline ForOperatingSystem(string operatingSystem) =>
        operatingSystem == "WINDOWS" ? Windows : All.First(b => b.OperatingSystem == operatingSystem);
}
