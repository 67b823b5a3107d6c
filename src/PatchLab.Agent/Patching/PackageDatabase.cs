namespace PatchLab.Agent.Patching;

/// <summary>$STATE/packages.json: what is installed on this instance, plus the patch state that must survive reboots.</summary>
internal sealed class PackageDatabase
{
    public string Os { get; set; } = "";
    public int AgeDays { get; set; }

    /// <summary>Newest advisory date minus AgeDays: advisories released before it were applied before launch.</summary>
    public DateTimeOffset Cutoff { get; set; }

    /// <summary>Last Install run with RebootOption NoReboot (AWS LastNoRebootInstallOperationTime).</summary>
    public DateTimeOffset? LastNoRebootInstallOperationTime { get; set; }

    public List<InstalledPackage> Packages { get; set; } = [];
}
