using PatchLab.Domain.Model;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Backend;

/// <summary>One compliance item as the Compliance API lists it, whatever wrote it (a patch report or PutComplianceItems).</summary>
internal sealed record ComplianceRecord(string ResourceId, string ComplianceType, string? Id, string? Title, string Status, string Severity,
    IReadOnlyDictionary<string, string> Details)
{
    public bool Compliant => Status == "COMPLIANT";
}

/// <summary>The items of one compliance type on one node, with the execution that produced them.</summary>
internal sealed record ResourceCompliance(string ResourceId, string ComplianceType, DateTimeOffset ExecutionTime, string? ExecutionId, string? ExecutionType,
    IReadOnlyList<ComplianceRecord> Items)
{
    private static readonly string[] Severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNSPECIFIED"];

    public bool Compliant => Items.All(i => i.Compliant);

    public string Status => Compliant ? "COMPLIANT" : "NON_COMPLIANT";

    /// <summary>Worst severity among non-compliant items; UNSPECIFIED when compliant [U].</summary>
    public string OverallSeverity => Compliant ? "UNSPECIFIED" : Severities.First(s => Items.Any(i => !i.Compliant && i.Severity == s));
}

/// <summary>
/// The Compliance API's data (reference 6.3) and PutComplianceItems' rules: Patch compliance comes from the nodes' patch
/// reports, Custom:&lt;name&gt; and Association compliance from PutComplianceItems. A PutComplianceItems of type Patch
/// replaces what the Compliance API lists as the node's Patch compliance until its next patch report (AWS-RunPatchBaseline
/// writes Patch compliance through the same API), while Patch Manager's own views (DescribeInstancePatchStates,
/// DescribeInstancePatches, patch-group state) keep the last patch report.
/// </summary>
/// <remarks>
/// [U] choices: only ManagedInstance resources that PatchLab manages and that are not terminated; ComplianceType is Patch,
/// Association or Custom:&lt;name&gt; (other names matching the model's pattern are InvalidItemContentException); at most 10
/// Custom types per node (ComplianceTypeCountLimitExceededException); item ids must be unique within a request; UploadType
/// PARTIAL only for Association (the model says it is only valid for association compliance) and it replaces the items with
/// the ids it sends, keeping the others; a report with no items keeps its content hash but lists nothing (for Patch it hides
/// the patch report's items until the next one). ItemSizeLimitExceeded and TotalSizeLimitExceeded are never raised: the
/// request body limit (1 MiB) bounds a report first.
/// </remarks>
internal sealed class ComplianceBackend(ComplianceRepository compliance, InstanceRepository instances)
{
    /// <summary>AWS's cap on custom compliance types (ComplianceTypeCountLimitExceededException's documentation).</summary>
    public const int MaxCustomTypes = 10;

    public const string ManagedInstance = "ManagedInstance";
    public const string Patch = "Patch";
    public const string Association = "Association";
    public const string CustomPrefix = "Custom:";

    /// <summary>Result of a PutComplianceItems: stored, or ignored because the content hash matched.</summary>
    public enum PutOutcome
    {
        Stored,
        Unchanged,
    }

