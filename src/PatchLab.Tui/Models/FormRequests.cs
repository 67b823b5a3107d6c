using System.Globalization;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace PatchLab.Tui.Models;

/// <summary>
/// Builds the SDK requests of the dashboard's forms from what was typed. It only reads the text (numbers, lists,
/// Key=Value pairs) and leaves every rule to the emulator, which answers as AWS does; an empty field is left out of the
/// request (so the emulator, not the form, says a required one is missing). Text it cannot read throws
/// <see cref="FormatException"/> naming the field.
/// </summary>
public static class FormRequests
{
    /// <summary>CreateMaintenanceWindow from Name, Schedule, Duration, Cutoff, Timezone, AllowUnassociated, Description.</summary>
    public static CreateMaintenanceWindowRequest CreateWindow(IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new CreateMaintenanceWindowRequest
        {
            Name = Text(v, "Name"),
            Schedule = Text(v, "Schedule"),
            Duration = Int(v, "Duration"),
            Cutoff = Int(v, "Cutoff"),
            ScheduleTimezone = Text(v, "Timezone"),
            AllowUnassociatedTargets = Bool(v, "AllowUnassociated") ?? false,
            Description = Text(v, "Description"),
        };
    }

    /// <summary>
    /// UpdateMaintenanceWindow of <paramref name="windowId"/>: the window fields plus Enabled, StartDate, EndDate,
    /// ScheduleOffset and Replace (yes/no). Without Replace an empty field is left out and keeps its value; with Replace=yes
    /// the emulator, as AWS, wants every field CreateMaintenanceWindow requires and clears the optional ones left empty.
    /// </summary>
    public static UpdateMaintenanceWindowRequest UpdateWindow(string windowId, IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new UpdateMaintenanceWindowRequest
        {
            WindowId = windowId,
            Name = Text(v, "Name"),
            Schedule = Text(v, "Schedule"),
            Duration = Int(v, "Duration"),
            Cutoff = Int(v, "Cutoff"),
            ScheduleTimezone = Text(v, "Timezone"),
            ScheduleOffset = Int(v, "ScheduleOffset"),
            StartDate = Text(v, "StartDate"),
            EndDate = Text(v, "EndDate"),
            AllowUnassociatedTargets = Bool(v, "AllowUnassociated"),
            Enabled = Bool(v, "Enabled"),
            Description = Text(v, "Description"),
            Replace = Replace(v),
        };
    }

