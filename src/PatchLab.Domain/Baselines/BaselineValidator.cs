using System.Globalization;

namespace PatchLab.Domain.Baselines;

/// <summary>
/// The checks CreatePatchBaseline and UpdatePatchBaseline make beyond the model's lengths and enums: filter keys valid
/// for the OS, filter values AWS knows, exactly one of ApproveAfterDays / ApproveUntilDate, Linux-only and
/// Windows-only members (reference 5.1).
/// </summary>
/// <remarks>
/// Message texts: the filter-value message is AWS's (terraform-provider-aws#18359); the others are [U] and name the
/// member and the valid choices. Approved/rejected id formats are not checked per OS, as AWS does not either.
/// </remarks>
public static class BaselineValidator
{
    /// <summary>The first problem found, or null when the baseline is acceptable.</summary>
    public static string? Validate(PatchBaseline baseline)
    {
        var os = baseline.OperatingSystem;
        foreach (var f in baseline.GlobalFilters)
        {
            if (CheckFilter(os, f, PatchSetOf(baseline.GlobalFilters)) is { } e)
            {
                return e;
            }
        }
        for (var i = 0; i < baseline.ApprovalRules.Count; i++)
        {
            var rule = baseline.ApprovalRules[i];
            var patchSet = PatchSetOf(rule.Filters);
            foreach (var f in rule.Filters)
            {
                if (CheckFilter(os, f, patchSet) is { } e)
                {
                    return e;
                }
            }
            if (rule.ApproveAfterDays is not null && rule.ApproveUntilDate is not null)
            {
                return $"Approval rule {i + 1} sets both ApproveAfterDays and ApproveUntilDate: give exactly one of them (ApproveAfterDays 0-360, or ApproveUntilDate as YYYY-MM-DD).";
            }
            // Ubuntu and Debian have no release dates, so AWS does not ask for either there [U].
            if (rule.ApproveAfterDays is null && rule.ApproveUntilDate is null && PatchProperties.UsesReleaseDates(os))
            {
                return $"Approval rule {i + 1} needs ApproveAfterDays (0-360) or ApproveUntilDate (YYYY-MM-DD).";
            }
            if (rule.ApproveUntilDate is { } until
                && !DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return $"ApproveUntilDate '{until}' of approval rule {i + 1} is not a date: use YYYY-MM-DD, e.g. 2024-12-31.";
            }
            if (rule.EnableNonSecurity && !PatchProperties.IsLinux(os))
            {
                return $"EnableNonSecurity is supported for Linux operating systems only; approval rule {i + 1} of this {os} baseline sets it.";
            }
            if (os == "WINDOWS" && patchSet == "APPLICATION" && !rule.Filters.Any(f => f.Key == "PRODUCT"))
            {
                return $"Approval rule {i + 1} approves Windows applications (PATCH_SET APPLICATION) and must name at least one PRODUCT, e.g. Office 2016, or PRODUCT *.";
            }
        }
        if (baseline.ApprovedPatchesEnableNonSecurity && !PatchProperties.IsLinux(os))
        {
            return $"ApprovedPatchesEnableNonSecurity is supported for Linux operating systems only, not {os}.";
        }
        if (baseline.Sources.Count > 0 && !PatchProperties.IsLinux(os))
        {
            return $"Sources are supported for Linux operating systems only, not {os}.";
        }
        if (baseline.AvailableSecurityUpdatesComplianceStatus is not null && os != "WINDOWS")
        {
            return $"AvailableSecurityUpdatesComplianceStatus applies to WINDOWS baselines only, not {os}.";
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in baseline.Sources.Where(s => !names.Add(s.Name)))
        {
            return $"Source name {s.Name} is used more than once; each patch source needs its own name.";
        }
        return null;
    }

    /// <summary>Checks one filter's key and values for the OS.</summary>
    public static string? CheckFilter(string operatingSystem, PatchFilter filter, string patchSet = "OS")
    {
        var keys = PatchProperties.BaselineFilterKeys(operatingSystem);
        if (!keys.Contains(filter.Key))
        {
            return $"Invalid Filter Key: {filter.Key} for OperatingSystem: {operatingSystem}, valid keys are: {string.Join(", ", keys)}";
        }
        var valid = PatchProperties.ValuesOf(operatingSystem, filter.Key, patchSet);
        if (valid is null)
        {
            return null;
        }
        foreach (var v in filter.Values.Where(v => v != "*" && !valid.Contains(v, StringComparer.Ordinal)))
        {
            return $"Invalid Filter Value: {v} for Key: {filter.Key}, valid values are: {string.Join(", ", valid)}";
        }
        return null;
    }

    private static string PatchSetOf(IReadOnlyList<PatchFilter> filters) =>
        filters.FirstOrDefault(f => f.Key == "PATCH_SET")?.Values.FirstOrDefault() is "APPLICATION" ? "APPLICATION" : "OS";
}
