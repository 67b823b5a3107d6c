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

    /// <summary>UpdateMaintenanceWindow of <paramref name="windowId"/>: the window fields plus Enabled.</summary>
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
            AllowUnassociatedTargets = Bool(v, "AllowUnassociated"),
            Enabled = Bool(v, "Enabled"),
            Description = Text(v, "Description"),
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

    /// <summary>CreatePatchBaseline with one approval rule (classification and severity filters, ApproveAfterDays, compliance level).</summary>
    public static CreatePatchBaselineRequest CreateBaseline(IReadOnlyDictionary<string, string> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        string? os = Text(v, "OperatingSystem");
        return new CreatePatchBaselineRequest
        {
            Name = Text(v, "Name"),
            OperatingSystem = os is null ? null : Amazon.SimpleSystemsManagement.OperatingSystem.FindValue(os),
            ApprovalRules = Rules(v, os),
            ApprovedPatches = List(v, "Approved"),
            RejectedPatches = List(v, "Rejected"),
            Description = Text(v, "Description"),
        };
    }

    /// <summary>
    /// UpdatePatchBaseline of <paramref name="baselineId"/> (its operating system cannot change, as on AWS). The form edits
    /// the first approval rule; <paramref name="otherRules"/> (the baseline's second rule onwards) are sent back unchanged.
    /// </summary>
    public static UpdatePatchBaselineRequest UpdateBaseline(string baselineId, string? operatingSystem, IReadOnlyDictionary<string, string> v,
        IReadOnlyList<PatchRule>? otherRules = null)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new UpdatePatchBaselineRequest
        {
            BaselineId = baselineId,
            Name = Text(v, "Name"),
            ApprovalRules = new PatchRuleGroup { PatchRules = [.. Rules(v, operatingSystem)?.PatchRules ?? [], .. otherRules ?? []] },
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
        return new Dictionary<string, string>(StringComparer.Ordinal)
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
        };
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

    private static List<string>? List(IReadOnlyDictionary<string, string> v, string key) =>
        Text(v, key) is { } text && Split(text, ',') is { Count: > 0 } items ? items : null;

    private static List<Target>? Targets(IReadOnlyDictionary<string, string> v, string key) => ParseTargets(Text(v, key), key);

    private static Dictionary<string, List<string>>? Parameters(IReadOnlyDictionary<string, string> v, string key) => ParseParameters(Text(v, key), key);

    private static List<string> Split(string? text, char separator) =>
        [.. (text ?? "").Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
