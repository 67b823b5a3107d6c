using System.Runtime.InteropServices;
using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>
/// DescribeInstanceProperties (the console's node list): the same nodes and values as DescribeInstanceInformation, plus
/// Name (the Name tag), InstanceState, Architecture and LaunchTime; filters either as InstancePropertyFilterList
/// (key/valueSet, the model's key enum) or FiltersWithOperator (Key/Values/Operator Equal|NotEqual|BeginWith|LessThan|GreaterThan,
/// also tag:&lt;key&gt; and tag-key).
/// </summary>
/// <remarks>
/// [U] choices: stopped and terminated nodes are left out as in DescribeInstanceInformation; InstanceType, KeyName and
/// InstanceRole are not modelled and not returned; Architecture is the host's (the containers run on it); MaxResults
/// defaults to 10. PatchLab has no associations, activations or instance profiles: DocumentName (after checking the
/// document exists), IamRole and AssociationStatus match no node with Equal/BeginWith/LessThan/GreaterThan and every node
/// with NotEqual, and any ActivationIds value is InvalidActivationId. LessThan/GreaterThan compare versions as versions
/// (AgentVersion), other values ordinally. An unknown id with InstanceIds Equal is InvalidInstanceId, as in
/// DescribeInstanceInformation; both filter lists together are a ValidationException.
/// </remarks>
internal sealed class InstancePropertiesOperations(InstanceRepository instances, PingStatusRule ping) : ISsmOperations
{
    private static readonly string[] LegacyKeys =
        ["InstanceIds", "AgentVersion", "PingStatus", "PlatformTypes", "DocumentName", "ActivationIds", "IamRole", "ResourceType", "AssociationStatus"];

    private static readonly string[] Operators = ["Equal", "NotEqual", "BeginWith", "LessThan", "GreaterThan"];

    private static readonly Dictionary<string, string[]> ValueSets = new(StringComparer.Ordinal)
    {
        ["PingStatus"] = ["Online", "ConnectionLost", "Inactive"],
        ["PlatformTypes"] = ["Windows", "Linux", "MacOS"],
        ["ResourceType"] = ["EC2Instance", "ManagedInstance"],
    };

    private sealed record Filter(string Key, IReadOnlyList<string> Values, string Operator);

    public void Register(SsmRouter router) => router.Add("DescribeInstanceProperties", DescribeInstanceProperties);

    private object DescribeInstanceProperties(RequestReader r)
    {
        if (r.Has("InstancePropertyFilterList") && r.Has("FiltersWithOperator"))
        {
            throw new ValidationException("Use either InstancePropertyFilterList or FiltersWithOperator, not both.");
        }
        var filters = r.Has("FiltersWithOperator")
            ? ReadFilters(r, "FiltersWithOperator", "Key", "Values", withOperator: true)
            : ReadFilters(r, "InstancePropertyFilterList", "key", "valueSet", withOperator: false);
        r.Int("MaxResults", min: 5, max: 1000);
        r.ThrowIfInvalid();
        // The nodes DescribeInstanceInformation lists (reference 7.1).
        IEnumerable<Instance> list = instances.List().Where(i => i.State is "running" or "rebooting" && i.RegistrationDate is not null).ToList();
        foreach (var f in filters)
        {
            list = Apply(list, f);
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeInstanceProperties", 10, 5, 1000, key: i => i.InstanceId);
        return new
        {
            InstanceProperties = items.Select(i => new
            {
                i.Name, i.InstanceId, InstanceState = "running", Architecture = Architecture(), IPAddress = "127.0.0.1",
                LaunchTime = WireFormat.Epoch(i.LaunchedAt), PingStatus = ping.Of(i), LastPingDateTime = WireFormat.Epoch(i.LastPing), i.AgentVersion,
                i.PlatformType, i.PlatformName, i.PlatformVersion, RegistrationDate = WireFormat.Epoch(i.RegistrationDate), ResourceType = "EC2Instance",
                i.ComputerName, SourceId = i.InstanceId, SourceType = "AWS::EC2::Instance",
            }).ToList(),
            NextToken = next,
        };
    }

