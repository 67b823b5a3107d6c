namespace PatchLab.Domain.Baselines;

/// <summary>A patch filter (PatchFilter): Key with OR-ed values; "*" matches anything.</summary>
/// <param name="Key">PRODUCT, CLASSIFICATION, SEVERITY, PRIORITY, SECTION, MSRC_SEVERITY, ...</param>
/// <param name="Values">Values (1–20).</param>
public sealed record PatchFilter(string Key, IReadOnlyList<string> Values);

/// <summary>An approval rule (PatchRule).</summary>
/// <param name="Filters">Filters, AND-ed.</param>
/// <param name="ComplianceLevel">CRITICAL … UNSPECIFIED.</param>
/// <param name="ApproveAfterDays">Days after release, or null.</param>
/// <param name="ApproveUntilDate">yyyy-MM-dd, or null.</param>
/// <param name="EnableNonSecurity">Also approve updates that are not from an advisory / security source.</param>
public sealed record PatchRule(IReadOnlyList<PatchFilter> Filters, string ComplianceLevel, int? ApproveAfterDays, string? ApproveUntilDate,
    bool EnableNonSecurity);

/// <summary>A patch baseline, AWS-owned or custom.</summary>
public sealed record PatchBaseline
{
    /// <summary>pb-… for custom baselines, the full ARN for AWS-owned ones.</summary>
    public required string BaselineId { get; init; }
    /// <summary>Name.</summary>
    public required string Name { get; init; }
    /// <summary>AMAZON_LINUX_2, WINDOWS, UBUNTU, …</summary>
    public required string OperatingSystem { get; init; }
    /// <summary>Description.</summary>
    public string? Description { get; init; }
    /// <summary>Global filters.</summary>
    public IReadOnlyList<PatchFilter> GlobalFilters { get; init; } = [];
    /// <summary>Approval rules.</summary>
    public IReadOnlyList<PatchRule> ApprovalRules { get; init; } = [];
    /// <summary>Explicitly approved patches.</summary>
    public IReadOnlyList<string> ApprovedPatches { get; init; } = [];
    /// <summary>Compliance level for explicitly approved patches.</summary>
    public string ApprovedPatchesComplianceLevel { get; init; } = "UNSPECIFIED";
    /// <summary>Explicitly approved patches include non-security ones.</summary>
    public bool ApprovedPatchesEnableNonSecurity { get; init; }
    /// <summary>Explicitly rejected patches.</summary>
    public IReadOnlyList<string> RejectedPatches { get; init; } = [];
    /// <summary>ALLOW_AS_DEPENDENCY or BLOCK (<see cref="RejectedPatchesActions"/>).</summary>
    public string RejectedPatchesAction { get; init; } = RejectedPatchesActions.AllowAsDependency;
    /// <summary>Alternative repositories (Linux only).</summary>
    public IReadOnlyList<PatchSource> Sources { get; init; } = [];
    /// <summary>COMPLIANT or NON_COMPLIANT for security updates not approved yet (Windows only); null when not set.</summary>
    public string? AvailableSecurityUpdatesComplianceStatus { get; init; }
    /// <summary>True for AWS-owned baselines.</summary>
    public bool IsPredefined { get; init; }
    /// <summary>Creation instant (emulator time; a fixed date for AWS-owned baselines).</summary>
    public DateTimeOffset CreatedDate { get; init; }
    /// <summary>Last modification instant.</summary>
    public DateTimeOffset ModifiedDate { get; init; }
}
