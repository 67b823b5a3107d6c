using PatchLab.Domain.Baselines;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>
/// What patches exist and what a baseline makes of them: DescribePatchProperties, DescribeAvailablePatches (from
/// fixtures/catalogs), DescribeEffectivePatchesForPatchBaseline (Windows only, as on AWS) and
/// GetDeployablePatchSnapshotForInstance.
/// </summary>
/// <remarks>
/// [U] choices: DescribeAvailablePatches without a PRODUCT filter lists every catalog (AWS lists Windows updates);
/// Linux patch ids are name-epoch:version-release.arch; GetDeployablePatchSnapshotForInstance of an unknown node is
/// InvalidInstanceId. Deviation: SnapshotDownloadUrl is a placeholder (PatchLab serves no S3; agents get the snapshot
/// through the agent API).
/// </remarks>
internal sealed class PatchOperations(PatchBaselineBackend baselines, PatchCatalogs catalogs, InstanceRepository instances, LabClock clock) : ISsmOperations
{
    private const string InstanceIdPattern = @"(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)";
    private const string UuidPattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private static readonly string[] AvailablePatchKeys =
    [
        "PATCH_SET", "PRODUCT", "PRODUCT_FAMILY", "CLASSIFICATION", "MSRC_SEVERITY", "PATCH_ID", "NAME", "EPOCH", "VERSION", "RELEASE", "ARCH",
        "SEVERITY", "ADVISORY_ID", "CVE_ID", "BUGZILLA_ID", "REPOSITORY", "SECURITY",
    ];

    public void Register(SsmRouter router)
    {
        router.Add("DescribePatchProperties", DescribePatchProperties);
        router.Add("DescribeAvailablePatches", DescribeAvailablePatches);
        router.Add("DescribeEffectivePatchesForPatchBaseline", DescribeEffectivePatches);
        router.Add("GetDeployablePatchSnapshotForInstance", GetDeployableSnapshot);
    }

    private object DescribePatchProperties(RequestReader r)
    {
        var os = r.String("OperatingSystem", required: true, allowed: PatchProperties.OperatingSystems);
        var property = r.String("Property", required: true, allowed: PatchProperties.Properties);
        var patchSet = r.String("PatchSet", allowed: ["OS", "APPLICATION"]) ?? "OS";
        r.ThrowIfInvalid();
        var valid = PatchProperties.PropertiesFor(os!);
        if (!valid.Contains(property!))
        {
            throw new ValidationException($"Property {property} is not valid for OperatingSystem {os}. Valid properties: {string.Join(", ", valid)}.");
        }
        var values = PatchProperties.KnownValues(os!, property!, patchSet).Select(v => new Dictionary<string, string> { ["Name"] = v }).ToList();
        var (items, next) = WireFormat.Page(values, r, "DescribePatchProperties", 50, 1, 50);
        return new { Properties = items, NextToken = next };
    }

    private object DescribeAvailablePatches(RequestReader r)
    {
        IEnumerable<CatalogPatch> list = catalogs.All;
        foreach (var (key, values) in PatchBaselineOperations.ReadOrchestratorFilters(r, "Filters", 5))
        {
            if (!AvailablePatchKeys.Contains(key))
            {
                throw new ValidationException($"Filter key '{key}' is not valid for DescribeAvailablePatches. Valid keys: {string.Join(", ", AvailablePatchKeys)}.");
            }
            if (values.Count == 0)
            {
                throw new ValidationException($"Filter {key} needs at least one value.");
            }
            var filter = new PatchFilter(key, values);
            list = list.Where(p => BaselineEvaluator.FilterMatches(filter, p.Info, p.OperatingSystem));
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeAvailablePatches", 100, 1, 100);
        return new { Patches = items.Select(ToWire).ToList(), NextToken = next };
    }

