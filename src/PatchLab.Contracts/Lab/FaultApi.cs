namespace PatchLab.Contracts.Lab;

/// <summary>
/// Fault injection: the seam between lab files, the CLI, the TUI and the emulator's fault engine.
/// POST <see cref="FaultApi.Faults"/> with a <see cref="FaultSpec"/> answers a <see cref="FaultDto"/>;
/// GET lists every fault of the lab (<see cref="FaultListDto"/>); POST <see cref="FaultApi.Clear"/> ends one early.
/// </summary>
public static class FaultApi
{
    /// <summary>GET (list) / POST (inject).</summary>
    public const string Faults = LabApi.Prefix + "/faults";

    /// <summary>POST: end one fault before its duration is up (an offline instance comes back, a disk is freed).</summary>
    public static string Clear(string faultId) => $"{Faults}/{Uri.EscapeDataString(faultId)}/clear";

    /// <summary>The fault kinds, as written in lab files and on the CLI.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        [PatchInstallFailure, AgentCrash, Offline, SlowReboot, DiskFull, EngineRestart];

    /// <summary>Installing a patch (or any patch, when none is named) fails on the chosen instances.</summary>
    public const string PatchInstallFailure = "patch-install-failure";
    /// <summary>The agent process dies (while running a document, if one is running) and is restarted by the instance.</summary>
    public const string AgentCrash = "agent-crash";
    /// <summary>The instance is unreachable (container paused / process stopped) for Duration.</summary>
    public const string Offline = "offline";
    /// <summary>Reboots of the instance take Duration longer.</summary>
    public const string SlowReboot = "slow-reboot";
    /// <summary>The instance's disk is full: installs fail with "No space left on device".</summary>
    public const string DiskFull = "disk-full";
    /// <summary>The instance runtime (Docker engine) restarts: every instance goes away and comes back.</summary>
    public const string EngineRestart = "engine-restart";
}

/// <summary>One fault to inject. Targets are resolved when the fault starts.</summary>
public sealed class FaultSpec
{
    /// <summary>One of <see cref="FaultApi.Kinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>
    /// Which instances: each entry is an instance id (i-...), a Name tag value, or <c>tag:Key=Value</c>. Empty with
    /// <see cref="Random"/> unset means every instance (for engine-restart, the only choice).
    /// </summary>
    public List<string> Targets { get; set; } = [];

    /// <summary>Pick this many instances at random (seeded by <see cref="Seed"/>) among the matching ones.</summary>
    public int? Random { get; set; }

    /// <summary>Seed for random choices; the same seed chooses the same instances for the same fleet.</summary>
    public int Seed { get; set; }

    /// <summary>For patch-install-failure: the patch (package name, KB id or advisory id); null means any patch.</summary>
    public string? Patch { get; set; }

    /// <summary>When the fault starts, in emulator time; null means now.</summary>
    public DateTimeOffset? At { get; set; }

    /// <summary>How long it lasts (offline: how long unreachable; slow-reboot: the extra reboot time); null means until cleared.</summary>
    public TimeSpan? Duration { get; set; }
}

/// <summary>An injected fault and where it stands.</summary>
public sealed class FaultDto
{
    /// <summary>flt-... id.</summary>
    public string FaultId { get; set; } = "";
    /// <summary>What was asked.</summary>
    public FaultSpec Spec { get; set; } = new();
    /// <summary>"scheduled", "active", "ended".</summary>
    public string State { get; set; } = "";
    /// <summary>Instances it was applied to (empty until it starts).</summary>
    public List<string> InstanceIds { get; set; } = [];
    /// <summary>Emulator time it started, if it has.</summary>
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>Emulator time it ended, if it has.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>Every fault of the lab.</summary>
public sealed class FaultListDto
{
    /// <summary>Oldest first.</summary>
    public List<FaultDto> Faults { get; set; } = [];
}
