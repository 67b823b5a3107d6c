namespace PatchLab.Domain.Baselines;

/// <summary>
/// Per-OS facts of Patch Manager: the OperatingSystem values, which patch filter keys a baseline may use for each
/// (DescribePatchProperties documentation, reference 5.1) and the values AWS accepts for them.
/// </summary>
/// <remarks>
/// Value lists are those DescribePatchProperties answers for the common products; AWS adds products over time. Where
/// the set is open (SECTION, Windows application products, macOS) nothing is enumerated and any value of 1–64
/// characters is accepted.
/// </remarks>
public static class PatchProperties
{
    /// <summary>The OperatingSystem enum of the service model.</summary>
    public static IReadOnlyList<string> OperatingSystems { get; } =
    [
        "WINDOWS", "AMAZON_LINUX", "AMAZON_LINUX_2", "AMAZON_LINUX_2022", "AMAZON_LINUX_2023", "UBUNTU", "REDHAT_ENTERPRISE_LINUX", "SUSE",
        "CENTOS", "ORACLE_LINUX", "DEBIAN", "MACOS", "RASPBIAN", "ROCKY_LINUX", "ALMA_LINUX",
    ];

    /// <summary>The PatchFilterKey enum of the service model.</summary>
    public static IReadOnlyList<string> FilterKeys { get; } =
    [
        "ARCH", "ADVISORY_ID", "BUGZILLA_ID", "PATCH_SET", "PRODUCT", "PRODUCT_FAMILY", "CLASSIFICATION", "CVE_ID", "EPOCH", "MSRC_SEVERITY",
        "NAME", "PATCH_ID", "SECTION", "PRIORITY", "REPOSITORY", "RELEASE", "SEVERITY", "SECURITY", "VERSION",
    ];

    /// <summary>PatchComplianceLevel values, most severe first.</summary>
    public static IReadOnlyList<string> ComplianceLevels { get; } = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNSPECIFIED"];

    /// <summary>The PatchProperty enum (DescribePatchProperties' Property).</summary>
    public static IReadOnlyList<string> Properties { get; } = ["PRODUCT", "PRODUCT_FAMILY", "CLASSIFICATION", "MSRC_SEVERITY", "PRIORITY", "SEVERITY"];

    private static readonly string[] YumClassifications = ["Security", "Bugfix", "Enhancement", "Recommended", "Newpackage"];
    private static readonly string[] AmazonSeverities = ["Critical", "Important", "Medium", "Low"];
    private static readonly string[] RedHatSeverities = ["Critical", "Important", "Moderate", "Low"];
    private static readonly string[] AptPriorities = ["Required", "Important", "Standard", "Optional", "Extra"];

