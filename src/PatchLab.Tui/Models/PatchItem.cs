namespace PatchLab.Tui.Models;

/// <summary>One patch of an instance as DescribeInstancePatches reports it.</summary>
public sealed record PatchItem
{
    /// <summary>Instance the patch was reported by.</summary>
    public string InstanceId { get; init; } = "";
    /// <summary>Title (package name, version, release).</summary>
    public string Title { get; init; } = "";
    /// <summary>KB id (the package id on Linux).</summary>
    public string KbId { get; init; } = "";
    /// <summary>Security, Bugfix, ...</summary>
    public string Classification { get; init; } = "";
    /// <summary>Critical, Important, Medium, Low, or empty.</summary>
    public string Severity { get; init; } = "";
    /// <summary>Installed, InstalledOther, InstalledPendingReboot, InstalledRejected, Missing, NotApplicable, Failed.</summary>
    public string State { get; init; } = "";
    /// <summary>When it was installed, null when not installed.</summary>
    public DateTimeOffset? InstalledTime { get; init; }
    /// <summary>CVE ids, comma separated, for missing and failed patches.</summary>
    public string CveIds { get; init; } = "";
}
