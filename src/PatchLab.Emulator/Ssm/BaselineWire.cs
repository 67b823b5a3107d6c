using System.Text.Json;
using PatchLab.Domain.Baselines;
using PatchLab.Emulator.Wire;

namespace PatchLab.Emulator.Ssm;

/// <summary>
/// Reads and writes the baseline shapes of the SSM model (PatchFilterGroup, PatchRuleGroup, PatchSource,
/// BaselineOverride) with the model's constraints, in AWS's framework wording and member paths
/// (approvalRules.patchRules.1.member.approveAfterDays).
/// </summary>
internal static class BaselineWire
{
    public const string SourceNamePattern = @"^[a-zA-Z0-9_\-.]{3,50}$";

    /// <summary>Reads {"PatchFilters": [{Key, Values}]} (0–4 filters, 1–20 values of 1–64 characters).</summary>
    public static List<PatchFilter> ReadFilterGroup(RequestReader r, JsonElement group, string path)
    {
        var filters = new List<PatchFilter>();
        if (group.ValueKind != JsonValueKind.Object)
        {
            throw new SerializationException($"'{path}' must be a structure {{\"PatchFilters\": [...]}}.");
        }
        if (!group.TryGetProperty("PatchFilters", out var arr) || arr.ValueKind == JsonValueKind.Null)
        {
            r.Fail($"{path}.patchFilters", null, "Member must not be null");
            return filters;
        }
        if (arr.ValueKind != JsonValueKind.Array)
        {
            throw new SerializationException($"'{path}.PatchFilters' must be a list.");
        }
        var i = 0;
        foreach (var f in arr.EnumerateArray())
        {
            i++;
            var p = $"{path}.patchFilters.{i}.member";
            var key = Str(f, "Key");
            if (key is null)
            {
                r.Fail($"{p}.key", null, "Member must not be null");
            }
            else
            {
                r.CheckString($"{p}.key", key, allowed: PatchProperties.FilterKeys);
            }
            var values = StrList(f, "Values", $"{p}.values");
            if (values is null)
            {
                r.Fail($"{p}.values", null, "Member must not be null");
                values = [];
            }
            r.CheckCount($"{p}.values", values.Count, 1, 20);
            foreach (var v in values)
            {
                r.CheckString($"{p}.values.member", v, 1, 64);
            }
            filters.Add(new PatchFilter(key ?? "", values));
        }
        r.CheckCount($"{path}.patchFilters", filters.Count, 0, 4);
        return filters;
    }

