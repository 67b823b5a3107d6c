namespace PatchLab.Tui.Models;

/// <summary>One managed instance, as the fleet view shows it.</summary>
public sealed record InstanceItem
{
    /// <summary>i-...</summary>
    public required string InstanceId { get; init; }
    /// <summary>Name tag.</summary>
    public string Name { get; init; } = "";
    /// <summary>OS flavour.</summary>
    public string Os { get; init; } = "";
    /// <summary>Tags, sorted by key (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];
    /// <summary>Online, ConnectionLost, Inactive.</summary>
    public string PingStatus { get; init; } = "";
    /// <summary>Container state: running, rebooting, stopped, terminated.</summary>
    public string State { get; init; } = "";
    /// <summary>Patch group.</summary>
    public string PatchGroup { get; init; } = "";
    /// <summary>Baseline of the last patch report, empty before the first report.</summary>
    public string BaselineId { get; init; } = "";
    /// <summary>Installed count, null before the first report.</summary>
    public int? Installed { get; init; }
    /// <summary>Missing count.</summary>
    public int? Missing { get; init; }
    /// <summary>Failed count.</summary>
    public int? Failed { get; init; }
    /// <summary>Installed, pending reboot count.</summary>
    public int? PendingReboot { get; init; }
    /// <summary>COMPLIANT, NON_COMPLIANT, or empty before the first report.</summary>
    public string Compliance { get; init; } = "";
}
