using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>Managed nodes and their patch compliance (reference 6 and 7.1).</summary>
internal sealed class InstanceOperations(InstanceRepository instances, ComplianceRepository compliance, PingStatusRule ping) : ISsmOperations
{
    private const string InstanceIdPattern = @"(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)";

    public void Register(SsmRouter router)
    {
        router.Add("DescribeInstanceInformation", DescribeInstanceInformation);
        router.Add("DescribeInstancePatchStates", DescribeInstancePatchStates);
        router.Add("DescribeInstancePatches", DescribeInstancePatches);
    }

    private object DescribeInstanceInformation(RequestReader r)
    {
        // Stopped and terminated nodes are not returned (reference 7.1).
        IEnumerable<Instance> list = instances.List().Where(i => i.State is "running" or "rebooting" && i.RegistrationDate is not null);
        var hasNew = r.Has("Filters");
        var hasLegacy = r.Has("InstanceInformationFilterList");
        if (hasNew && hasLegacy)
        {
            throw new ValidationException("Use either Filters or InstanceInformationFilterList, not both.");
        }
        var filters = hasNew ? ReadFilters(r, "Filters", "Key", "Values") : ReadFilters(r, "InstanceInformationFilterList", "key", "valueSet");
        foreach (var (key, values) in filters)
        {
            if (values.Count == 0)
            {
                throw new AwsException("InvalidInstanceInformationFilterValue", $"Filter {key} needs at least one value.");
            }
            list = key switch
            {
                "InstanceIds" => FilterIds(list, values),
                "PingStatus" => list.Where(i => values.Contains(ping.Of(i))).ToList(),
                "PlatformTypes" or "PlatformType" => list.Where(i => values.Contains(i.PlatformType ?? "")),
                "AgentVersion" => list.Where(i => values.Contains(i.AgentVersion ?? "")),
                "ResourceType" => list.Where(_ => values.Contains("EC2Instance")),
                "tag-key" => list.Where(i => values.Any(i.Tags.ContainsKey)),
                _ when key.StartsWith("tag:", StringComparison.Ordinal) => list.Where(i => i.Tags.TryGetValue(key[4..], out var v) && values.Contains(v)),
                _ => throw new InvalidFilterKeyException(
                    $"Filter key '{key}' is not supported. Valid keys: InstanceIds, PingStatus, PlatformTypes, AgentVersion, ResourceType, tag-key, tag:<key>."),
            };
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeInstanceInformation", 10, 5, 50, key: i => i.InstanceId);
        return new
        {
            InstanceInformationList = items.Select(i => new
            {
                i.InstanceId, PingStatus = ping.Of(i), LastPingDateTime = WireFormat.Epoch(i.LastPing), i.AgentVersion, IsLatestVersion = true,
                i.PlatformType, i.PlatformName, i.PlatformVersion, ResourceType = "EC2Instance", IPAddress = "127.0.0.1", i.ComputerName,
                RegistrationDate = WireFormat.Epoch(i.RegistrationDate), SourceId = i.InstanceId, SourceType = "AWS::EC2::Instance",
            }).ToList(),
            NextToken = next,
        };
    }

    private IEnumerable<Instance> FilterIds(IEnumerable<Instance> list, List<string> ids)
    {
        var known = instances.List().Select(i => i.InstanceId).ToHashSet();
        var unknown = ids.Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInstanceIdException($"Instance(s) {string.Join(", ", unknown)} are not managed nodes of this PatchLab.");
        }
        return list.Where(i => ids.Contains(i.InstanceId));
    }

    private static List<(string Key, List<string> Values)> ReadFilters(RequestReader r, string member, string keyName, string valuesName)
    {
        var result = new List<(string, List<string>)>();
        if (r.Element(member, JsonValueKind.Array) is not { } arr)
        {
            return result;
        }
        foreach (var f in arr.EnumerateArray())
        {
            if (f.ValueKind != JsonValueKind.Object || !f.TryGetProperty(keyName, out var k) || k.ValueKind != JsonValueKind.String)
            {
                throw new SerializationException($"Each item of '{member}' must be {{\"{keyName}\": ..., \"{valuesName}\": [...]}}.");
            }
            var values = f.TryGetProperty(valuesName, out var vs) && vs.ValueKind == JsonValueKind.Array
                ? vs.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
                : [];
            result.Add((k.GetString()!, values));
        }
        return result;
    }