    /// <summary>Reads {"PatchRules": [PatchRule]} (0–10 rules).</summary>
    public static List<PatchRule> ReadRules(RequestReader r, JsonElement group, string path)
    {
        var rules = new List<PatchRule>();
        if (group.ValueKind != JsonValueKind.Object)
        {
            throw new SerializationException($"'{path}' must be a structure {{\"PatchRules\": [...]}}.");
        }
        if (!group.TryGetProperty("PatchRules", out var arr) || arr.ValueKind == JsonValueKind.Null)
        {
            r.Fail($"{path}.patchRules", null, "Member must not be null");
            return rules;
        }
        if (arr.ValueKind != JsonValueKind.Array)
        {
            throw new SerializationException($"'{path}.PatchRules' must be a list.");
        }
        var i = 0;
        foreach (var rule in arr.EnumerateArray())
        {
            i++;
            var p = $"{path}.patchRules.{i}.member";
            if (rule.ValueKind != JsonValueKind.Object)
            {
                throw new SerializationException($"Each item of '{path}.PatchRules' must be a structure.");
            }
            List<PatchFilter> filters = [];
            if (rule.TryGetProperty("PatchFilterGroup", out var fg) && fg.ValueKind != JsonValueKind.Null)
            {
                filters = ReadFilterGroup(r, fg, $"{p}.patchFilterGroup");
            }
            else
            {
                r.Fail($"{p}.patchFilterGroup", null, "Member must not be null");
            }
            var level = Str(rule, "ComplianceLevel") ?? "UNSPECIFIED";
            r.CheckString($"{p}.complianceLevel", level, allowed: PatchProperties.ComplianceLevels);
            int? days = null;
            if (rule.TryGetProperty("ApproveAfterDays", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var n))
                {
                    throw new SerializationException($"'{p}.ApproveAfterDays' must be an integer.");
                }
                if (n < 0)
                {
                    r.Fail($"{p}.approveAfterDays", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "Member must have value greater than or equal to 0");
                }
                if (n > 360)
                {
                    r.Fail($"{p}.approveAfterDays", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "Member must have value less than or equal to 360");
                }
                days = n;
            }
            var until = Str(rule, "ApproveUntilDate");
            if (until is not null)
            {
                r.CheckString($"{p}.approveUntilDate", until, 1, 10);
            }
            var nonSecurity = rule.TryGetProperty("EnableNonSecurity", out var e) && e.ValueKind == JsonValueKind.True;
            rules.Add(new PatchRule(filters, level, days, until, nonSecurity));
        }
        r.CheckCount($"{path}.patchRules", rules.Count, 0, 10);
        return rules;
    }

    /// <summary>Reads Sources: 0–20 × {Name, Products 1–20, Configuration 1–1024}.</summary>
    public static List<PatchSource> ReadSources(RequestReader r, JsonElement arr, string path)
    {
        var sources = new List<PatchSource>();
        if (arr.ValueKind != JsonValueKind.Array)
        {
            throw new SerializationException($"'{path}' must be a list.");
        }
        var i = 0;
        foreach (var s in arr.EnumerateArray())
        {
            i++;
            var p = $"{path}.{i}.member";
            var name = Str(s, "Name");
            var config = Str(s, "Configuration");
            var products = StrList(s, "Products", $"{p}.products");
            if (name is null)
            {
                r.Fail($"{p}.name", null, "Member must not be null");
            }
            else
            {
                r.CheckString($"{p}.name", name, pattern: SourceNamePattern);
            }
            if (config is null)
            {
                r.Fail($"{p}.configuration", null, "Member must not be null");
            }
            else
            {
                // Sensitive in the model: AWS does not echo the value in the message.
                if (config.Length is < 1 or > 1024)
                {
                    r.Fail($"{p}.configuration", "***", "Member must have length between 1 and 1024");
                }
            }
            if (products is null)
            {
                r.Fail($"{p}.products", null, "Member must not be null");
            }
            else
            {
                r.CheckCount($"{p}.products", products.Count, 1, 20);
                foreach (var prod in products)
                {
                    r.CheckString($"{p}.products.member", prod, 1, 128);
                }
            }
            sources.Add(new PatchSource(name ?? "", products ?? [], config ?? ""));
        }
        r.CheckCount(path, sources.Count, 0, 20);
        return sources;
    }

    /// <summary>
    /// Reads a baseline definition from a JSON object shaped like GetPatchBaseline's output or BaselineOverride
    /// (OperatingSystem, GlobalFilters, ApprovalRules, ApprovedPatches, …). Constraint failures collect in <paramref name="r"/>.
    /// </summary>
    public static PatchBaseline ReadDefinition(RequestReader r, string baselineId, string name)
    {
        var os = r.String("OperatingSystem", allowed: PatchProperties.OperatingSystems) ?? "WINDOWS";
        var global = r.Element("GlobalFilters", JsonValueKind.Object) is { } g ? ReadFilterGroup(r, g, "globalFilters") : [];
        var rules = r.Element("ApprovalRules", JsonValueKind.Object) is { } ar ? ReadRules(r, ar, "approvalRules") : [];
        var approved = r.StringList("ApprovedPatches", maxItems: 50, itemMin: 1, itemMax: 100) ?? [];
        var approvedLevel = r.String("ApprovedPatchesComplianceLevel", allowed: PatchProperties.ComplianceLevels) ?? "UNSPECIFIED";
        var approvedNonSecurity = r.Bool("ApprovedPatchesEnableNonSecurity") ?? false;
        var rejected = r.StringList("RejectedPatches", maxItems: 50, itemMin: 1, itemMax: 100) ?? [];
        var action = r.String("RejectedPatchesAction", allowed: RejectedPatchesActions.All) ?? RejectedPatchesActions.AllowAsDependency;
        var sources = r.Element("Sources", JsonValueKind.Array) is { } s ? ReadSources(r, s, "sources") : [];
        var asu = r.String("AvailableSecurityUpdatesComplianceStatus", allowed: ["COMPLIANT", "NON_COMPLIANT"]);
        return new PatchBaseline
        {
            BaselineId = baselineId, Name = name, OperatingSystem = os, GlobalFilters = global, ApprovalRules = rules, ApprovedPatches = approved,
            ApprovedPatchesComplianceLevel = approvedLevel, ApprovedPatchesEnableNonSecurity = approvedNonSecurity, RejectedPatches = rejected,
            RejectedPatchesAction = action, Sources = sources, AvailableSecurityUpdatesComplianceStatus = asu,
        };
    }

    /// <summary>{"PatchFilters": [...]} on the wire.</summary>
    public static object FilterGroup(IReadOnlyList<PatchFilter> filters) => new { PatchFilters = filters.Select(f => new { f.Key, f.Values }).ToList() };

    /// <summary>{"PatchRules": [...]} on the wire; a rule shows the delay it has (ApproveAfterDays or ApproveUntilDate).</summary>
    public static object RuleGroup(IReadOnlyList<PatchRule> rules) => new
    {
        PatchRules = rules.Select(r => new
        {
            PatchFilterGroup = FilterGroup(r.Filters), r.ComplianceLevel, r.ApproveAfterDays, r.ApproveUntilDate, r.EnableNonSecurity,
        }).ToList(),
    };

    /// <summary>Sources on the wire.</summary>
    public static object SourcesOf(IReadOnlyList<PatchSource> sources) => sources.Select(s => new { s.Name, s.Products, s.Configuration }).ToList();

    /// <summary>PatchBaselineIdentity.</summary>
    public static object Identity(PatchBaseline b, bool isDefault) => new
    {
        b.BaselineId, BaselineName = b.Name, b.OperatingSystem, BaselineDescription = b.Description, DefaultBaseline = isDefault,
    };

    private static string? Str(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new SerializationException($"Member '{name}' must be a string, got {v.ValueKind}.");
    }

    private static List<string>? StrList(JsonElement e, string name, string path)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
        {
            throw new SerializationException($"'{path}' must be a list of strings.");
        }
        return v.EnumerateArray().Select(x => x.GetString()!).ToList();
    }
}
