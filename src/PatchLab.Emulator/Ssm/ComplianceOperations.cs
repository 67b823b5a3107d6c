using System.Globalization;
using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>
/// Patch compliance by patch group and through the Compliance API for ComplianceType Patch (reference 6.2, 6.3):
/// DescribeInstancePatchStatesForPatchGroup, DescribePatchGroupState, ListComplianceItems, ListComplianceSummaries,
/// ListResourceComplianceSummaries.
/// </summary>
/// <remarks>
/// PatchLab has only Patch compliance (no associations, no PutComplianceItems). [U] choices: terminated nodes drop out of
/// the Compliance API; a compliant resource's OverallSeverity is UNSPECIFIED; NotApplicable items count as compliant;
/// ListComplianceItems without ResourceIds lists every node.
/// </remarks>
internal sealed class ComplianceOperations(ComplianceRepository compliance, InstanceRepository instances) : ISsmOperations
{
    private const string PatchGroupPattern = PatchBaselineOperations.PatchGroupPattern;
    private const string ComplianceType = "Patch";
    private const string ManagedInstance = "ManagedInstance";

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

    /// <summary>One compliance item of a node: a patch with its state (reference 6.3, AWS:ComplianceItem).</summary>
    private sealed record Item(PatchState State, InstancePatch Patch)
    {
        public bool Compliant => !IsNonCompliant(Patch.State);

        public string Status => Compliant ? "COMPLIANT" : "NON_COMPLIANT";

        public string Severity => Severities.Contains(Patch.ComplianceLevel) ? Patch.ComplianceLevel : "UNSPECIFIED";

