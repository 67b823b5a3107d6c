namespace PatchLab.Domain.Baselines;

/// <summary>An update a node could install (or the version it has), with the metadata baselines filter on.</summary>
/// <param name="Name">Package name (a KB id such as KB5034439 for Windows updates).</param>
/// <param name="Arch">Architecture.</param>
/// <param name="Version">Version offered: rpm version-release, apt version, or empty for Windows.</param>
/// <param name="AdvisoryId">Advisory (ALAS2-…), empty for updates with no advisory (not in updateinfo.xml).</param>
/// <param name="Classification">Security, Bugfix, Enhancement, … (SecurityUpdates, CriticalUpdates, … on Windows).</param>
/// <param name="Severity">Critical, Important, Medium, Low (the MSRC severity on Windows), or empty.</param>
/// <param name="ReleaseDate">Advisory updated date (Windows: release date); drives ApproveAfterDays.</param>
/// <param name="Product">Product, e.g. AmazonLinux2, Ubuntu22.04, WindowsServer2022.</param>
/// <param name="Cves">CVE ids.</param>
public sealed record PatchInfo(string Name, string Arch, string Version, string AdvisoryId, string Classification, string Severity,
    DateTimeOffset ReleaseDate, string Product, IReadOnlyList<string> Cves)
{
    /// <summary>rpm epoch (0 when the package has none).</summary>
    public int Epoch { get; init; }

    /// <summary>Version installed on the node ("" when the package is not installed). Equal to <see cref="Version"/> for the installed version itself.</summary>
    public string InstalledVersion { get; init; } = "";

    /// <summary>apt PRIORITY (Required, Important, Standard, Optional, Extra); empty elsewhere.</summary>
    public string Priority { get; init; } = "";

    /// <summary>apt SECTION (free text, e.g. libs, net); empty elsewhere.</summary>
    public string Section { get; init; } = "";

    /// <summary>Repository or pocket the update comes from, e.g. jammy-security, bookworm-security, amzn2-core.</summary>
    public string Repository { get; init; } = "";

    /// <summary>Windows PRODUCT_FAMILY (Windows, Office, …); empty elsewhere.</summary>
    public string ProductFamily { get; init; } = "";

    /// <summary>Windows PATCH_SET: OS (default) or APPLICATION.</summary>
    public string PatchSet { get; init; } = "OS";

    /// <summary>Bugzilla ids of the advisory.</summary>
    public IReadOnlyList<string> BugzillaIds { get; init; } = [];

    /// <summary>Packages this version needs at the version its own advisory ships (name or name.arch), e.g. openssl → openssl-libs.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>True when this candidate is the version the node already has.</summary>
    public bool IsInstalledVersion => InstalledVersion.Length > 0 && string.Equals(InstalledVersion, Version, StringComparison.Ordinal);

    /// <summary>name.arch, the key DescribeInstancePatches uses on Linux.</summary>
    public string Key => Arch.Length > 0 ? $"{Name}.{Arch}" : Name;
}

/// <summary>The baseline's verdict on one patch.</summary>
/// <param name="Approved">Approved (by a rule or the approved list) and not rejected.</param>
/// <param name="Rejected">In the rejected list.</param>
/// <param name="ComplianceLevel">Compliance level of the approval.</param>
/// <param name="ApprovalDate">When the rule approves (release + ApproveAfterDays); null if not rule-approved.</param>
/// <param name="Reason">Why, in words (for the dashboard and docs).</param>
public sealed record PatchDecision(bool Approved, bool Rejected, string ComplianceLevel, DateTimeOffset? ApprovalDate, string Reason)
{
    /// <summary>The approval status (DescribeEffectivePatchesForPatchBaseline's DeploymentStatus).</summary>
    public ApprovalStatus Status { get; init; }

    /// <summary>
    /// Set on an approved patch that cannot be installed because a package it requires is rejected while
    /// RejectedPatchesAction is BLOCK: Missing on Scan, Failed on Install (reference 5.2).
    /// </summary>
    public string? BlockedBy { get; init; }

    /// <summary>
    /// Set on a patch the baseline does not approve (or rejects under ALLOW_AS_DEPENDENCY) that an approved patch
    /// requires: it is installed with that patch and then counts as InstalledOther.
    /// </summary>
    public string? DependencyOf { get; init; }
}
