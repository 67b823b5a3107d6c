using PatchLab.Domain.Baselines;

namespace PatchLab.Emulator.Backend;

/// <summary>One package version of a catalog advisory, as DescribeAvailablePatches lists it and baselines evaluate it.</summary>
/// <param name="OperatingSystem">SSM OperatingSystem of the catalog (AMAZON_LINUX_2, …).</param>
/// <param name="Info">What baselines filter on.</param>
/// <param name="Title">Title (advisory id and package for Linux, update title for Windows).</param>
/// <param name="ContentUrl">Advisory page.</param>
/// <param name="Vendor">Vendor.</param>
/// <param name="RebootRequired">The update takes effect after a boot.</param>
/// <param name="SizeKb">Download size.</param>
public sealed record CatalogPatch(string OperatingSystem, PatchInfo Info, string Title, string ContentUrl, string Vendor, bool RebootRequired, int SizeKb)
{
    /// <summary>Patch id as PatchLab reports it: name-epoch:version-release.arch on Linux, the KB id on Windows [U].</summary>
    public string Id => OperatingSystem == "WINDOWS" ? Info.Name : $"{Info.Name}-{Info.Epoch}:{Info.Version}.{Info.Arch}";
}