    /// <summary>The form values of a window as GetMaintenanceWindow returns it, for the edit form (Replace: no).</summary>
    public static Dictionary<string, string> WindowValues(GetMaintenanceWindowResponse window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = window.Name ?? "",
            ["Schedule"] = window.Schedule ?? "",
            ["Duration"] = window.Duration?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["Cutoff"] = window.Cutoff?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["Timezone"] = window.ScheduleTimezone ?? "",
            ["ScheduleOffset"] = window.ScheduleOffset?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["StartDate"] = window.StartDate ?? "",
            ["EndDate"] = window.EndDate ?? "",
            ["AllowUnassociated"] = YesNo(window.AllowUnassociatedTargets),
            ["Enabled"] = YesNo(window.Enabled),
            ["Description"] = window.Description ?? "",
            ["Replace"] = "no",
        };
    }

    /// <summary>RegisterTargetWithMaintenanceWindow (INSTANCE) from Name, Targets, Description.</summary>
    public static RegisterTargetWithMaintenanceWindowRequest RegisterTarget(string windowId, IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new RegisterTargetWithMaintenanceWindowRequest
        {
            WindowId = windowId,
            Name = Text(v, "Name"),
            ResourceType = MaintenanceWindowResourceType.INSTANCE,
            Targets = Targets(v, "Targets"),
            Description = Text(v, "Description"),
        };
    }

    /// <summary>RegisterTaskWithMaintenanceWindow, a RUN_COMMAND task: Name, Document, Targets, Parameters, MaxConcurrency, MaxErrors, Priority.</summary>
    public static RegisterTaskWithMaintenanceWindowRequest RegisterTask(string windowId, IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = windowId,
            Name = Text(v, "Name"),
            TaskType = MaintenanceWindowTaskType.RUN_COMMAND,
            TaskArn = Text(v, "Document"),
            Targets = Targets(v, "Targets"),
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters { Parameters = Parameters(v, "Parameters") },
            },
            MaxConcurrency = Text(v, "MaxConcurrency"),
            MaxErrors = Text(v, "MaxErrors"),
            Priority = Int(v, "Priority"),
        };
    }

    /// <summary>
    /// UpdateMaintenanceWindowTarget of <paramref name="windowTargetId"/> from Name, Targets, Owner, Description and Replace
    /// (yes/no). Without Replace, as on AWS, a field left empty is left out and keeps its value; with Replace=yes Targets
    /// is required and an empty Name, Owner or Description is cleared.
    /// </summary>
    public static UpdateMaintenanceWindowTargetRequest UpdateTarget(string windowId, string windowTargetId, IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new UpdateMaintenanceWindowTargetRequest
        {
            WindowId = windowId,
            WindowTargetId = windowTargetId,
            Name = Text(v, "Name"),
            Targets = Targets(v, "Targets"),
            OwnerInformation = Text(v, "Owner"),
            Description = Text(v, "Description"),
            Replace = Replace(v),
        };
    }

    /// <summary>The form values of a registered target, for the update form (Replace: no).</summary>
    public static Dictionary<string, string> TargetValues(WindowTargetItem target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = target.Name,
            ["Targets"] = PairsText(target.Targets, t => t.Key, t => t.Values),
            ["Owner"] = target.OwnerInformation,
            ["Description"] = target.Description,
            ["Replace"] = "no",
        };
    }

    /// <summary>
    /// UpdateMaintenanceWindowTask of a RUN_COMMAND task from the task form's fields (Name, Document, Targets, Parameters,
    /// MaxConcurrency, MaxErrors, Priority), Description and Replace (yes/no). Without Replace an empty field keeps its
    /// value, as on AWS; with Replace=yes Document is required and every optional field left empty is cleared (Priority
    /// back to the default, the parameters removed).
    /// </summary>
    public static UpdateMaintenanceWindowTaskRequest UpdateTask(string windowId, string windowTaskId, IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Dictionary<string, List<string>>? parameters = Parameters(v, "Parameters");
        return new UpdateMaintenanceWindowTaskRequest
        {
            WindowId = windowId,
            WindowTaskId = windowTaskId,
            Name = Text(v, "Name"),
            TaskArn = Text(v, "Document"),
            Targets = Targets(v, "Targets"),
            TaskInvocationParameters = parameters is null ? null : new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters { Parameters = parameters },
            },
            MaxConcurrency = Text(v, "MaxConcurrency"),
            MaxErrors = Text(v, "MaxErrors"),
            Priority = Int(v, "Priority"),
            Description = Text(v, "Description"),
            Replace = Replace(v),
        };
    }

    /// <summary>The form values of a task as GetMaintenanceWindowTask returns it, for the update form (Replace: no).</summary>
    public static Dictionary<string, string> TaskValues(GetMaintenanceWindowTaskResponse task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = task.Name ?? "",
            ["Document"] = task.TaskArn ?? "",
            ["Targets"] = PairsText(task.Targets, t => t.Key, t => t.Values),
            ["Parameters"] = PairsText(task.TaskInvocationParameters?.RunCommand?.Parameters, p => p.Key, p => p.Value),
            ["MaxConcurrency"] = task.MaxConcurrency ?? "",
            ["MaxErrors"] = task.MaxErrors ?? "",
            ["Priority"] = task.Priority?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["Description"] = task.Description ?? "",
            ["Replace"] = "no",
        };
    }

    /// <summary>RegisterPatchBaselineForPatchGroup of <paramref name="baselineId"/> with the PatchGroup field.</summary>
    public static RegisterPatchBaselineForPatchGroupRequest RegisterPatchGroup(string baselineId, IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new RegisterPatchBaselineForPatchGroupRequest { BaselineId = baselineId, PatchGroup = Text(v, "PatchGroup") };
    }

    /// <summary>DeregisterPatchBaselineForPatchGroup of <paramref name="baselineId"/> with the PatchGroup field.</summary>
    public static DeregisterPatchBaselineForPatchGroupRequest DeregisterPatchGroup(string baselineId, IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new DeregisterPatchBaselineForPatchGroupRequest { BaselineId = baselineId, PatchGroup = Text(v, "PatchGroup") };
    }

    /// <summary>CreatePatchBaseline with one approval rule (classification and severity filters, ApproveAfterDays, compliance level).</summary>
    public static CreatePatchBaselineRequest CreateBaseline(IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        string? os = Text(v, "OperatingSystem");
        return new CreatePatchBaselineRequest
        {
            Name = Text(v, "Name"),
            OperatingSystem = os is null ? null : Amazon.SimpleSystemsManagement.OperatingSystem.FindValue(os),
            ApprovalRules = AllRules(v, os, []) is { Count: > 0 } rules ? new PatchRuleGroup { PatchRules = rules } : null,
            GlobalFilters = Filters(Text(v, "GlobalFilters"), "GlobalFilters") is { Count: > 0 } global ? new PatchFilterGroup { PatchFilters = global } : null,
            ApprovedPatches = List(v, "Approved"),
            RejectedPatches = List(v, "Rejected"),
            Description = Text(v, "Description"),
        };
    }

    /// <summary>
    /// UpdatePatchBaseline of <paramref name="baselineId"/> (its operating system cannot change, as on AWS). The approval
    /// rules are, in order: the one of the Classification/Severity/ApproveAfterDays/ComplianceLevel fields (if any), one
    /// per non-empty Rule1, Rule2, … field (see <see cref="ParseRule"/>), then <paramref name="otherRules"/> unchanged.
    /// A GlobalFilters field replaces the global filters (emptied: none); without the field they are left as they are.
    /// </summary>
    public static UpdatePatchBaselineRequest UpdateBaseline(string baselineId, string? operatingSystem, IReadOnlyDictionary<string, string> v,
        IReadOnlyList<PatchRule>? otherRules = null)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new UpdatePatchBaselineRequest
        {
            BaselineId = baselineId,
            Name = Text(v, "Name"),
            ApprovalRules = new PatchRuleGroup { PatchRules = AllRules(v, operatingSystem, otherRules ?? []) },
            GlobalFilters = v.ContainsKey("GlobalFilters")
                ? new PatchFilterGroup { PatchFilters = Filters(Text(v, "GlobalFilters"), "GlobalFilters") ?? [] }
                : null,
            ApprovedPatches = List(v, "Approved") ?? [],
            RejectedPatches = List(v, "Rejected") ?? [],
            Description = Text(v, "Description"),
        };
    }

    /// <summary>The form values of an existing baseline (its first rule), for the edit form.</summary>
    public static Dictionary<string, string> BaselineValues(GetPatchBaselineResponse baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        PatchRule? rule = baseline.ApprovalRules?.PatchRules?.FirstOrDefault();
        string Filter(string key) => string.Join(",", rule?.PatchFilterGroup?.PatchFilters?.FirstOrDefault(f => f.Key?.Value == key)?.Values ?? []);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = baseline.Name ?? "",
            ["OperatingSystem"] = baseline.OperatingSystem?.Value ?? "",
            ["Classification"] = Filter("CLASSIFICATION"),
            ["Severity"] = Filter(SeverityKey(baseline.OperatingSystem?.Value)),
            ["ApproveAfterDays"] = rule?.ApproveAfterDays?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["ComplianceLevel"] = rule?.ComplianceLevel?.Value ?? "",
            ["Approved"] = string.Join(",", baseline.ApprovedPatches ?? []),
            ["Rejected"] = string.Join(",", baseline.RejectedPatches ?? []),
            ["Description"] = baseline.Description ?? "",
            ["GlobalFilters"] = FiltersText(baseline.GlobalFilters?.PatchFilters),
        };
        List<PatchRule> rules = baseline.ApprovalRules?.PatchRules ?? [];
        for (int i = 0; i < rules.Count; i++)
        {
            values[RuleKey(i + 1)] = RuleText(rules[i]);
        }

        return values;
    }

    /// <summary>Key of the n-th (from 1) rule field: Rule1, Rule2, ….</summary>
    public static string RuleKey(int n) => "Rule" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One approval rule typed on one line: patch filters as KEY=Value1,Value2 plus ApproveAfterDays=n or
    /// ApproveUntilDate=YYYY-MM-DD, ComplianceLevel=LEVEL and EnableNonSecurity=yes|no, separated by ';':
    /// "CLASSIFICATION=Security,Bugfix; SEVERITY=Critical; ApproveAfterDays=7; ComplianceLevel=HIGH". Null when empty.
    /// Filter keys and values are the emulator's to check, as AWS does.
    /// </summary>
    public static PatchRule? ParseRule(string? text, string field = "Rule")
    {
        var filters = new List<PatchFilter>();
        var rule = new PatchRule();
        bool any = false;
        foreach ((string key, string value) in Pairs(text, field, "CLASSIFICATION=Security; SEVERITY=Critical; ApproveAfterDays=7; ComplianceLevel=HIGH"))
        {
            any = true;
            switch (key.ToUpperInvariant())
            {
                case "APPROVEAFTERDAYS":
                    rule.ApproveAfterDays = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int days)
                        ? days
                        : throw new FormatException($"{field}: ApproveAfterDays is a whole number, not '{value}'.");
                    break;
                case "APPROVEUNTILDATE":
                    rule.ApproveUntilDate = value;
                    break;
                case "COMPLIANCELEVEL":
                    rule.ComplianceLevel = PatchComplianceLevel.FindValue(value);
                    break;
                case "ENABLENONSECURITY":
                    rule.EnableNonSecurity = Bool(new Dictionary<string, string> { [field + " EnableNonSecurity"] = value }, field + " EnableNonSecurity");
                    break;
                default:
                    filters.Add(new PatchFilter { Key = PatchFilterKey.FindValue(key), Values = Split(value, ',') });
                    break;
            }
        }

        if (!any)
        {
            return null;
        }

        rule.PatchFilterGroup = new PatchFilterGroup { PatchFilters = filters };
        return rule;
    }

    /// <summary>One rule as <see cref="ParseRule"/> reads it back.</summary>
    public static string RuleText(PatchRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var parts = new List<string>();
        if (FiltersText(rule.PatchFilterGroup?.PatchFilters) is { Length: > 0 } filters)
        {
            parts.Add(filters);
        }

        if (rule.ApproveAfterDays is { } days)
        {
            parts.Add("ApproveAfterDays=" + days.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(rule.ApproveUntilDate))
        {
            parts.Add("ApproveUntilDate=" + rule.ApproveUntilDate);
        }

        if (rule.ComplianceLevel?.Value is { Length: > 0 } level)
        {
            parts.Add("ComplianceLevel=" + level);
        }

        if (rule.EnableNonSecurity is { } nonSecurity)
        {
            parts.Add("EnableNonSecurity=" + (nonSecurity ? "yes" : "no"));
        }

        return string.Join("; ", parts);
    }

    /// <summary>Patch filters typed as "PRODUCT=AmazonLinux2023; CLASSIFICATION=Security,Bugfix"; null when empty.</summary>
    public static List<PatchFilter>? Filters(string? text, string field = "GlobalFilters")
    {
        List<PatchFilter> filters = [.. Pairs(text, field, "PRODUCT=AmazonLinux2023; CLASSIFICATION=Security")
            .Select(p => new PatchFilter { Key = PatchFilterKey.FindValue(p.Key), Values = Split(p.Value, ',') })];
        return filters.Count == 0 ? null : filters;
    }

    private static string FiltersText(IEnumerable<PatchFilter>? filters) =>
        PairsText(filters, f => f.Key?.Value, f => f.Values);

    /// <summary>"Key=v1,v2; Key2=v3": what <see cref="Pairs"/> reads back.</summary>
    private static string PairsText<T>(IEnumerable<T>? items, Func<T, string?> key, Func<T, IEnumerable<string>?> values) =>
        string.Join("; ", (items ?? []).Select(i => $"{key(i)}={string.Join(",", values(i) ?? [])}"));

    private static IEnumerable<(string Key, string Value)> Pairs(string? text, string field, string example)
    {
        foreach (string part in Split(text, ';'))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"{field}: write KEY=Value1,Value2; KEY2=… ({example}), not '{part}'.");
            }

            yield return (part[..eq].Trim(), part[(eq + 1)..].Trim());
        }
    }

    // The simple rule fields first (the create form's), then Rule1, Rule2, … in number order, then the rules kept as they were.
    private static List<PatchRule> AllRules(IReadOnlyDictionary<string, string> v, string? os, IReadOnlyList<PatchRule> kept)
    {
        List<PatchRule> rules = [.. Rules(v, os)?.PatchRules ?? []];
        foreach (string key in v.Keys
            .Where(k => k.StartsWith("Rule", StringComparison.Ordinal) && int.TryParse(k.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(k => int.Parse(k.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture)))
        {
            if (ParseRule(Text(v, key), key) is { } rule)
            {
                rules.Add(rule);
            }
        }

        rules.AddRange(kept);
        return rules;
    }

    /// <summary>SendCommand: Document, Targets or InstanceIds, Parameters, MaxConcurrency, MaxErrors, Comment.</summary>
    public static SendCommandRequest SendCommand(IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new SendCommandRequest
        {
            DocumentName = Text(v, "Document"),
            Targets = Targets(v, "Targets"),
            InstanceIds = List(v, "InstanceIds"),
            Parameters = Parameters(v, "Parameters"),
            MaxConcurrency = Text(v, "MaxConcurrency"),
            MaxErrors = Text(v, "MaxErrors"),
            Comment = Text(v, "Comment"),
        };
    }

    /// <summary>
    /// Targets typed as SSM spells them, several separated by ';': "tag:Env=prod; InstanceIds=i-1,i-2"; null when empty.
    /// </summary>
    public static List<Target>? ParseTargets(string? text, string field = "Targets")
    {
        var targets = new List<Target>();
        foreach (string part in Split(text, ';'))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"{field}: write Key=Value1,Value2 (tag:Env=prod, InstanceIds=i-1,i-2, WindowTargetIds=…), not '{part}'.");
            }

            targets.Add(new Target { Key = part[..eq].Trim(), Values = Split(part[(eq + 1)..], ',') });
        }

        return targets.Count == 0 ? null : targets;
    }

    /// <summary>Document parameters, several separated by ';': "Operation=Install; RebootOption=NoReboot"; each value is one item.</summary>
    public static Dictionary<string, List<string>>? ParseParameters(string? text, string field = "Parameters")
    {
        var parameters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string part in Split(text, ';'))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"{field}: write Name=value; Name2=value (Operation=Install; RebootOption=NoReboot), not '{part}'.");
            }

            parameters[part[..eq].Trim()] = [part[(eq + 1)..].Trim()];
        }

        return parameters.Count == 0 ? null : parameters;
    }

    private static PatchRuleGroup? Rules(IReadOnlyDictionary<string, string> v, string? os)
    {
        var filters = new List<PatchFilter>();
        if (List(v, "Classification") is { } classes)
        {
            filters.Add(new PatchFilter { Key = PatchFilterKey.FindValue("CLASSIFICATION"), Values = classes });
        }

        if (List(v, "Severity") is { } severities)
        {
            filters.Add(new PatchFilter { Key = PatchFilterKey.FindValue(SeverityKey(os)), Values = severities });
        }

        int? days = Int(v, "ApproveAfterDays");
        string? level = Text(v, "ComplianceLevel");
        if (filters.Count == 0 && days is null && level is null)
        {
            return null;
        }

        return new PatchRuleGroup
        {
            PatchRules =
            [
                new PatchRule
                {
                    PatchFilterGroup = new PatchFilterGroup { PatchFilters = filters },
                    ApproveAfterDays = days,
                    ComplianceLevel = level is null ? null : PatchComplianceLevel.FindValue(level),
                },
            ],
        };
    }

    // Windows baselines filter on MSRC_SEVERITY, the others on SEVERITY (reference: PatchFilter keys per OS).
    private static string SeverityKey(string? os) => string.Equals(os, "WINDOWS", StringComparison.Ordinal) ? "MSRC_SEVERITY" : "SEVERITY";

    private static string? Text(IReadOnlyDictionary<string, string> v, string key) =>
        v.TryGetValue(key, out string? text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static int? Int(IReadOnlyDictionary<string, string> v, string key)
    {
        if (Text(v, key) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new FormatException($"{key}: a whole number, not '{text}'.");
    }

    private static bool? Bool(IReadOnlyDictionary<string, string> v, string key) => Text(v, key)?.ToUpperInvariant() switch
    {
        null => null,
        "YES" or "Y" or "TRUE" => true,
        "NO" or "N" or "FALSE" => false,
        string other => throw new FormatException($"{key}: yes or no, not '{other.ToLowerInvariant()}'."),
    };

    // Replace=yes is sent as true, "no" or empty leaves it out: the request without it is the ordinary partial update.
    private static bool? Replace(IReadOnlyDictionary<string, string> v) => Bool(v, "Replace") == true ? true : null;

    private static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => "" };

    private static List<string>? List(IReadOnlyDictionary<string, string> v, string key) =>
        Text(v, key) is { } text && Split(text, ',') is { Count: > 0 } items ? items : null;

    private static List<Target>? Targets(IReadOnlyDictionary<string, string> v, string key) => ParseTargets(Text(v, key), key);

    private static Dictionary<string, List<string>>? Parameters(IReadOnlyDictionary<string, string> v, string key) => ParseParameters(Text(v, key), key);

    private static List<string> Split(string? text, char separator) =>
        [.. (text ?? "").Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
