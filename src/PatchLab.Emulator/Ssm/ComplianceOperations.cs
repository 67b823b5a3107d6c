using System.Globalization;
using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>
/// Patch compliance by patch group and the Compliance API (reference 6.2, 6.3): DescribeInstancePatchStatesForPatchGroup,
/// DescribePatchGroupState, PutComplianceItems, ListComplianceItems, ListComplianceSummaries,
/// ListResourceComplianceSummaries. Patch compliance comes from patch reports, other types from PutComplianceItems
/// (<see cref="ComplianceBackend"/> has the rules).
/// </summary>
/// <remarks>
/// [U] choices: terminated nodes drop out of the Compliance API; a compliant resource's OverallSeverity is UNSPECIFIED;
/// NotApplicable items count as compliant; ListComplianceItems without ResourceIds lists every node; items are listed by
/// node, then compliance type, then in report order (patches by id).
/// </remarks>
internal sealed class ComplianceOperations(ComplianceRepository compliance, InstanceRepository instances, ComplianceBackend backend) : ISsmOperations
{
    private const string PatchGroupPattern = PatchBaselineOperations.PatchGroupPattern;
    private const string ManagedInstance = ComplianceBackend.ManagedInstance;

    /// <summary>ComplianceTypeName's model pattern, anchored (the service matches the whole name).</summary>
    private const string ComplianceTypePattern = @"^(?:[A-Za-z0-9_\-]\w+|Custom:[a-zA-Z0-9_\-]\w+)$";

    private static readonly string[] Severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNSPECIFIED"];

    /// <summary>Count fields DescribeInstancePatchStatesForPatchGroup filters on.</summary>
    private static readonly Dictionary<string, Func<PatchState, int>> CountFields = new(StringComparer.Ordinal)
    {
        ["InstalledCount"] = s => s.Installed,
        ["InstalledOtherCount"] = s => s.InstalledOther,
        ["InstalledPendingRebootCount"] = s => s.InstalledPendingReboot,
        ["InstalledRejectedCount"] = s => s.InstalledRejected,
        ["MissingCount"] = s => s.Missing,
        ["FailedCount"] = s => s.Failed,
        ["NotApplicableCount"] = s => s.NotApplicable,
        ["UnreportedNotApplicableCount"] = s => s.UnreportedNotApplicable,
        ["CriticalNonCompliantCount"] = s => s.CriticalNonCompliant,
        ["SecurityNonCompliantCount"] = s => s.SecurityNonCompliant,
        ["OtherNonCompliantCount"] = s => s.OtherNonCompliant,
        ["AvailableSecurityUpdateCount"] = _ => 0,
    };

    public void Register(SsmRouter router)
    {
        router.Add("DescribeInstancePatchStatesForPatchGroup", DescribeStatesForPatchGroup);
        router.Add("DescribePatchGroupState", DescribePatchGroupState);
        router.Add("ListComplianceItems", ListComplianceItems);
        router.Add("ListComplianceSummaries", ListComplianceSummaries);
        router.Add("ListResourceComplianceSummaries", ListResourceComplianceSummaries);
        router.Add("PutComplianceItems", PutComplianceItems);
    }

    /// <summary>InstancePatchState on the wire (OwnerInformation is "" as in AWS's examples).</summary>
    internal static object StateToWire(PatchState s) => new
    {
        s.InstanceId, s.PatchGroup, s.BaselineId, s.SnapshotId, s.InstallOverrideList, OwnerInformation = "",
        InstalledCount = s.Installed, InstalledOtherCount = s.InstalledOther, InstalledPendingRebootCount = s.InstalledPendingReboot,
        InstalledRejectedCount = s.InstalledRejected, MissingCount = s.Missing, FailedCount = s.Failed,
        UnreportedNotApplicableCount = s.UnreportedNotApplicable, NotApplicableCount = s.NotApplicable,
        OperationStartTime = WireFormat.Epoch(s.OperationStartTime), OperationEndTime = WireFormat.Epoch(s.OperationEndTime), s.Operation,
        LastNoRebootInstallOperationTime = WireFormat.Epoch(s.LastNoRebootInstallOperationTime), s.RebootOption,
        CriticalNonCompliantCount = s.CriticalNonCompliant, SecurityNonCompliantCount = s.SecurityNonCompliant, OtherNonCompliantCount = s.OtherNonCompliant,
    };

    private IReadOnlyList<PatchState> LiveStates()
    {
        var live = instances.List().Where(i => i.State != "terminated").Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        return [.. compliance.States(null).Where(s => live.Contains(s.InstanceId))];
    }

