namespace PatchLab.Tui.Models;

/// <summary>One instance's patch summary as DescribeInstancePatchStates reports it.</summary>
public sealed record PatchStateItem
{
    /// <summary>Instance.</summary>
    public required string InstanceId { get; init; }
    /// <summary>Patch group at report time.</summary>
    public string PatchGroup { get; init; } = "";
    /// <summary>Baseline used.</summary>
    public string BaselineId { get; init; } = "";
    /// <summary>Scan or Install.</summary>
    public string Operation { get; init; } = "";
    /// <summary>When the operation ended.</summary>
    public DateTimeOffset? OperationEndTime { get; init; }
    /// <summary>Installed.</summary>
    public int Installed { get; init; }
    /// <summary>Installed, not in the baseline.</summary>
    public int InstalledOther { get; init; }
    /// <summary>Installed, waiting for a reboot.</summary>
    public int InstalledPendingReboot { get; init; }
    /// <summary>Installed although the baseline rejects it.</summary>
    public int InstalledRejected { get; init; }
    /// <summary>Missing.</summary>
    public int Missing { get; init; }
    /// <summary>Failed to install.</summary>
    public int Failed { get; init; }
    /// <summary>Not applicable.</summary>
    public int NotApplicable { get; init; }
    /// <summary>Non-compliant patches of severity Critical.</summary>
    public int CriticalNonCompliant { get; init; }
    /// <summary>Non-compliant security patches.</summary>
    public int SecurityNonCompliant { get; init; }
    /// <summary>Other non-compliant patches.</summary>
    public int OtherNonCompliant { get; init; }

    /// <summary>
    /// COMPLIANT unless a patch is missing, failed, rejected-but-installed or waiting for a reboot, the counts
    /// AWS treats as non-compliant under the default compliance rules.
    /// </summary>
    public bool IsCompliant => Missing == 0 && Failed == 0 && InstalledPendingReboot == 0 && InstalledRejected == 0;
}