    /// <summary>The Patch shape: Linux members for Linux catalogs, Windows members (KbNumber, MsrcSeverity, …) for Windows.</summary>
    internal static object ToWire(CatalogPatch p)
    {
        var i = p.Info;
        var windows = p.OperatingSystem == "WINDOWS";
        var dash = i.Version.LastIndexOf('-');
        return new
        {
            // apt packages carry no release date (reference 4.3): the catalogs' synthetic dates only age instances.
            p.Id, ReleaseDate = PatchProperties.UsesReleaseDates(p.OperatingSystem) ? WireFormat.Epoch(i.ReleaseDate) : (double?)null, p.Title, Description = p.Title, ContentUrl = NullIfEmpty(p.ContentUrl), Vendor = NullIfEmpty(p.Vendor),
            ProductFamily = NullIfEmpty(i.ProductFamily), i.Product, i.Classification,
            MsrcSeverity = windows ? i.Severity : null, KbNumber = windows ? i.Name : null, Language = windows ? "All" : null,
            AdvisoryIds = windows || i.AdvisoryId.Length == 0 ? null : new[] { i.AdvisoryId },
            BugzillaIds = windows ? null : i.BugzillaIds, CVEIds = windows ? null : i.Cves,
            Name = windows ? null : i.Name, Epoch = windows ? (int?)null : i.Epoch,
            Version = windows ? null : dash < 0 ? i.Version : i.Version[..dash], Release = windows ? null : dash < 0 ? "" : i.Version[(dash + 1)..],
            Arch = windows ? null : i.Arch, Severity = windows ? null : i.Severity, Repository = windows ? null : NullIfEmpty(i.Repository),
        };
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private object DescribeEffectivePatches(RequestReader r)
    {
        var id = r.String("BaselineId", required: true, min: 20, max: 128, pattern: PatchBaselineOperations.BaselineIdPattern);
        r.Int("MaxResults", min: 1, max: 100);
        r.ThrowIfInvalid();
        var b = baselines.Require(id!);
        if (b.OperatingSystem != "WINDOWS")
        {
            throw new UnsupportedOperatingSystemException(
                $"The operating system you specified is not supported, or the operation is not supported for the operating system: DescribeEffectivePatchesForPatchBaseline supports WINDOWS baselines only, and {b.Name} is a {b.OperatingSystem} baseline. Use DescribeAvailablePatches with a PRODUCT filter, or scan a node, to see what a Linux baseline approves.");
        }
        var now = clock.GetUtcNow();
        var effective = catalogs.ForOperatingSystem("WINDOWS")
            .Select(p => (Patch: p, Decision: BaselineEvaluator.Evaluate(b, p.Info, now)))
            .Where(x => x.Decision.Status != ApprovalStatus.NotApproved)
            .ToList();
        var (items, next) = WireFormat.Page(effective, r, "DescribeEffectivePatchesForPatchBaseline", 100, 1, 100);
        return new
        {
            EffectivePatches = items.Select(x => new
            {
                Patch = ToWire(x.Patch),
                PatchStatus = new
                {
                    DeploymentStatus = DeploymentStatus(x.Decision.Status), x.Decision.ComplianceLevel, ApprovalDate = WireFormat.Epoch(x.Decision.ApprovalDate),
                },
            }).ToList(),
            NextToken = next,
        };
    }

    /// <summary>PatchDeploymentStatus on the wire.</summary>
    internal static string DeploymentStatus(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Approved => "APPROVED",
        ApprovalStatus.PendingApproval => "PENDING_APPROVAL",
        ApprovalStatus.ExplicitApproved => "EXPLICIT_APPROVED",
        ApprovalStatus.ExplicitRejected => "EXPLICIT_REJECTED",
        _ => "NOT_APPROVED",
    };

    private object GetDeployableSnapshot(RequestReader r)
    {
        var instanceId = r.String("InstanceId", required: true, pattern: InstanceIdPattern);
        var snapshotId = r.String("SnapshotId", required: true, min: 36, max: 36, pattern: UuidPattern);
        PatchBaseline? baselineOverride = null;
        if (r.Element("BaselineOverride", System.Text.Json.JsonValueKind.Object) is { } o)
        {
            var sub = new RequestReader(o);
            baselineOverride = BaselineWire.ReadDefinition(sub, "BaselineOverride", "BaselineOverride");
            sub.ThrowIfInvalid();
            PatchBaselineBackend.Validate(baselineOverride);
        }
        r.ThrowIfInvalid();
        var instance = instances.Get(instanceId!);
        if (instance is null || instance.State == "terminated")
        {
            throw new InvalidInstanceIdException($"Instance {instanceId} is not a managed node of this PatchLab.");
        }
        var (product, frozen) = baselines.DeployableSnapshot(instance, snapshotId!, baselineOverride);
        return new
        {
            InstanceId = instanceId, SnapshotId = snapshotId, Product = product,
            SnapshotDownloadUrl = $"https://patchlab.invalid/patch-baseline-snapshot/{frozen.OperatingSystem}-{snapshotId}?note=PatchLab-serves-no-S3;agents-receive-this-snapshot-through-the-PatchLab-agent-API",
        };
    }
}
