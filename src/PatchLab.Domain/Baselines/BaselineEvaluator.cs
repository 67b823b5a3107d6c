using System.Globalization;
using System.Text.RegularExpressions;

namespace PatchLab.Domain.Baselines;

/// <summary>
/// Applies a patch baseline to one candidate patch (reference 5.2): global filters, approval rules with approve-after-days
/// or approve-until-date against the emulator clock, explicit approve and reject lists, reject beats approve.
/// </summary>
public static class BaselineEvaluator
{
    /// <summary>Evaluates <paramref name="patch"/> under <paramref name="baseline"/> at <paramref name="now"/>.</summary>
    public static PatchDecision Evaluate(PatchBaseline baseline, PatchInfo patch, DateTimeOffset now)
    {
        if (baseline.RejectedPatches.Any(r => Matches(r, patch)))
        {
            return new PatchDecision(false, true, "UNSPECIFIED", null, "in RejectedPatches");
        }
        if (baseline.ApprovedPatches.Any(a => Matches(a, patch)))
        {
            return new PatchDecision(true, false, baseline.ApprovedPatchesComplianceLevel, null, "in ApprovedPatches");
        }
        var failedGlobal = baseline.GlobalFilters.FirstOrDefault(f => !FilterMatches(f, patch));
        if (failedGlobal is not null)
        {
            return new PatchDecision(false, false, "UNSPECIFIED", null, $"excluded by global filter {failedGlobal.Key}");
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        string? waiting = null;
        for (var i = 0; i < baseline.ApprovalRules.Count; i++)
        {
            var rule = baseline.ApprovalRules[i];
            if (!rule.Filters.All(f => FilterMatches(f, patch)))
            {
                continue;
            }
            if (!rule.EnableNonSecurity && string.IsNullOrEmpty(patch.AdvisoryId))
            {
                continue;
            }
            var release = DateOnly.FromDateTime(patch.ReleaseDate.UtcDateTime);
            if (rule.ApproveUntilDate is { } until)
            {
                if (DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var untilDate)
                    && release <= untilDate)
                {
                    return new PatchDecision(true, false, rule.ComplianceLevel, patch.ReleaseDate, $"rule {i + 1}: released on or before {until}");
                }
                waiting ??= $"rule {i + 1}: released after ApproveUntilDate {until}";
                continue;
            }
            var days = rule.ApproveAfterDays ?? 0;
            var approvalDay = release.AddDays(days);
            var approvalDate = new DateTimeOffset(approvalDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (approvalDay <= today)
            {
                return new PatchDecision(true, false, rule.ComplianceLevel, approvalDate, $"rule {i + 1}: approved {days} days after release");
            }
            waiting ??= $"rule {i + 1}: approval on {approvalDay:yyyy-MM-dd} ({days} days after release)";
        }
        return new PatchDecision(false, false, "UNSPECIFIED", null, waiting ?? "no approval rule matches");
    }

    /// <summary>True when a filter matches the patch ("*" matches any value; values are case-insensitive).</summary>
    public static bool FilterMatches(PatchFilter filter, PatchInfo patch)
    {
        var value = filter.Key switch
        {
            "PRODUCT" => patch.Product,
            "CLASSIFICATION" => patch.Classification,
            "SEVERITY" or "MSRC_SEVERITY" => patch.Severity,
            _ => null,
        };
        if (value is null)
        {
            // Keys PatchLab does not model for this OS match nothing except "*".
            return filter.Values.Contains("*");
        }
        return filter.Values.Any(v => v == "*" || string.Equals(v, value, StringComparison.OrdinalIgnoreCase)
            // AL2023: severity Medium also matches Moderate (reference 4.3).
            || (string.Equals(v, "Medium", StringComparison.OrdinalIgnoreCase) && string.Equals(value, "Moderate", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// Matches an approved/rejected list entry: package name (with one * wildcard allowed), name.arch, full name with
    /// version, advisory id, or CVE id (reference 5.1 formats).
    /// </summary>
    public static bool Matches(string entry, PatchInfo patch)
    {
        if (string.Equals(entry, patch.AdvisoryId, StringComparison.OrdinalIgnoreCase)
            || patch.Cves.Contains(entry, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }
        string[] names = [patch.Name, $"{patch.Name}.{patch.Arch}", $"{patch.Name}-{patch.Version}", $"{patch.Name}-{patch.Version}.{patch.Arch}"];
        if (entry.Contains('*', StringComparison.Ordinal))
        {
            var regex = "^" + Regex.Escape(entry).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
            return names.Any(n => Regex.IsMatch(n, regex, RegexOptions.IgnoreCase));
        }
        return names.Any(n => string.Equals(n, entry, StringComparison.OrdinalIgnoreCase));
    }
}
