using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Patching;

/// <summary>A catalog update offered for an installed package, with the wire candidate sent to the emulator.</summary>
internal sealed record CandidateEntry(InstalledPackage Installed, CatalogUpdate Update, CatalogUpdatePackage Package, PatchCandidate Candidate)
{
    public string DecisionKey => PatchPlanner.DecisionKey(Package.Name, Package.Arch, Package.Epoch, Package.Version);
}
