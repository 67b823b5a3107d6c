using System.Text.Json;
using PatchLab.Domain.Baselines;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>Patch baselines, the default baseline per OS and patch groups (reference 5.1, 5.3, 5.4).</summary>
/// <remarks>
/// [U] choices: an unknown id on DeletePatchBaseline answers 200; changing or deleting an AWS-owned baseline is a
/// ValidationException; deregistering a pair that is not registered is InvalidResourceId; DescribePatchBaselines and
/// DescribePatchGroups refuse unknown filter keys with ValidationException and default to 100 results per page.
/// Region: AWS-owned baselines are always the us-east-1 ones.
/// </remarks>
internal sealed class PatchBaselineOperations(PatchBaselineBackend baselines, MetaRepository meta) : ISsmOperations
{
    public const string BaselineIdPattern = @"^[a-zA-Z0-9_\-:/]{20,128}$";
    public const string PatchGroupPattern = @"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";
    private const string NamePattern = @"^[a-zA-Z0-9_\-.]{3,128}$";

    private readonly Idempotency _idem = new(meta);

    public void Register(SsmRouter router)
    {
        router.Add("CreatePatchBaseline", Create);
        router.Add("GetPatchBaseline", Get);
        router.Add("UpdatePatchBaseline", Update);
        router.Add("DeletePatchBaseline", Delete);
        router.Add("DescribePatchBaselines", Describe);
        router.Add("RegisterDefaultPatchBaseline", RegisterDefault);
        router.Add("GetDefaultPatchBaseline", GetDefault);
        router.Add("RegisterPatchBaselineForPatchGroup", RegisterPatchGroup);
        router.Add("DeregisterPatchBaselineForPatchGroup", DeregisterPatchGroup);
        router.Add("GetPatchBaselineForPatchGroup", GetForPatchGroup);
        router.Add("DescribePatchGroups", DescribePatchGroups);
    }

    private object Create(RequestReader r)
    {
        var name = r.String("Name", required: true, min: 3, max: 128, pattern: NamePattern);
        var description = r.String("Description", min: 1, max: 1024);
        var draft = BaselineWire.ReadDefinition(r, "", name ?? "");
        var tagSet = TagOperations.ReadTags(r, "Tags");
        r.String("ClientToken", min: 1, max: 64);
        r.ThrowIfInvalid();
        if (_idem.Lookup("CreatePatchBaseline", r) is { } existing)
        {
            return new { BaselineId = existing };
        }
        var b = baselines.Create(draft with { Description = description }, r.String("ClientToken"), tagSet);
        _idem.Remember("CreatePatchBaseline", r, b.BaselineId);
        return new { b.BaselineId };
    }

    private string ReadBaselineId(RequestReader r)
    {
        var id = r.String("BaselineId", required: true, min: 20, max: 128, pattern: BaselineIdPattern);
        r.ThrowIfInvalid();
        return id!;
    }

    private object Get(RequestReader r)
    {
        var b = baselines.Require(ReadBaselineId(r));
        return Full(b, baselines.PatchGroupsOf(b.BaselineId));
    }

    private static object Full(PatchBaseline b, IReadOnlyList<string>? patchGroups) => new
    {
        b.BaselineId, b.Name, b.OperatingSystem, GlobalFilters = BaselineWire.FilterGroup(b.GlobalFilters), ApprovalRules = BaselineWire.RuleGroup(b.ApprovalRules),
        b.ApprovedPatches, b.ApprovedPatchesComplianceLevel, b.ApprovedPatchesEnableNonSecurity, b.RejectedPatches, b.RejectedPatchesAction,
        PatchGroups = patchGroups, CreatedDate = WireFormat.Epoch(b.CreatedDate), ModifiedDate = WireFormat.Epoch(b.ModifiedDate), b.Description,
        Sources = BaselineWire.SourcesOf(b.Sources), b.AvailableSecurityUpdatesComplianceStatus,
    };

