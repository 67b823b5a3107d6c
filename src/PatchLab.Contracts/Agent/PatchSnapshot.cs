namespace PatchLab.Contracts.Agent;

/// <summary>
/// The agent's GetDeployablePatchSnapshotForInstance: it sends the updates its repository offers, the emulator applies
/// the instance's patch baseline (resolved from its patch group, at the emulator's clock) and says which are approved.
/// </summary>
public sealed class AgentSnapshotRequest
{
    /// <summary>Snapshot id (the window execution id under a maintenance window).</summary>
    public string SnapshotId { get; set; } = "";
    /// <summary>Packages the instance's repository has, with installed version if any.</summary>
    public List<PatchCandidate> Candidates { get; set; } = [];
    /// <summary>AWS-RunPatchBaseline's BaselineOverride parameter, verbatim ("" = none): the baseline to use instead of the resolved one.</summary>
    public string BaselineOverride { get; set; } = "";
}

/// <summary>One package update known to the instance's repository.</summary>
public sealed class PatchCandidate
{
    /// <summary>Package name, e.g. openssl-libs.</summary>
    public string Name { get; set; } = "";
    /// <summary>Architecture, e.g. x86_64.</summary>
    public string Arch { get; set; } = "x86_64";
    /// <summary>Version offered by the repository.</summary>
    public string Version { get; set; } = "";
    /// <summary>Installed version, or empty when the package is not installed.</summary>
    public string InstalledVersion { get; set; } = "";
    /// <summary>Advisory id, e.g. ALAS2-2023-2100.</summary>
    public string AdvisoryId { get; set; } = "";
    /// <summary>Security, Bugfix, Enhancement, ...</summary>
    public string Classification { get; set; } = "";
    /// <summary>Critical, Important, Medium, Low.</summary>
    public string Severity { get; set; } = "";
    /// <summary>Advisory release (updated) date.</summary>
    public DateTimeOffset ReleaseDate { get; set; }
    /// <summary>CVE ids.</summary>
    public List<string> Cves { get; set; } = [];
    /// <summary>rpm epoch (0 when none).</summary>
    public int Epoch { get; set; }
    /// <summary>Packages this version needs at the version the same advisory ships (name or name.arch); empty when none.</summary>
    public List<string> Requires { get; set; } = [];
    /// <summary>apt Priority (required, important, standard, optional, extra); empty elsewhere.</summary>
    public string Priority { get; set; } = "";
    /// <summary>apt Section (libs, net, …); empty elsewhere.</summary>
    public string Section { get; set; } = "";
    /// <summary>Repository or pocket the version comes from (jammy-security, bookworm-security, …); empty when unknown.</summary>
    public string Repository { get; set; } = "";
}

/// <summary>The baseline's verdict for an instance.</summary>
public sealed class AgentSnapshotResponse
{
    /// <summary>Snapshot id.</summary>
    public string SnapshotId { get; set; } = "";
    /// <summary>Baseline used.</summary>
    public string BaselineId { get; set; } = "";
    /// <summary>Patch group ("" when untagged).</summary>
    public string PatchGroup { get; set; } = "";
    /// <summary>One decision per candidate, same order.</summary>
    public List<PatchDecision> Decisions { get; set; } = [];
    /// <summary>The baseline's RejectedPatchesAction: ALLOW_AS_DEPENDENCY (default) or BLOCK (installed rejected packages are InstalledRejected).</summary>
    public string RejectedPatchesAction { get; set; } = "ALLOW_AS_DEPENDENCY";
    /// <summary>Faults injected into this instance's installs (issue 7); null when none.</summary>
    public AgentInstallFaults? Faults { get; set; }
}

/// <summary>Decision for one candidate.</summary>
public sealed class PatchDecision
{
    /// <summary>Package name.</summary>
    public string Name { get; set; } = "";
    /// <summary>True when the baseline approves this update.</summary>
    public bool Approved { get; set; }
    /// <summary>True when the baseline rejects it explicitly.</summary>
    public bool Rejected { get; set; }
    /// <summary>Compliance level of the approving rule (UNSPECIFIED for predefined baselines).</summary>
    public string ComplianceLevel { get; set; } = "UNSPECIFIED";
    /// <summary>Approved, but needs this package, which the baseline blocks (RejectedPatchesAction BLOCK): Missing on Scan, Failed on Install. "" = not blocked.</summary>
    public string BlockedBy { get; set; } = "";
    /// <summary>Not approved by itself, but installed together with this approved package that requires it. "" = not a dependency.</summary>
    public string DependencyOf { get; set; } = "";
    /// <summary>Why, in words (printed in the command output).</summary>
    public string Reason { get; set; } = "";
}

/// <summary>Per-patch compliance the agent reports after a Scan or Install (PutInventory AWS:PatchSummary + items).</summary>
public sealed class AgentPatchReport
{
    /// <summary>Command that produced the report.</summary>
    public string CommandId { get; set; } = "";
    /// <summary>Scan or Install.</summary>
    public string Operation { get; set; } = "Scan";
    /// <summary>Snapshot used.</summary>
    public string SnapshotId { get; set; } = "";
    /// <summary>Baseline used.</summary>
    public string BaselineId { get; set; } = "";
    /// <summary>Patch group.</summary>
    public string PatchGroup { get; set; } = "";
    /// <summary>RebootIfNeeded or NoReboot.</summary>
    public string RebootOption { get; set; } = "RebootIfNeeded";
    /// <summary>Operation start.</summary>
    public DateTimeOffset OperationStartTime { get; set; }
    /// <summary>Operation end.</summary>
    public DateTimeOffset OperationEndTime { get; set; }
    /// <summary>Set when an Install ran with NoReboot.</summary>
    public DateTimeOffset? LastNoRebootInstallOperationTime { get; set; }
    /// <summary>AWS-RunPatchBaseline's InstallOverrideList of the operation ("" = none), reported in InstancePatchState.</summary>
    public string InstallOverrideList { get; set; } = "";
    /// <summary>Per-patch states.</summary>
    public List<PatchRecord> Patches { get; set; } = [];
}

/// <summary>One patch's state on the instance (DescribeInstancePatches item).</summary>
public sealed class PatchRecord
{
    /// <summary>Title, e.g. openssl-libs.x86_64:1:1.0.2k-24.amzn2.0.7.</summary>
    public string Title { get; set; } = "";
    /// <summary>KBId: the package name.arch on Linux.</summary>
    public string KBId { get; set; } = "";
    /// <summary>Classification.</summary>
    public string Classification { get; set; } = "";
    /// <summary>Severity.</summary>
    public string Severity { get; set; } = "";
    /// <summary>Installed, InstalledOther, InstalledPendingReboot, InstalledRejected, Missing, Failed, NotApplicable.</summary>
    public string State { get; set; } = "";
    /// <summary>Install time; null (epoch 0 on the wire) for Missing.</summary>
    public DateTimeOffset? InstalledTime { get; set; }
    /// <summary>CVE ids (reported for Missing and Failed).</summary>
    public List<string> CveIds { get; set; } = [];
    /// <summary>Compliance level from the baseline.</summary>
    public string ComplianceLevel { get; set; } = "UNSPECIFIED";
}