    private object DescribeStatesForPatchGroup(RequestReader r)
    {
        var group = r.String("PatchGroup", required: true, min: 1, max: 256, pattern: PatchGroupPattern);
        var filters = new List<(string Key, string Type, int Value)>();
        if (r.Element("Filters", JsonValueKind.Array) is { } arr)
        {
            var i = 0;
            foreach (var f in arr.EnumerateArray())
            {
                i++;
                var p = $"filters.{i}.member";
                var key = Str(f, "Key");
                var type = Str(f, "Type");
                var values = f.ValueKind == JsonValueKind.Object && f.TryGetProperty("Values", out var vs) && vs.ValueKind == JsonValueKind.Array
                    ? vs.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()
                    : null;
                if (key is null) { r.Fail($"{p}.key", null, "Member must not be null"); } else { r.CheckString($"{p}.key", key, 1, 200); }
                if (type is null) { r.Fail($"{p}.type", null, "Member must not be null"); } else { r.CheckString($"{p}.type", type, allowed: ["Equal", "NotEqual", "LessThan", "GreaterThan"]); }
                if (values is null) { r.Fail($"{p}.values", null, "Member must not be null"); } else { r.CheckCount($"{p}.values", values.Count, 1, 1); }
                if (key is null || type is null || values is not { Count: 1 })
                {
                    continue;
                }
                if (!CountFields.ContainsKey(key))
                {
                    throw new InvalidFilterException($"Filter key '{key}' is not valid. Valid keys: {string.Join(", ", CountFields.Keys)}.");
                }
                if (!int.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                {
                    throw new InvalidFilterException($"Filter {key} needs one integer value, e.g. Key={key},Type=GreaterThan,Values=0; got '{values[0]}'.");
                }
                filters.Add((key, type, n));
            }
            r.CheckCount("filters", i, 0, 4);
        }
        r.ThrowIfInvalid();
        IEnumerable<PatchState> list = LiveStates().Where(s => s.PatchGroup == group);
        foreach (var (key, type, value) in filters)
        {
            var field = CountFields[key];
            list = type switch
            {
                "Equal" => list.Where(s => field(s) == value),
                "NotEqual" => list.Where(s => field(s) != value),
                "LessThan" => list.Where(s => field(s) < value),
                _ => list.Where(s => field(s) > value),
            };
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeInstancePatchStatesForPatchGroup", 10, 10, 100);
        return new { InstancePatchStates = items.Select(StateToWire).ToList(), NextToken = next };
    }

    private object DescribePatchGroupState(RequestReader r)
    {
        var group = r.String("PatchGroup", required: true, min: 1, max: 256, pattern: PatchGroupPattern);
        r.ThrowIfInvalid();
        var states = LiveStates().Where(s => s.PatchGroup == group).ToList();
        int With(Func<PatchState, int> count) => states.Count(s => count(s) > 0);
        return new
        {
            Instances = states.Count,
            InstancesWithInstalledPatches = With(s => s.Installed),
            InstancesWithInstalledOtherPatches = With(s => s.InstalledOther),
            InstancesWithInstalledPendingRebootPatches = With(s => s.InstalledPendingReboot),
            InstancesWithInstalledRejectedPatches = With(s => s.InstalledRejected),
            InstancesWithMissingPatches = With(s => s.Missing),
            InstancesWithFailedPatches = With(s => s.Failed),
            InstancesWithNotApplicablePatches = With(s => s.NotApplicable),
            InstancesWithUnreportedNotApplicablePatches = With(s => s.UnreportedNotApplicable),
            InstancesWithCriticalNonCompliantPatches = With(s => s.CriticalNonCompliant),
            InstancesWithSecurityNonCompliantPatches = With(s => s.SecurityNonCompliant),
            InstancesWithOtherNonCompliantPatches = With(s => s.OtherNonCompliant),
            InstancesWithAvailableSecurityUpdates = 0,
        };
    }

    private static object ExecutionSummary(ResourceCompliance r) => new
    {
        ExecutionTime = WireFormat.Epoch(r.ExecutionTime), r.ExecutionId, r.ExecutionType,
    };

    /// <summary>Details keys a filter may name: the Patch item details (reference 6.3); items without one match as "".</summary>
    private static readonly string[] DetailKeys = ["Classification", "PatchBaselineId", "PatchSeverity", "PatchState", "PatchGroup", "InstalledTime"];

    private object PutComplianceItems(RequestReader r)
    {
        var resourceId = r.String("ResourceId", required: true, min: 1, max: 100);
        var resourceType = r.String("ResourceType", required: true, min: 1, max: 50);
        var type = r.String("ComplianceType", required: true, min: 1, max: 100, pattern: ComplianceTypePattern);
        var hash = r.String("ItemContentHash", max: 256);
        var upload = r.String("UploadType", allowed: ["COMPLETE", "PARTIAL"]);
        DateTimeOffset? executionTime = null;
        string? executionId = null, executionType = null;
        if (r.Element("ExecutionSummary", JsonValueKind.Object) is { } summary)
        {
            executionTime = ReadTimestamp(summary, "ExecutionTime", "executionSummary.executionTime", r, required: true);
            executionId = Str(summary, "ExecutionId");
            executionType = Str(summary, "ExecutionType");
            if (executionId is not null) { r.CheckString("executionSummary.executionId", executionId, max: 100); }
            if (executionType is not null) { r.CheckString("executionSummary.executionType", executionType, max: 50); }
        }
        else
        {
            r.Fail("ExecutionSummary", null, "Member must not be null");
        }
        var items = new List<ComplianceEntry>();
        if (r.Element("Items", JsonValueKind.Array) is { } arr)
        {
            var i = 0;
            foreach (var e in arr.EnumerateArray())
            {
                i++;
                var p = $"items.{i}.member";
                if (e.ValueKind != JsonValueKind.Object)
                {
                    throw new SerializationException($"Each item of 'Items' must be {{\"Id\", \"Title\", \"Severity\", \"Status\", \"Details\"}}; item {i} is {e.ValueKind}.");
                }
                var severity = Str(e, "Severity");
                var status = Str(e, "Status");
                var title = Str(e, "Title");
                if (severity is null) { r.Fail($"{p}.severity", null, "Member must not be null"); } else { r.CheckString($"{p}.severity", severity, allowed: Severities); }
                if (status is null) { r.Fail($"{p}.status", null, "Member must not be null"); } else { r.CheckString($"{p}.status", status, allowed: ["COMPLIANT", "NON_COMPLIANT"]); }
                if (title is not null) { r.CheckString($"{p}.title", title, max: 500); }
                var details = new Dictionary<string, string>(StringComparer.Ordinal);
                if (e.TryGetProperty("Details", out var d) && d.ValueKind != JsonValueKind.Null)
                {
                    if (d.ValueKind != JsonValueKind.Object)
                    {
                        throw new SerializationException($"Member 'Items[{i}].Details' must be a map of strings, e.g. {{\"DocumentName\": \"AV-Scan\"}}.");
                    }
                    foreach (var kv in d.EnumerateObject())
                    {
                        if (kv.Value.ValueKind != JsonValueKind.String)
                        {
                            throw new SerializationException($"Member 'Items[{i}].Details.{kv.Name}' must be a string.");
                        }
                        r.CheckString($"{p}.details.key", kv.Name, 1, 64);
                        r.CheckString($"{p}.details.value", kv.Value.GetString()!, 0, 4096);
                        details[kv.Name] = kv.Value.GetString()!;
                    }
                }
                items.Add(new ComplianceEntry { Id = Str(e, "Id"), Title = title, Severity = severity ?? "", Status = status ?? "", Details = details });
            }
            r.CheckCount("items", i, 0, 10_000);
        }
        else
        {
            r.Fail("Items", null, "Member must not be null");
        }
        r.ThrowIfInvalid();
        backend.Put(resourceType!, new ComplianceReport
        {
            ResourceId = resourceId!, ComplianceType = type!, ExecutionTime = executionTime!.Value, ExecutionId = executionId, ExecutionType = executionType,
            ContentHash = hash, Items = items,
        }, partial: upload == "PARTIAL");
        return new { };
    }

    /// <summary>A timestamp member: epoch seconds as JSON 1.1 sends them, or an ISO-8601 string (yyyy-MM-dd'T'HH:mm:ss'Z').</summary>
    private static DateTimeOffset? ReadTimestamp(JsonElement parent, string name, string path, RequestReader r, bool required)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                r.Fail(path, null, "Member must not be null");
            }
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var seconds) && Math.Abs(seconds) < 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, styles, out var t))
        {
            return t;
        }
        throw new SerializationException($"Member '{path}' must be a timestamp: epoch seconds (1732924800) or yyyy-MM-dd'T'HH:mm:ss'Z'; got {v.GetRawText()[..Math.Min(v.GetRawText().Length, 100)]}.");
    }

    private object ListComplianceItems(RequestReader r)
    {
        var ids = r.StringList("ResourceIds", minItems: 1, maxItems: 100, itemMin: 1, itemMax: 100);
        var types = r.StringList("ResourceTypes", minItems: 1, maxItems: 50, itemMin: 1, itemMax: 50);
        var filters = ReadComplianceFilters(r);
        r.Int("MaxResults", min: 1, max: 50);
        r.ThrowIfInvalid();
        foreach (var t in (types ?? []).Where(t => t != ManagedInstance))
        {
            throw new InvalidResourceTypeException($"Resource type {t} has no compliance in PatchLab. Use ResourceTypes ManagedInstance.");
        }
        var resources = backend.Resources().Where(c => ids is null || ids.Contains(c.ResourceId)).ToList();
        IEnumerable<(ResourceCompliance Resource, ComplianceRecord Item)> items = resources.SelectMany(c => c.Items.Select(i => (c, i)));
        foreach (var f in filters)
        {
            items = items.Where(x => f.Matches(ItemField(x.Resource, x.Item, f.Key)));
        }
        var (page, next) = WireFormat.Page(items.ToList(), r, "ListComplianceItems", 10, 1, 50);
        return new
        {
            ComplianceItems = page.Select(x => new
            {
                x.Item.ComplianceType, ResourceType = ManagedInstance, x.Item.ResourceId, x.Item.Id, x.Item.Title, x.Item.Status, x.Item.Severity,
                ExecutionSummary = ExecutionSummary(x.Resource), x.Item.Details,
            }).ToList(),
            NextToken = next,
        };
    }

    private static string? ItemField(ResourceCompliance c, ComplianceRecord i, string key) => key switch
    {
        "ComplianceType" => i.ComplianceType,
        "Status" => i.Status,
        "Severity" => i.Severity,
        "Id" => i.Id,
        "Title" => i.Title,
        "ResourceId" => i.ResourceId,
        "ResourceType" => ManagedInstance,
        "ExecutionId" => c.ExecutionId,
        "ExecutionType" => c.ExecutionType,
        "ExecutionTime" => WireFormat.IsoMillis(c.ExecutionTime),
        _ when DetailKeys.Contains(key) => i.Details.GetValueOrDefault(key),
        _ => throw new InvalidFilterException(
            $"Filter key '{key}' is not valid for ListComplianceItems. Valid keys: ComplianceType, Status, Severity, Id, Title, ResourceId, ResourceType, ExecutionId, ExecutionType, ExecutionTime, Classification, PatchBaselineId, PatchSeverity, PatchState, PatchGroup, InstalledTime."),
    };

    private object ListResourceComplianceSummaries(RequestReader r)
    {
        var filters = ReadComplianceFilters(r);
        r.Int("MaxResults", min: 1, max: 50);
        r.ThrowIfInvalid();
        IEnumerable<ResourceCompliance> list = backend.Resources();
        foreach (var f in filters)
        {
            list = list.Where(s => f.Matches(f.Key switch
            {
                "ComplianceType" => s.ComplianceType,
                "Status" => s.Status,
                "OverallSeverity" => s.OverallSeverity,
                "ResourceId" => s.ResourceId,
                "ResourceType" => ManagedInstance,
                "ExecutionTime" => WireFormat.IsoMillis(s.ExecutionTime),
                _ => throw new InvalidFilterException(
                    $"Filter key '{f.Key}' is not valid for ListResourceComplianceSummaries. Valid keys: ComplianceType, Status, OverallSeverity, ResourceId, ResourceType, ExecutionTime."),
            }));
        }
        var (page, next) = WireFormat.Page(list.ToList(), r, "ListResourceComplianceSummaries", 10, 1, 50);
        return new
        {
            ResourceComplianceSummaryItems = page.Select(s => new
            {
                s.ComplianceType, ResourceType = ManagedInstance, s.ResourceId, s.Status, s.OverallSeverity,
                ExecutionSummary = ExecutionSummary(s),
                CompliantSummary = new { CompliantCount = s.Items.Count(i => i.Compliant), SeveritySummary = SeveritySummary(s.Items.Where(i => i.Compliant).Select(i => i.Severity)) },
                NonCompliantSummary = new { NonCompliantCount = s.Items.Count(i => !i.Compliant), SeveritySummary = SeveritySummary(s.Items.Where(i => !i.Compliant).Select(i => i.Severity)) },
            }).ToList(),
            NextToken = next,
        };
    }

    /// <summary>
    /// One item per compliance type, counting resources: compliant ones under UNSPECIFIED, non-compliant ones under their
    /// overall severity (AWS's example counts a non-compliant node once, as Critical).
    /// </summary>
    private object ListComplianceSummaries(RequestReader r)
    {
        var filters = ReadComplianceFilters(r);
        r.Int("MaxResults", min: 1, max: 50);
        r.ThrowIfInvalid();
        foreach (var f in filters.Where(f => f.Key != "ComplianceType"))
        {
            throw new InvalidFilterException($"Filter key '{f.Key}' is not valid for ListComplianceSummaries. Valid key: ComplianceType.");
        }
        var rows = backend.Resources()
            .GroupBy(c => c.ComplianceType, StringComparer.Ordinal)
            .Where(g => filters.All(f => f.Matches(g.Key)))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var compliant = g.Where(s => s.Compliant).ToList();
                var nonCompliant = g.Where(s => !s.Compliant).ToList();
                return (object)new
                {
                    ComplianceType = g.Key,
                    CompliantSummary = new { CompliantCount = compliant.Count, SeveritySummary = SeveritySummary(compliant.Select(s => s.OverallSeverity)) },
                    NonCompliantSummary = new { NonCompliantCount = nonCompliant.Count, SeveritySummary = SeveritySummary(nonCompliant.Select(s => s.OverallSeverity)) },
                };
            })
            .ToList();
        var (page, next) = WireFormat.Page(rows, r, "ListComplianceSummaries", 10, 1, 50);
        return new { ComplianceSummaryItems = page, NextToken = next };
    }

    private static object SeveritySummary(IEnumerable<string> severities)
    {
        var list = severities.ToList();
        int Count(string s) => list.Count(x => x == s);
        return new
        {
            CriticalCount = Count("CRITICAL"), HighCount = Count("HIGH"), MediumCount = Count("MEDIUM"), LowCount = Count("LOW"),
            InformationalCount = Count("INFORMATIONAL"), UnspecifiedCount = Count("UNSPECIFIED"),
        };
    }

    /// <summary>ComplianceStringFilter: {Key 1–200, Values 1–20, Type EQUAL|NOT_EQUAL|BEGIN_WITH|LESS_THAN|GREATER_THAN (default EQUAL)}.</summary>
    private sealed record ComplianceFilter(string Key, IReadOnlyList<string> Values, string Type)
    {
        public bool Matches(string? actual)
        {
            actual ??= "";
            return Type switch
            {
                "NOT_EQUAL" => !Values.Contains(actual, StringComparer.Ordinal),
                "BEGIN_WITH" => Values.Any(v => actual.StartsWith(v, StringComparison.Ordinal)),
                "LESS_THAN" => Values.Any(v => Compare(actual, v) < 0),
                "GREATER_THAN" => Values.Any(v => Compare(actual, v) > 0),
                _ => Values.Contains(actual, StringComparer.Ordinal),
            };
        }

        /// <summary>Instants compare as instants (ExecutionTime=2019-02-18T16:00:00Z), numbers as numbers, the rest ordinally.</summary>
        private static int Compare(string actual, string wanted)
        {
            const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            if (DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, styles, out var a) && DateTimeOffset.TryParse(wanted, CultureInfo.InvariantCulture, styles, out var w))
            {
                return a.CompareTo(w);
            }
            if (double.TryParse(actual, CultureInfo.InvariantCulture, out var x) && double.TryParse(wanted, CultureInfo.InvariantCulture, out var y))
            {
                return x.CompareTo(y);
            }
            return string.CompareOrdinal(actual, wanted);
        }
    }

    private static List<ComplianceFilter> ReadComplianceFilters(RequestReader r)
    {
        var result = new List<ComplianceFilter>();
        if (r.Element("Filters", JsonValueKind.Array) is not { } arr)
        {
            return result;
        }
        var i = 0;
        foreach (var f in arr.EnumerateArray())
        {
            i++;
            var p = $"filters.{i}.member";
            var key = Str(f, "Key");
            var type = Str(f, "Type") ?? "EQUAL";
            var values = f.ValueKind == JsonValueKind.Object && f.TryGetProperty("Values", out var vs) && vs.ValueKind == JsonValueKind.Array
                ? vs.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
                : [];
            if (key is null) { r.Fail($"{p}.key", null, "Member must not be null"); } else { r.CheckString($"{p}.key", key, 1, 200); }
            r.CheckString($"{p}.type", type, allowed: ["EQUAL", "NOT_EQUAL", "BEGIN_WITH", "LESS_THAN", "GREATER_THAN"]);
            r.CheckCount($"{p}.values", values.Count, 1, 20);
            result.Add(new ComplianceFilter(key ?? "", values, type));
        }
        return result;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