    private IEnumerable<Instance> Apply(IEnumerable<Instance> list, Filter f)
    {
        if (ValueSets.TryGetValue(f.Key, out var allowed) && f.Operator is "Equal" or "NotEqual" && f.Values.FirstOrDefault(v => !allowed.Contains(v)) is { } bad)
        {
            throw new InvalidInstancePropertyFilterValueException($"'{bad}' is not a valid {f.Key} value. Valid values: {string.Join(", ", allowed)}.");
        }
        switch (f.Key)
        {
            case "InstanceIds" when f.Operator == "Equal":
                var known = instances.List().Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
                var unknown = f.Values.Where(v => !known.Contains(v)).ToList();
                if (unknown.Count > 0)
                {
                    throw new InvalidInstanceIdException($"Instance(s) {string.Join(", ", unknown)} are not managed nodes of this PatchLab.");
                }
                break;
            case "DocumentName" when f.Values.FirstOrDefault(v => Documents.Find(v) is null) is { } doc:
                throw new InvalidDocumentException($"Document {doc} does not exist. PatchLab's documents: {string.Join(", ", Documents.All.Select(d => d.Name))}.");
            case "ActivationIds":
                throw new InvalidActivationIdException($"Activation {f.Values[0]} does not exist: PatchLab has no hybrid activations (every node is an EC2 instance).");
            case "tag-key":
                return f.Operator == "NotEqual" ? list.Where(i => !f.Values.Any(i.Tags.ContainsKey)) : list.Where(i => i.Tags.Keys.Any(k => Matches(k, f)));
        }
        Func<Instance, string?> value = f.Key switch
        {
            "InstanceIds" => i => i.InstanceId,
            "AgentVersion" => i => i.AgentVersion,
            "PingStatus" => ping.Of,
            "PlatformTypes" => i => i.PlatformType,
            "ResourceType" => _ => "EC2Instance",
            "DocumentName" or "IamRole" or "AssociationStatus" => _ => null,
            _ when f.Key.StartsWith("tag:", StringComparison.Ordinal) && f.Key.Length > 4 => i => i.Tags.GetValueOrDefault(f.Key[4..]),
            _ => throw new InvalidFilterKeyException(
                $"Filter key '{f.Key}' is not supported. Valid keys: {string.Join(", ", LegacyKeys)}, and with FiltersWithOperator also tag:<key> and tag-key."),
        };
        return list.Where(i => Matches(value(i), f));
    }

    private static bool Matches(string? actual, Filter f) => actual is null
        ? f.Operator == "NotEqual"
        : f.Operator switch
        {
            "NotEqual" => !f.Values.Contains(actual, StringComparer.Ordinal),
            "BeginWith" => f.Values.Any(v => actual.StartsWith(v, StringComparison.Ordinal)),
            "LessThan" => f.Values.Any(v => Compare(actual, v) < 0),
            "GreaterThan" => f.Values.Any(v => Compare(actual, v) > 0),
            _ => f.Values.Contains(actual, StringComparer.Ordinal),
        };

    private static int Compare(string actual, string wanted) =>
        Version.TryParse(actual, out var a) && Version.TryParse(wanted, out var w) ? a.CompareTo(w) : string.CompareOrdinal(actual, wanted);

    private static string Architecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "i386",
        _ => "x86_64",
    };

    private static List<Filter> ReadFilters(RequestReader r, string member, string keyName, string valuesName, bool withOperator)
    {
        var result = new List<Filter>();
        if (r.Element(member, JsonValueKind.Array) is not { } arr)
        {
            return result;
        }
        var n = 0;
        foreach (var f in arr.EnumerateArray())
        {
            n++;
            var p = $"{member}.{n}.member";
            var keyPath = $"{p}.{char.ToLowerInvariant(keyName[0])}{keyName[1..]}";
            var valuesPath = $"{p}.{char.ToLowerInvariant(valuesName[0])}{valuesName[1..]}";
            if (f.ValueKind != JsonValueKind.Object)
            {
                throw new SerializationException($"Each item of '{member}' must be {{\"{keyName}\": ..., \"{valuesName}\": [...]{(withOperator ? ", \"Operator\": \"Equal\"" : "")}}}.");
            }
            var key = f.TryGetProperty(keyName, out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null;
            var op = withOperator && f.TryGetProperty("Operator", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "Equal";
            List<string>? values = null;
            if (f.TryGetProperty(valuesName, out var vs) && vs.ValueKind == JsonValueKind.Array)
            {
                values = [];
                foreach (var v in vs.EnumerateArray())
                {
                    if (v.ValueKind != JsonValueKind.String)
                    {
                        throw new SerializationException($"Member '{member}[{n}].{valuesName}' must be a list of strings.");
                    }
                    r.CheckString($"{valuesPath}.member", v.GetString()!, 1, 100_000);
                    values.Add(v.GetString()!);
                }
                r.CheckCount(valuesPath, values.Count, 1, 40);
            }
            if (key is null) { r.Fail(keyPath, null, "Member must not be null"); } else { r.CheckString(keyPath, key, 1, 100_000, allowed: withOperator ? null : LegacyKeys); }
            if (values is null) { r.Fail(valuesPath, null, "Member must not be null"); }
            r.CheckString($"{p}.operator", op, allowed: Operators);
            result.Add(new Filter(key ?? "", values ?? [], op));
        }
        r.CheckCount(member, n, 1, 40);
        return result;
    }
}
