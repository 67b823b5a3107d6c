namespace PatchLab.Agent.Patching;

/// <summary>One row of the instance's rpm database.</summary>
internal sealed class InstalledPackage
{
    public const string InstalledByImage = "image";
    public const string InstalledByPatchManager = "PatchManager";

    public string Name { get; set; } = "";
    public string Arch { get; set; } = "x86_64";
    public int Epoch { get; set; }

    /// <summary>version-release.</summary>
    public string Version { get; set; } = "";

    /// <summary>Emulator time.</summary>
    public DateTimeOffset InstalledTime { get; set; }

    /// <summary><see cref="InstalledByImage"/> (base image or applied before launch) or <see cref="InstalledByPatchManager"/>.</summary>
    public string InstalledBy { get; set; } = InstalledByImage;

    /// <summary>Advisory that brought the installed version, when known.</summary>
    public string AdvisoryId { get; set; } = "";

    /// <summary>Installed by Patch Manager from a reboot-required advisory and no boot since.</summary>
    public bool PendingReboot { get; set; }

    public string Key => Name + "." + Arch;
}
