namespace PatchLab.Domain.Model;

/// <summary>A fake EC2 instance (managed node).</summary>
public sealed record Instance
{
    /// <summary>i- + 17 hex.</summary>
    public required string InstanceId { get; init; }
    /// <summary>OS flavour name.</summary>
    public required string Os { get; init; }
    /// <summary>SHA-256 of the agent token (hex).</summary>
    public required string TokenHash { get; init; }
    /// <summary>running, rebooting, stopped, terminated.</summary>
    public required string State { get; init; }
    /// <summary>Age in days at launch.</summary>
    public int AgeDays { get; init; }
    /// <summary>Launch instant.</summary>
    public DateTimeOffset LaunchedAt { get; init; }
    /// <summary>Host name.</summary>
    public string? ComputerName { get; init; }
    /// <summary>Linux/Windows.</summary>
    public string? PlatformType { get; init; }
    /// <summary>Amazon Linux …</summary>
    public string? PlatformName { get; init; }
    /// <summary>2 …</summary>
    public string? PlatformVersion { get; init; }
    /// <summary>Agent version.</summary>
    public string? AgentVersion { get; init; }
    /// <summary>First registration.</summary>
    public DateTimeOffset? RegistrationDate { get; init; }
    /// <summary>Last ping (emulator time).</summary>
    public DateTimeOffset? LastPing { get; init; }
    /// <summary>Last boot registration.</summary>
    public DateTimeOffset? LastBoot { get; init; }
    /// <summary>Tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Patch group from the PatchGroup tag, else the Patch Group tag, else "" (reference 5.4; PatchGroup first is [U]).</summary>
    public string PatchGroup => Tags.TryGetValue("PatchGroup", out var g) ? g : Tags.TryGetValue("Patch Group", out var g2) ? g2 : "";

    /// <summary>Name tag or "".</summary>
    public string Name => Tags.TryGetValue("Name", out var n) ? n : "";
}

/// <summary>Patch compliance summary of an instance (InstancePatchState).</summary>
public sealed record PatchState
{
    /// <summary>Instance.</summary>
    public required string InstanceId { get; init; }
    /// <summary>Patch group.</summary>
    public string PatchGroup { get; init; } = "";
    /// <summary>Baseline.</summary>
    public string BaselineId { get; init; } = "";
    /// <summary>Snapshot.</summary>
    public string? SnapshotId { get; init; }
    /// <summary>Install override list.</summary>
    public string? InstallOverrideList { get; init; }
    /// <summary>Counts.</summary>
    public int Installed { get; init; }
    /// <summary>Counts.</summary>
    public int InstalledOther { get; init; }
    /// <summary>Counts.</summary>
    public int InstalledPendingReboot { get; init; }
    /// <summary>Counts.</summary>
    public int InstalledRejected { get; init; }
    /// <summary>Counts.</summary>
    public int Missing { get; init; }
    /// <summary>Counts.</summary>
    public int Failed { get; init; }
    /// <summary>Counts.</summary>
    public int NotApplicable { get; init; }
    /// <summary>-1 when not reported.</summary>
    public int UnreportedNotApplicable { get; init; } = -1;
    /// <summary>Scan or Install.</summary>
    public string Operation { get; init; } = "Scan";
    /// <summary>Start.</summary>
    public DateTimeOffset OperationStartTime { get; init; }
    /// <summary>End.</summary>
    public DateTimeOffset OperationEndTime { get; init; }
    /// <summary>RebootIfNeeded / NoReboot.</summary>
    public string? RebootOption { get; init; }
    /// <summary>Last NoReboot install.</summary>
    public DateTimeOffset? LastNoRebootInstallOperationTime { get; init; }
    /// <summary>Non-compliant patches with level CRITICAL.</summary>
    public int CriticalNonCompliant { get; init; }
    /// <summary>Non-compliant security patches.</summary>
    public int SecurityNonCompliant { get; init; }
    /// <summary>Other non-compliant patches.</summary>
    public int OtherNonCompliant { get; init; }
    /// <summary>Command that reported it.</summary>
    public string? CommandId { get; init; }

    /// <summary>COMPLIANT unless something is missing, failed, pending reboot or installed-rejected (reference 6.3).</summary>
    public bool IsCompliant => Missing == 0 && Failed == 0 && InstalledPendingReboot == 0 && InstalledRejected == 0;
}

/// <summary>One patch on one instance (PatchComplianceData).</summary>
public sealed record InstancePatch
{
    /// <summary>Instance.</summary>
    public required string InstanceId { get; init; }
    /// <summary>KB id / package.arch.</summary>
    public required string KBId { get; init; }
    /// <summary>Title.</summary>
    public required string Title { get; init; }
    /// <summary>Classification.</summary>
    public string Classification { get; init; } = "";
    /// <summary>Severity.</summary>
    public string Severity { get; init; } = "";
    /// <summary>State (CamelCase wire form).</summary>
    public required string State { get; init; }
    /// <summary>Install time, null for Missing.</summary>
    public DateTimeOffset? InstalledTime { get; init; }
    /// <summary>CVE ids.</summary>
    public IReadOnlyList<string> CveIds { get; init; } = [];
    /// <summary>Baseline compliance level.</summary>
    public string ComplianceLevel { get; init; } = "UNSPECIFIED";
}

/// <summary>An entry of the emulator's event log.</summary>
/// <param name="Id">Sequence.</param>
/// <param name="Time">Emulator time.</param>
/// <param name="Kind">window, command, fleet, clock, agent.</param>
/// <param name="Message">Text.</param>
public sealed record LabEvent(long Id, DateTimeOffset Time, string Kind, string Message);