    /// <summary>Stores a report (COMPLETE replaces the type's items, PARTIAL merges by item id).</summary>
    public PutOutcome Put(string resourceType, ComplianceReport report, bool partial)
    {
        if (resourceType != ManagedInstance)
        {
            throw new InvalidResourceTypeException($"Resource type {resourceType} has no compliance. ManagedInstance is the only supported resource type.");
        }
        if (instances.Get(report.ResourceId) is not { State: not "terminated" })
        {
            throw new InvalidResourceIdException(
                $"Resource {report.ResourceId} is not a managed node of this PatchLab. ResourceId must be the instance id of a node that is not terminated (i-…).");
        }
        var type = report.ComplianceType;
        if (type != Patch && type != Association && !type.StartsWith(CustomPrefix, StringComparison.Ordinal))
        {
            throw new InvalidItemContentException($"Compliance type {type} is not supported. Use Patch, Association or Custom:<name> (e.g. Custom:AVCheck).");
        }
        if (partial && type != Association)
        {
            throw new InvalidItemContentException(
                $"UploadType PARTIAL is only valid for ComplianceType Association; send UploadType COMPLETE (the default) with the full list of {type} items.");
        }
        var duplicate = report.Items.Where(i => i.Id is not null).GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidItemContentException($"Item id {duplicate.Key} appears more than once. Each item of a report needs its own Id.");
        }
        if (partial && report.Items.Any(i => string.IsNullOrEmpty(i.Id)))
        {
            throw new InvalidItemContentException("UploadType PARTIAL replaces items by Id: every item needs an Id (the association id).");
        }
        // What is already stored decides the outcome (hash, custom type limit, PARTIAL merge): derived inside the write
        // transaction, so two requests for one node at once cannot both merge into the same old report.
        var stored = compliance.PutReport(report.ResourceId, existing => Derive(report, partial, existing));
        return stored ? PutOutcome.Stored : PutOutcome.Unchanged;
    }

    /// <summary>
    /// The report to store given the node's stored reports, or null when the content hash matches the stored one. Throws
    /// ComplianceTypeCountLimitExceededException when a new custom type would pass the limit.
    /// </summary>
    private static ComplianceReport? Derive(ComplianceReport report, bool partial, IReadOnlyList<ComplianceReport> existing)
    {
        var type = report.ComplianceType;
        var previous = existing.FirstOrDefault(r => r.ComplianceType == type);
        if (report.ContentHash is { Length: > 0 } hash && previous?.ContentHash == hash)
        {
            return null; // "If the content hashes match, the request to put compliance information is ignored."
        }
        if (type.StartsWith(CustomPrefix, StringComparison.Ordinal) && previous is null)
        {
            var custom = existing.Count(r => r.ComplianceType.StartsWith(CustomPrefix, StringComparison.Ordinal));
            if (custom >= MaxCustomTypes)
            {
                throw new ComplianceTypeCountLimitExceededException(
                    $"Resource {report.ResourceId} already has {custom} custom compliance types; the maximum is {MaxCustomTypes}. Reuse one of them or clear one by putting it with no items.");
            }
        }
        if (partial && previous is not null)
        {
            var sent = report.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            report = report with { Items = [.. previous.Items.Where(i => !sent.Contains(i.Id)), .. report.Items] };
        }
        return report;
    }

    /// <summary>
    /// Every node's compliance per type, nodes that are not terminated only, ordered by node then type: the patch report's
    /// items (unless a Patch report was put after it) and each non-empty PutComplianceItems report.
    /// </summary>
    public IReadOnlyList<ResourceCompliance> Resources()
    {
        var live = instances.List().Where(i => i.State != "terminated").Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        var reports = compliance.Reports().Where(r => live.Contains(r.ResourceId)).ToList();
        var putPatch = reports.Where(r => r.ComplianceType == Patch).Select(r => r.ResourceId).ToHashSet(StringComparer.Ordinal);
        var result = new List<ResourceCompliance>();
        foreach (var s in compliance.States(null).Where(s => live.Contains(s.InstanceId) && !putPatch.Contains(s.InstanceId)))
        {
            result.Add(new ResourceCompliance(s.InstanceId, Patch, s.OperationEndTime, s.CommandId, "Command",
                [.. compliance.Patches(s.InstanceId).Select(p => PatchRecord(s, p))]));
        }
        foreach (var r in reports.Where(r => r.Items.Count > 0))
        {
            result.Add(new ResourceCompliance(r.ResourceId, r.ComplianceType, r.ExecutionTime, r.ExecutionId, r.ExecutionType,
                [.. r.Items.Select(i => new ComplianceRecord(r.ResourceId, r.ComplianceType, i.Id, i.Title, i.Status, i.Severity, i.Details))]));
        }
        return [.. result.OrderBy(r => r.ResourceId, StringComparer.Ordinal).ThenBy(r => r.ComplianceType, StringComparer.Ordinal)];
    }

    /// <summary>A patch as a compliance item (reference 6.3, AWS:ComplianceItem).</summary>
    private static ComplianceRecord PatchRecord(PatchState s, InstancePatch p)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Classification"] = p.Classification, ["PatchBaselineId"] = s.BaselineId, ["PatchSeverity"] = p.Severity,
            ["PatchState"] = p.State, ["PatchGroup"] = s.PatchGroup,
            ["InstalledTime"] = p.InstalledTime is { } t ? WireFormat.IsoMillis(t) : "",
        };
        if (p.State is "Missing" or "Failed" && p.CveIds.Count > 0)
        {
            details["CVEIds"] = string.Join(",", p.CveIds);
        }
        if (!string.IsNullOrEmpty(s.InstallOverrideList))
        {
            details["InstallOverrideList"] = s.InstallOverrideList;
        }
        var severity = p.ComplianceLevel is "CRITICAL" or "HIGH" or "MEDIUM" or "LOW" or "INFORMATIONAL" ? p.ComplianceLevel : "UNSPECIFIED";
        return new ComplianceRecord(s.InstanceId, Patch, p.KBId, p.Title, IsNonCompliant(p.State) ? "NON_COMPLIANT" : "COMPLIANT", severity, details);
    }

    /// <summary>NON_COMPLIANT patch states (reference 6.3).</summary>
    internal static bool IsNonCompliant(string patchState) =>
        patchState is "Missing" or "Failed" or "InstalledPendingReboot" or "InstalledRejected" or "AvailableSecurityUpdate";
}