    /// <summary>
    /// UpdatePatchBaseline: without Replace only the members given change; with Replace=true the members not given
    /// return to their defaults (Name stays required), as for UpdateMaintenanceWindow.
    /// </summary>
    private object Update(RequestReader r)
    {
        var id = r.String("BaselineId", required: true, min: 20, max: 128, pattern: BaselineIdPattern);
        var replace = r.Bool("Replace") ?? false;
        var name = r.String("Name", required: replace, min: 3, max: 128, pattern: NamePattern);
        var description = r.String("Description", min: 1, max: 1024);
        var given = BaselineWire.ReadDefinition(r, "", name ?? "");
        r.ThrowIfInvalid();
        var b = baselines.Update(id!, current =>
        {
            var basis = replace
                ? new PatchBaseline { BaselineId = current.BaselineId, Name = current.Name, OperatingSystem = current.OperatingSystem }
                : current;
            return basis with
            {
                Name = name ?? basis.Name,
                Description = r.Has("Description") || replace ? description : basis.Description,
                GlobalFilters = r.Has("GlobalFilters") ? given.GlobalFilters : basis.GlobalFilters,
                ApprovalRules = r.Has("ApprovalRules") ? given.ApprovalRules : basis.ApprovalRules,
                ApprovedPatches = r.Has("ApprovedPatches") ? given.ApprovedPatches : basis.ApprovedPatches,
                ApprovedPatchesComplianceLevel = r.Has("ApprovedPatchesComplianceLevel") ? given.ApprovedPatchesComplianceLevel : basis.ApprovedPatchesComplianceLevel,
                ApprovedPatchesEnableNonSecurity = r.Has("ApprovedPatchesEnableNonSecurity") ? given.ApprovedPatchesEnableNonSecurity : basis.ApprovedPatchesEnableNonSecurity,
                RejectedPatches = r.Has("RejectedPatches") ? given.RejectedPatches : basis.RejectedPatches,
                RejectedPatchesAction = r.Has("RejectedPatchesAction") ? given.RejectedPatchesAction : basis.RejectedPatchesAction,
                Sources = r.Has("Sources") ? given.Sources : basis.Sources,
                AvailableSecurityUpdatesComplianceStatus = r.Has("AvailableSecurityUpdatesComplianceStatus")
                    ? given.AvailableSecurityUpdatesComplianceStatus
                    : basis.AvailableSecurityUpdatesComplianceStatus,
            };
        });
        return Full(b, null);
    }

    private object Delete(RequestReader r) => new { BaselineId = baselines.Delete(ReadBaselineId(r)) };

    private object Describe(RequestReader r)
    {
        IEnumerable<PatchBaseline> list = baselines.All();
        foreach (var (key, values) in ReadOrchestratorFilters(r, "Filters", 5))
        {
            list = key switch
            {
                "NAME_PREFIX" => list.Where(b => values.Any(v => b.Name.StartsWith(v, StringComparison.Ordinal))),
                "OWNER" => values.Any(v => v is "All") ? list : list.Where(b => values.Contains(b.IsPredefined ? "AWS" : "Self")),
                "OPERATING_SYSTEM" => list.Where(b => values.Contains(b.OperatingSystem)),
                _ => throw new ValidationException($"Filter key '{key}' is not valid for DescribePatchBaselines. Valid keys: NAME_PREFIX, OWNER (AWS|Self|All), OPERATING_SYSTEM."),
            };
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribePatchBaselines", 100, 1, 100, key: b => b.BaselineId);
        return new { BaselineIdentities = items.Select(b => BaselineWire.Identity(b, baselines.IsDefault(b))).ToList(), NextToken = next };
    }

    private object RegisterDefault(RequestReader r) => new { baselines.RegisterDefault(ReadBaselineId(r)).BaselineId };

    private object GetDefault(RequestReader r)
    {
        var os = r.String("OperatingSystem", allowed: PatchProperties.OperatingSystems) ?? "WINDOWS";
        r.ThrowIfInvalid();
        return new { BaselineId = baselines.DefaultIdFor(os), OperatingSystem = os };
    }