        public IReadOnlyDictionary<string, string> Details
        {
            get
            {
                var d = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Classification"] = Patch.Classification, ["PatchBaselineId"] = State.BaselineId, ["PatchSeverity"] = Patch.Severity,
                    ["PatchState"] = Patch.State, ["PatchGroup"] = State.PatchGroup,
                    ["InstalledTime"] = Patch.InstalledTime is { } t ? WireFormat.IsoMillis(t) : "",
                };
                if (Patch.State is "Missing" or "Failed" && Patch.CveIds.Count > 0)
                {
                    d["CVEIds"] = string.Join(",", Patch.CveIds);
                }
                if (!string.IsNullOrEmpty(State.InstallOverrideList))
                {
                    d["InstallOverrideList"] = State.InstallOverrideList;
                }
                return d;
            }
        }
    }

    /// <summary>NON_COMPLIANT states (reference 6.3).</summary>
    internal static bool IsNonCompliant(string patchState) =>
        patchState is "Missing" or "Failed" or "InstalledPendingReboot" or "InstalledRejected" or "AvailableSecurityUpdate";

    private static object ExecutionSummary(PatchState s) => new
    {
        ExecutionTime = WireFormat.Epoch(s.OperationEndTime), ExecutionId = s.CommandId, ExecutionType = "Command",
    };

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
        var states = LiveStates().Where(s => ids is null || ids.Contains(s.InstanceId)).ToList();
        IEnumerable<Item> items = states.SelectMany(s => compliance.Patches(s.InstanceId).Select(p => new Item(s, p)));
        foreach (var f in filters)
        {
            items = items.Where(i => f.Matches(ItemField(i, f.Key)));
        }
        var (page, next) = WireFormat.Page(items.ToList(), r, "ListComplianceItems", 10, 1, 50);
        return new
        {
            ComplianceItems = page.Select(i => new
            {
                ComplianceType, ResourceType = ManagedInstance, ResourceId = i.State.InstanceId, Id = i.Patch.KBId, i.Patch.Title, i.Status, i.Severity,
                ExecutionSummary = ExecutionSummary(i.State), i.Details,
            }).ToList(),
            NextToken = next,
        };
    }

    private static string? ItemField(Item i, string key) => key switch
    {
        "ComplianceType" => ComplianceType,
        "Status" => i.Status,
        "Severity" => i.Severity,
        "Id" => i.Patch.KBId,
        "Title" => i.Patch.Title,
        "ResourceId" => i.State.InstanceId,
        "ResourceType" => ManagedInstance,
        "ExecutionId" => i.State.CommandId,
        "ExecutionType" => "Command",
        "ExecutionTime" => WireFormat.IsoMillis(i.State.OperationEndTime),
        _ => i.Details.TryGetValue(key, out var v) ? v : throw new InvalidFilterException(
            $"Filter key '{key}' is not valid for ListComplianceItems. Valid keys: ComplianceType, Status, Severity, Id, Title, ResourceId, ResourceType, ExecutionId, ExecutionType, ExecutionTime, Classification, PatchBaselineId, PatchSeverity, PatchState, PatchGroup, InstalledTime."),
    };

    /// <summary>Per-node summaries of its items (reference 6.3).</summary>
    private sealed record ResourceSummary(PatchState State, IReadOnlyList<Item> Items)
    {
        public bool Compliant => Items.All(i => i.Compliant);

        public string Status => Compliant ? "COMPLIANT" : "NON_COMPLIANT";

        /// <summary>Worst severity among non-compliant items; UNSPECIFIED when compliant [U].</summary>
        public string OverallSeverity => Compliant
            ? "UNSPECIFIED"
            : Severities.First(s => Items.Any(i => !i.Compliant && i.Severity == s));
    }

    private List<ResourceSummary> Summaries() =>
        [.. LiveStates().Select(s => new ResourceSummary(s, [.. compliance.Patches(s.InstanceId).Select(p => new Item(s, p))]))];

    private object ListResourceComplianceSummaries(RequestReader r)
    {
        var filters = ReadComplianceFilters(r);
        r.Int("MaxResults", min: 1, max: 50);
        r.ThrowIfInvalid();
        IEnumerable<ResourceSummary> list = Summaries();
        foreach (var f in filters)
        {
            list = list.Where(s => f.Matches(f.Key switch
            {
                "ComplianceType" => ComplianceType,
                "Status" => s.Status,
                "OverallSeverity" => s.OverallSeverity,
                "ResourceId" => s.State.InstanceId,
                "ResourceType" => ManagedInstance,
                "ExecutionTime" => WireFormat.IsoMillis(s.State.OperationEndTime),
                _ => throw new InvalidFilterException(
                    $"Filter key '{f.Key}' is not valid for ListResourceComplianceSummaries. Valid keys: ComplianceType, Status, OverallSeverity, ResourceId, ResourceType, ExecutionTime."),
            }));
        }
        var (page, next) = WireFormat.Page(list.ToList(), r, "ListResourceComplianceSummaries", 10, 1, 50);
        return new
        {
            ResourceComplianceSummaryItems = page.Select(s => new
            {
                ComplianceType, ResourceType = ManagedInstance, ResourceId = s.State.InstanceId, s.Status, s.OverallSeverity,
                ExecutionSummary = ExecutionSummary(s.State),
                CompliantSummary = new { CompliantCount = s.Items.Count(i => i.Compliant), SeveritySummary = SeveritySummary(s.Items.Where(i => i.Compliant).Select(i => i.Severity)) },
                NonCompliantSummary = new { NonCompliantCount = s.Items.Count(i => !i.Compliant), SeveritySummary = SeveritySummary(s.Items.Where(i => !i.Compliant).Select(i => i.Severity)) },
            }).ToList(),
            NextToken = next,
        };
    }

    /// <summary>
    /// One item per compliance type (only Patch in PatchLab), counting resources: compliant ones under UNSPECIFIED,
    /// non-compliant ones under their overall severity (AWS's example counts a non-compliant node once, as Critical).
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
        var summaries = Summaries();
        var rows = new List<object>();
        if (summaries.Count > 0 && filters.All(f => f.Matches(ComplianceType)))
        {
            var compliant = summaries.Where(s => s.Compliant).ToList();
            var nonCompliant = summaries.Where(s => !s.Compliant).ToList();
            rows.Add(new
            {
                ComplianceType,
                CompliantSummary = new { CompliantCount = compliant.Count, SeveritySummary = SeveritySummary(compliant.Select(s => s.OverallSeverity)) },
                NonCompliantSummary = new { NonCompliantCount = nonCompliant.Count, SeveritySummary = SeveritySummary(nonCompliant.Select(s => s.OverallSeverity)) },
            });
        }
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