    private static readonly Dictionary<string, string[]> Products = new(StringComparer.Ordinal)
    {
        ["AMAZON_LINUX"] =
        [
            "AmazonLinux2012.03", "AmazonLinux2012.09", "AmazonLinux2013.03", "AmazonLinux2013.09", "AmazonLinux2014.03", "AmazonLinux2014.09",
            "AmazonLinux2015.03", "AmazonLinux2015.09", "AmazonLinux2016.03", "AmazonLinux2016.09", "AmazonLinux2017.03", "AmazonLinux2017.09",
            "AmazonLinux2018.03",
        ],
        ["AMAZON_LINUX_2"] = ["AmazonLinux2", "AmazonLinux2.0"],
        ["AMAZON_LINUX_2022"] = ["AmazonLinux2022"],
        ["AMAZON_LINUX_2023"] = ["AmazonLinux2023"],
        ["UBUNTU"] = ["Ubuntu14.04", "Ubuntu16.04", "Ubuntu18.04", "Ubuntu20.04", "Ubuntu20.10", "Ubuntu21.04", "Ubuntu21.10", "Ubuntu22.04", "Ubuntu23.04", "Ubuntu23.10", "Ubuntu24.04"],
        ["DEBIAN"] = ["Debian8", "Debian9", "Debian10", "Debian11", "Debian12"],
        ["RASPBIAN"] = ["Raspbian9", "Raspbian10", "Raspbian11"],
        ["REDHAT_ENTERPRISE_LINUX"] = Versions("RedhatEnterpriseLinux", ["6.5", "6.6", "6.7", "6.8", "6.9", "6.10", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9", "8.0", "8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "8.9", "8.10", "9.0", "9.1", "9.2", "9.3", "9.4", "9.5"]),
        ["CENTOS"] = [.. Versions("CentOS", ["6.5", "6.6", "6.7", "6.8", "6.9", "6.10", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9", "8.0", "8.1", "8.2", "8.3", "8.4", "8.5"]), "CentOSStream8", "CentOSStream9"],
        ["ORACLE_LINUX"] = Versions("OracleLinux", ["6.5", "6.6", "6.7", "6.8", "6.9", "6.10", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9", "8.0", "8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "8.9", "9.0", "9.1", "9.2", "9.3", "9.4"]),
        ["ROCKY_LINUX"] = Versions("RockyLinux", ["8.0", "8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "8.9", "8.10", "9.0", "9.1", "9.2", "9.3", "9.4", "9.5"]),
        ["ALMA_LINUX"] = Versions("AlmaLinux", ["8.0", "8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "8.9", "8.10", "9.0", "9.1", "9.2", "9.3", "9.4", "9.5"]),
        ["SUSE"] = Versions("Suse", ["12.0", "12.1", "12.2", "12.3", "12.4", "12.5", "15.0", "15.1", "15.2", "15.3", "15.4", "15.5", "15.6"]),
        ["WINDOWS"] =
        [
            "WindowsServer2008", "WindowsServer2008R2", "WindowsServer2012", "WindowsServer2012R2", "WindowsServer2016", "WindowsServer2019",
            "WindowsServer2022", "WindowsServer2025", "Windows7", "Windows8", "Windows8.1", "Windows10", "Windows11", "MicrosoftDefenderAntivirus",
        ],
    };

    /// <summary>True for every OperatingSystem value except WINDOWS and MACOS (EnableNonSecurity and Sources apply to Linux only).</summary>
    public static bool IsLinux(string operatingSystem) => operatingSystem is not ("WINDOWS" or "MACOS");

    /// <summary>apt-based systems: no release dates, security means the security pocket, PRIORITY/SECTION filters.</summary>
    public static bool IsApt(string operatingSystem) => operatingSystem is "UBUNTU" or "DEBIAN" or "RASPBIAN";

    /// <summary>
    /// False where packages carry no release date (Ubuntu, Debian, Raspberry Pi OS): ApproveAfterDays and ApproveUntilDate
    /// are accepted but approve immediately (reference 4.3, 5.1 [U]).
    /// </summary>
    public static bool UsesReleaseDates(string operatingSystem) => !IsApt(operatingSystem);

    /// <summary>Filter keys a baseline's GlobalFilters and approval rules may use for this OS (reference 5.1).</summary>
    public static IReadOnlyList<string> BaselineFilterKeys(string operatingSystem) => operatingSystem switch
    {
        "WINDOWS" => ["PATCH_SET", "PRODUCT", "PRODUCT_FAMILY", "CLASSIFICATION", "MSRC_SEVERITY"],
        "UBUNTU" or "DEBIAN" or "RASPBIAN" => ["PRODUCT", "SECTION", "PRIORITY"],
        "MACOS" => ["PRODUCT", "CLASSIFICATION"],
        _ => ["PRODUCT", "CLASSIFICATION", "SEVERITY"],
    };

    /// <summary>Properties DescribePatchProperties answers for this OS (its documentation's per-OS list).</summary>
    public static IReadOnlyList<string> PropertiesFor(string operatingSystem) => operatingSystem switch
    {
        "WINDOWS" => ["PRODUCT", "PRODUCT_FAMILY", "CLASSIFICATION", "MSRC_SEVERITY"],
        "UBUNTU" or "DEBIAN" or "RASPBIAN" => ["PRODUCT", "PRIORITY"],
        "MACOS" => ["PRODUCT", "CLASSIFICATION"],
        _ => ["PRODUCT", "CLASSIFICATION", "SEVERITY"],
    };

    /// <summary>
    /// The values AWS accepts for <paramref name="key"/> on <paramref name="operatingSystem"/>, or null when the set is open
    /// (SECTION, Windows application products, macOS) and only the 1–64 character limit applies.
    /// </summary>
    public static IReadOnlyList<string>? ValuesOf(string operatingSystem, string key, string patchSet = "OS")
    {
        if (operatingSystem == "MACOS")
        {
            return null;
        }
        return key switch
        {
            "PRODUCT" when operatingSystem == "WINDOWS" && patchSet == "APPLICATION" => null,
            "PRODUCT" => Products.GetValueOrDefault(operatingSystem),
            "PRODUCT_FAMILY" when patchSet == "APPLICATION" => null,
            "PRODUCT_FAMILY" => ["Windows"],
            "PATCH_SET" => ["OS", "APPLICATION"],
            "CLASSIFICATION" => operatingSystem switch
            {
                "WINDOWS" => ["CriticalUpdates", "DefinitionUpdates", "Drivers", "FeaturePacks", "SecurityUpdates", "ServicePacks", "Tools", "UpdateRollups", "Updates", "Upgrades"],
                "SUSE" => ["Security", "Recommended", "Optional", "Feature", "Document", "Yast"],
                _ => YumClassifications,
            },
            "MSRC_SEVERITY" => ["Critical", "Important", "Moderate", "Low", "Unspecified"],
            "SEVERITY" => operatingSystem switch
            {
                "AMAZON_LINUX" or "AMAZON_LINUX_2" => AmazonSeverities,
                "AMAZON_LINUX_2022" or "AMAZON_LINUX_2023" => [.. AmazonSeverities, "None"],
                _ => RedHatSeverities,
            },
            "PRIORITY" => AptPriorities,
            _ => null,
        };
    }

    /// <summary>
    /// What DescribePatchProperties lists for an OS and property: the validated values where the set is closed, and
    /// the common values where it is open (Windows applications, macOS) [U: AWS's open lists are longer].
    /// </summary>
    public static IReadOnlyList<string> KnownValues(string operatingSystem, string property, string patchSet = "OS") =>
        ValuesOf(operatingSystem, property, patchSet) ?? (operatingSystem, property) switch
        {
            ("WINDOWS", "PRODUCT") => ["Office 2013", "Office 2016", "Office 2019", "Microsoft 365 Apps", "SQL Server 2016", "SQL Server 2019", "SQL Server 2022", "Exchange Server 2016", "Exchange Server 2019"],
            ("WINDOWS", "PRODUCT_FAMILY") => ["Active Directory", "Developer Tools", "Exchange", "Office", "SQL Server", "System Center"],
            ("MACOS", "PRODUCT") => ["macOS10.14", "macOS10.15", "macOS11", "macOS12", "macOS13", "macOS14", "macOS15"],
            ("MACOS", "CLASSIFICATION") => ["Security", "Recommended"],
            _ => [],
        };

    /// <summary>True when the patch counts as a security update for EnableNonSecurity (reference 4.3, 5.2).</summary>
    /// <remarks>
    /// yum/dnf/zypper: it comes with an updateinfo advisory. apt: it comes from the security pocket (&lt;codename&gt;-security,
    /// debian-security). Windows has no such distinction.
    /// </remarks>
    public static bool IsSecurity(string operatingSystem, PatchInfo patch) => operatingSystem switch
    {
        "WINDOWS" => true,
        _ when IsApt(operatingSystem) => patch.Repository.Contains("security", StringComparison.OrdinalIgnoreCase),
        _ => patch.AdvisoryId.Length > 0,
    };

    private static string[] Versions(string prefix, string[] versions) => [.. versions.Select(v => prefix + v)];
}