    private (string BaselineId, string PatchGroup) ReadRegistration(RequestReader r)
    {
        var id = r.String("BaselineId", required: true, min: 20, max: 128, pattern: BaselineIdPattern);
        var group = r.String("PatchGroup", required: true, min: 1, max: 256, pattern: PatchGroupPattern);
        r.ThrowIfInvalid();
        return (id!, group!);
    }

    private object RegisterPatchGroup(RequestReader r)
    {
        var (id, group) = ReadRegistration(r);
        return new { baselines.RegisterPatchGroup(id, group).BaselineId, PatchGroup = group };
    }

    private object DeregisterPatchGroup(RequestReader r)
    {
        var (id, group) = ReadRegistration(r);
        return new { BaselineId = baselines.DeregisterPatchGroup(id, group), PatchGroup = group };
    }

    private object GetForPatchGroup(RequestReader r)
    {
        var group = r.String("PatchGroup", required: true, min: 1, max: 256, pattern: PatchGroupPattern);
        var os = r.String("OperatingSystem", allowed: PatchProperties.OperatingSystems) ?? "WINDOWS";
        r.ThrowIfInvalid();
        return new { BaselineId = baselines.BaselineIdForPatchGroup(group!, os), PatchGroup = group, OperatingSystem = os };
    }

    private object DescribePatchGroups(RequestReader r)
    {
        var all = baselines.All().ToDictionary(b => b.BaselineId);
        IEnumerable<BaselineRepository.PatchGroupRegistration> list = baselines.PatchGroups().Where(g => all.ContainsKey(g.BaselineId));
        foreach (var (key, values) in ReadOrchestratorFilters(r, "Filters", 5))
        {
            list = key switch
            {
                "NAME_PREFIX" => list.Where(g => values.Any(v => g.PatchGroup.StartsWith(v, StringComparison.Ordinal))),
                "OPERATING_SYSTEM" => list.Where(g => values.Contains(g.OperatingSystem)),
                _ => throw new ValidationException($"Filter key '{key}' is not valid for DescribePatchGroups. Valid keys: NAME_PREFIX, OPERATING_SYSTEM."),
            };
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribePatchGroups", 100, 1, 100, key: g => g.PatchGroup + "\n" + g.OperatingSystem);
        return new
        {
            Mappings = items.Select(g => new { g.PatchGroup, BaselineIdentity = BaselineWire.Identity(all[g.BaselineId], baselines.IsDefault(all[g.BaselineId])) }).ToList(),
            NextToken = next,
        };
    }

    /// <summary>PatchOrchestratorFilter lists: {Key 1–128, Values 0–20 × 1–256}.</summary>
    internal static List<(string Key, List<string> Values)> ReadOrchestratorFilters(RequestReader r, string member, int max)
    {
        var filters = new List<(string Key, List<string> Values)>();
        if (r.Element(member, JsonValueKind.Array) is { } arr)
        {
            foreach (var f in arr.EnumerateArray())
            {
                if (f.ValueKind != JsonValueKind.Object || !f.TryGetProperty("Key", out var k) || k.ValueKind != JsonValueKind.String)
                {
                    throw new SerializationException($"Each item of '{member}' must be a structure {{\"Key\": ..., \"Values\": [...]}}.");
                }
                var values = f.TryGetProperty("Values", out var vs) && vs.ValueKind == JsonValueKind.Array
                    ? vs.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
                    : [];
                filters.Add((k.GetString()!, values));
            }
        }
        var i = 0;
        foreach (var (key, values) in filters)
        {
            i++;
            r.CheckString($"{member}.{i}.member.key", key, 1, 128);
            r.CheckCount($"{member}.{i}.member.values", values.Count, 0, 20);
            foreach (var v in values)
            {
                r.CheckString($"{member}.{i}.member.values.member", v, 1, 256);
            }
        }
        r.CheckCount(member, filters.Count, 0, max);
        r.ThrowIfInvalid();
        return filters;
    }
}
