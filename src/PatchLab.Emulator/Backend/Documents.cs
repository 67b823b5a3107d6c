using System.Text.RegularExpressions;

namespace PatchLab.Emulator.Backend;

/// <summary>A document parameter: default, allowed values or pattern.</summary>
public sealed record DocumentParameter(string Name, bool Required, string? Default, IReadOnlyList<string>? AllowedValues = null, string? AllowedPattern = null);

/// <summary>An SSM document PatchLab can run, with its parameters and steps.</summary>
public sealed record DocumentDefinition(string Name, IReadOnlyList<DocumentParameter> Parameters, IReadOnlyList<string> Steps, int StepTimeoutSeconds)
{
    /// <summary>
    /// Checks parameters as SendCommand does and fills defaults. Returns the parameters to send, or an error message
    /// (InvalidParameters) that says what the document accepts.
    /// </summary>
    public (Dictionary<string, List<string>>? Parameters, string? Error) Resolve(IReadOnlyDictionary<string, List<string>> given)
    {
        var unknown = given.Keys.Where(k => Parameters.All(p => p.Name != k)).ToList();
        if (unknown.Count > 0)
        {
            var hint = Name == "AWS-RunPatchBaseline" && unknown.Any(u => u is "Classification" or "Severity" or "MsrcSeverityLevel" or "Products" or "Patches")
                ? " Classification, severity, products and patch lists belong in a patch baseline (approval rule filters CLASSIFICATION, SEVERITY, MSRC_SEVERITY, PRODUCT; ApprovedPatches), registered for the instances' patch group."
                : "";
            return (null, $"Document {Name} does not accept the parameter(s) {string.Join(", ", unknown)}. It accepts: {string.Join(", ", Parameters.Select(Describe))}.{hint}");
        }
        var result = new Dictionary<string, List<string>>();
        foreach (var p in Parameters)
        {
            if (!given.TryGetValue(p.Name, out var values) || values.Count == 0)
            {
                if (p.Required)
                {
                    return (null, $"Document {Name} requires the parameter {Describe(p)}.");
                }
                if (p.Default is not null)
                {
                    result[p.Name] = [p.Default];
                }
                continue;
            }
            foreach (var v in values)
            {
                if (p.AllowedValues is { } allowed && !allowed.Contains(v))
                {
                    return (null, $"Parameter {p.Name} of {Name} does not accept '{v}'. Allowed values: {string.Join(", ", allowed)}.");
                }
                if (p.AllowedPattern is { } pattern && !Regex.IsMatch(v, pattern))
                {
                    return (null, $"Parameter {p.Name} of {Name} does not accept '{v}': it must match {pattern}.");
                }
            }
            result[p.Name] = [.. values];
        }
        return (result, null);
    }

    private static string Describe(DocumentParameter p) => p.AllowedValues is { } a ? $"{p.Name} ({string.Join("|", a)})" : p.Name;
}

/// <summary>The documents PatchLab runs (reference 4.1 for AWS-RunPatchBaseline).</summary>
public static class Documents
{
    /// <summary>AWS-RunPatchBaseline.</summary>
    public static readonly DocumentDefinition RunPatchBaseline = new("AWS-RunPatchBaseline",
    [
        new("Operation", true, null, ["Scan", "Install"]),
        new("SnapshotId", false, "", AllowedPattern: "(^$)|^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
        new("InstallOverrideList", false, "", AllowedPattern: @"(^$)|^https://.+$|^s3://([^/]+)/(.*?([^/]+))$"),
        new("BaselineOverride", false, ""),
        new("RebootOption", false, "RebootIfNeeded", ["RebootIfNeeded", "NoReboot"]),
        new("AssociationId", false, ""),
    ], ["PatchWindows", "PatchLinux", "PatchMacOS"], 7200);

    /// <summary>AWS-RunShellScript.</summary>
    public static readonly DocumentDefinition RunShellScript = new("AWS-RunShellScript",
    [
        new("commands", true, null),
        new("workingDirectory", false, ""),
        new("executionTimeout", false, "3600", AllowedPattern: "([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)"),
    ], ["aws:runShellScript"], 3600);

    /// <summary>All.</summary>
    public static IReadOnlyList<DocumentDefinition> All { get; } = [RunPatchBaseline, RunShellScript];

    /// <summary>Finds a document by name or by an AWS-owned document ARN.</summary>
    public static DocumentDefinition? Find(string nameOrArn)
    {
        var name = nameOrArn.Contains(":document/", StringComparison.Ordinal) ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..] : nameOrArn;
        return All.FirstOrDefault(d => d.Name == name);
    }
}
