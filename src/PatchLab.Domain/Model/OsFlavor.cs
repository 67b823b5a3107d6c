namespace PatchLab.Domain.Model;

/// <summary>An OS flavour PatchLab can launch.</summary>
/// <param name="Name">CLI name, e.g. AmazonLinux2.</param>
/// <param name="OperatingSystem">SSM OperatingSystem value, e.g. AMAZON_LINUX_2.</param>
/// <param name="PlatformType">Linux or Windows.</param>
/// <param name="PlatformName">DescribeInstanceInformation PlatformName.</param>
/// <param name="PlatformVersion">PlatformVersion.</param>
/// <param name="CatalogFile">Catalog file name under fixtures/catalogs.</param>
public sealed record OsFlavor(string Name, string OperatingSystem, string PlatformType, string PlatformName, string PlatformVersion, string CatalogFile)
{
    /// <summary>Amazon Linux 2.</summary>
    public static readonly OsFlavor AmazonLinux2 = new("AmazonLinux2", "AMAZON_LINUX_2", "Linux", "Amazon Linux", "2", "amazon-linux-2.json");

    /// <summary>Flavours available now. Others from issue 4/5 (AL2023, Ubuntu, Debian, Windows) come with their catalogs.</summary>
    public static IReadOnlyList<OsFlavor> All { get; } = [AmazonLinux2];

    /// <summary>Finds a flavour by name (case-insensitive).</summary>
    public static OsFlavor? Find(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