    private object DescribeInstancePatchStates(RequestReader r)
    {
        var ids = r.StringList("InstanceIds", required: true, minItems: 0, maxItems: 50, itemPattern: InstanceIdPattern);
        r.ThrowIfInvalid();
        var states = compliance.States(ids!);
        var (items, next) = WireFormat.Page(states, r, "DescribeInstancePatchStates", 10, 10, 100);
        return new
        {
            InstancePatchStates = items.Select(s => new
            {
                s.InstanceId, s.PatchGroup, s.BaselineId, s.SnapshotId, s.InstallOverrideList, OwnerInformation = (string?)null,
                InstalledCount = s.Installed, InstalledOtherCount = s.InstalledOther, InstalledPendingRebootCount = s.InstalledPendingReboot,
                InstalledRejectedCount = s.InstalledRejected, MissingCount = s.Missing, FailedCount = s.Failed,
                UnreportedNotApplicableCount = s.UnreportedNotApplicable, NotApplicableCount = s.NotApplicable,
                OperationStartTime = WireFormat.Epoch(s.OperationStartTime), OperationEndTime = WireFormat.Epoch(s.OperationEndTime), s.Operation,
                LastNoRebootInstallOperationTime = WireFormat.Epoch(s.LastNoRebootInstallOperationTime), s.RebootOption,
                CriticalNonCompliantCount = s.CriticalNonCompliant, SecurityNonCompliantCount = s.SecurityNonCompliant,
                OtherNonCompliantCount = s.OtherNonCompliant,
            }).ToList(),
            NextToken = next,
        };
    }

    private static readonly Dictionary<string, string> StateSpellings = new(StringComparer.Ordinal)
    {
        ["INSTALLED"] = "Installed", ["INSTALLED_OTHER"] = "InstalledOther", ["INSTALLED_PENDING_REBOOT"] = "InstalledPendingReboot",
        ["INSTALLED_REJECTED"] = "InstalledRejected", ["MISSING"] = "Missing", ["NOT_APPLICABLE"] = "NotApplicable", ["FAILED"] = "Failed",
        ["AVAILABLE_SECURITY_UPDATE"] = "AvailableSecurityUpdate",
    };

    private object DescribeInstancePatches(RequestReader r)
    {
        var id = r.String("InstanceId", required: true, pattern: InstanceIdPattern);
        var filters = MaintenanceWindowOperations.ReadFilters(r, "Filters");
        r.ThrowIfInvalid();
        if (instances.Get(id!) is null)
        {
            throw new InvalidInstanceIdException($"Instance {id} is not a managed node of this PatchLab.");
        }
        IEnumerable<InstancePatch> list = compliance.Patches(id!);
        foreach (var (key, values) in filters)
        {
            list = key switch
            {
                "Classification" => list.Where(p => values.Contains(p.Classification, StringComparer.OrdinalIgnoreCase)),
                "KBId" => list.Where(p => values.Contains(p.KBId)),
                "Severity" => list.Where(p => values.Contains(p.Severity, StringComparer.OrdinalIgnoreCase)),
                // The model spells states INSTALLED_OTHER, the service answers InstalledOther: accept either (reference 6.1).
                "State" => list.Where(p => values.Select(v => StateSpellings.GetValueOrDefault(v, v)).Contains(p.State)),
                _ => throw new InvalidFilterException($"Filter key '{key}' is not valid. Valid keys: Classification, KBId, Severity, State."),
            };
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeInstancePatches", 10, 10, 100);
        return new
        {
            Patches = items.Select(p => new
            {
                p.Title, p.KBId, p.Classification, p.Severity, p.State,
                InstalledTime = p.InstalledTime is { } t ? WireFormat.Epoch(t) : 0.0,
                CVEIds = p.State is "Missing" or "Failed" && p.CveIds.Count > 0 ? string.Join(",", p.CveIds) : null,
            }).ToList(),
            NextToken = next,
        };
    }
}
