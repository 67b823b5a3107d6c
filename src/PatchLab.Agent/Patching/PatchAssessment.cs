using PatchLab.Agent.State;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Patching;

/// <summary>One installed package's patch state, and the update to install when it is Missing.</summary>
internal sealed record PatchAssessment(
    InstalledPackage Package,
    PatchState State,
    string Title,
    string Classification,
    string Severity,
    DateTimeOffset? InstalledTime,
    IReadOnlyList<string> Cves,
    string ComplianceLevel,
    CatalogUpdate? TargetUpdate,
    CatalogUpdatePackage? Target)
{
    /// <summary>Set when the target update needs a package the baseline blocks (RejectedPatchesAction BLOCK): it cannot be installed.</summary>
    public string BlockedBy { get; init; } = "";

    /// <summary>KBId of the compliance item: the KB id on Windows; "" means name.arch.</summary>
    public string KbId { get; init; } = "";

    public PatchRecord ToRecord() => new()
    {
        Title = Title,
        KBId = KbId.Length > 0 ? KbId : Package.Key,
        Classification = Classification,
        Severity = Severity,
        State = StatusRules.ToWire(State),
        InstalledTime = InstalledTime,
        CveIds = [.. Cves],
        ComplianceLevel = ComplianceLevel,
    };
}
