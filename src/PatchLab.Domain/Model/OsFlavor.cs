namespace PatchLab.Domain.Model;

/// <summary>An OS flavour PatchLab can launch.</summary>
/// <param name="Name">CLI name, e.g. AmazonLinux2.</param>
/// <param name="OperatingSystem">SSM OperatingSystem value, e.g. AMAZON_LINUX_2.</param>
/// <param name="PlatformType">Linux or Windows.</param>
/// <param name="PlatformName">DescribeInstanceInformation PlatformName.</param>
/// <param name="PlatformVersion">PlatformVersion.</param>
/// <param name="CatalogFile">Catalog file name under fixtures/catalogs.</param>
/// <remarks>
/// Platform fields are what DescribeInstanceInformation shows on real nodes (reference: "Amazon Linux"/"2", "Ubuntu",
/// "10.0.17763" style Windows versions; the Debian and Windows names follow real nodes [U]):
/// "Ubuntu"/"22.04", "Debian GNU/Linux"/"12", "Microsoft Windows Server 2022 Datacenter"/"10.0.20348". Windows is
/// simulated: the instance is a Linux container whose agent reports these fields and patches from the Windows catalog.
/// </remarks>
public sealed record OsFlavor(string Name, string OperatingSystem, string PlatformType, string PlatformName, string PlatformVersion, string CatalogFile)
{
    /// <summary>Amazon Linux 2.</summary>
    public static readonly OsFlavor AmazonLinux2 = new("AmazonLinux2", "AMAZON_LINUX_2", "Linux", "Amazon Linux", "2", "amazon-linux-2.json");

    /// <summary>Amazon Linux 2023 (dnf).</summary>
    public static readonly OsFlavor AmazonLinux2023 = new("AmazonLinux2023", "AMAZON_LINUX_2023", "Linux", "Amazon Linux", "2023", "amazon-linux-2023.json");

    /// <summary>Ubuntu 22.04 LTS (jammy, apt).</summary>
    public static readonly OsFlavor Ubuntu2204 = new("Ubuntu2204", "UBUNTU", "Linux", "Ubuntu", "22.04", "ubuntu-22.04.json");

    /// <summary>Debian 12 (bookworm, apt); its catalog is generated from the real bookworm package lists.</summary>
    public static readonly OsFlavor Debian12 = new("Debian12", "DEBIAN", "Linux", "Debian GNU/Linux", "12", "debian-12.json");

    /// <summary>Windows Server 2022 Datacenter (simulated platform).</summary>
    public static readonly OsFlavor WindowsServer2022 =
        new("WindowsServer2022", "WINDOWS", "Windows", "Microsoft Windows Server 2022 Datacenter", "10.0.20348", "windows-server-2022.json");

    /// <summary>Every flavour PatchLab can launch.</summary>
    public static IReadOnlyList<OsFlavor> All { get; } = [AmazonLinux2, AmazonLinux2023, Ubuntu2204, Debian12, WindowsServer2022];

    /// <summary>True for the simulated Windows flavour (reboot exit code 3010, PatchWindows step).</summary>
    public bool IsWindows => PlatformType == "Windows";

    /// <summary>Finds a flavour by name (case-insensitive).</summary>
    public static OsFlavor? Find(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>"AmazonLinux2, AmazonLinux2023, …": the valid names, for error messages.</summary>
    public static string ValidNames => string.Join(", ", All.Select(f => f.Name));
}
