using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PatchLab.Domain.Baselines;

/// <summary>
/// Applies a patch baseline to candidate patches (reference 5.2): explicit reject and approve lists (reject beats
/// approve), global filters, approval rules with approve-after-days or approve-until-date against the emulator clock,
/// the per-OS meaning of "security" for EnableNonSecurity, and dependencies under RejectedPatchesAction.
/// </summary>
public static class BaselineEvaluator
{
    private const string Unspecified = "UNSPECIFIED";

    /// <summary>Evaluates <paramref name="patch"/> alone under <paramref name="baseline"/> at <paramref name="now"/>.</summary>
    public static PatchDecision Evaluate(PatchBaseline baseline, PatchInfo patch, DateTimeOffset now)
    {
        var os = baseline.OperatingSystem;
        if (baseline.RejectedPatches.FirstOrDefault(r => Matches(r, patch)) is { } rejectedBy)
        {
            return new PatchDecision(false, true, Unspecified, null, $"in RejectedPatches ({rejectedBy}), action {baseline.RejectedPatchesAction}")
            {
                Status = ApprovalStatus.ExplicitRejected,
            };
        }
        var security = PatchProperties.IsSecurity(os, patch);
        string? approvedButNonSecurity = null;
        if (baseline.ApprovedPatches.FirstOrDefault(a => Matches(a, patch)) is { } approvedBy)
        {
            if (security || baseline.ApprovedPatchesEnableNonSecurity || !PatchProperties.IsLinux(os))
            {
                return new PatchDecision(true, false, baseline.ApprovedPatchesComplianceLevel, null, $"in ApprovedPatches ({approvedBy})")
                {
                    Status = ApprovalStatus.ExplicitApproved,
                };
            }
            // A non-security update in ApprovedPatches needs ApprovedPatchesEnableNonSecurity; the rules may still approve it.
            approvedButNonSecurity = $"in ApprovedPatches ({approvedBy}) but not a security update and ApprovedPatchesEnableNonSecurity is false";
        }
        var failedGlobal = baseline.GlobalFilters.FirstOrDefault(f => !FilterMatches(f, patch, os));
        if (failedGlobal is not null)
        {
            return NotApproved(approvedButNonSecurity ?? $"excluded by global filter {failedGlobal.Key} = {string.Join(",", failedGlobal.Values)}");
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var release = DateOnly.FromDateTime(patch.ReleaseDate.UtcDateTime);
        string? waiting = null;
        string? nonSecurity = null;
        var misses = new List<string>();
        for (var i = 0; i < baseline.ApprovalRules.Count; i++)
        {
            var rule = baseline.ApprovalRules[i];
            var n = i + 1;
            if (rule.Filters.FirstOrDefault(f => !FilterMatches(f, patch, os)) is { } miss)
            {
                misses.Add($"rule {n} wants {miss.Key}={string.Join(",", miss.Values)}");
                continue;
            }
            if (!rule.EnableNonSecurity && !security && PatchProperties.IsLinux(os))
            {
                nonSecurity ??= PatchProperties.IsApt(os)
                    ? $"rule {n} matches, but the update is not from the security pocket and EnableNonSecurity is false"
                    : $"rule {n} matches, but the update has no advisory (not a security update) and EnableNonSecurity is false";
                continue;
            }
            if (!PatchProperties.UsesReleaseDates(os))
            {
                return Approved(rule, null, $"rule {n}: {os} packages carry no release date, so the rule approves at once");
            }
            if (rule.ApproveUntilDate is { } until)
            {
                if (DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var untilDate) && release <= untilDate)
                {
                    return Approved(rule, patch.ReleaseDate, $"rule {n}: {Describe(rule)}, released {release:yyyy-MM-dd}, on or before ApproveUntilDate {until}");
                }
                waiting ??= $"rule {n}: {Describe(rule)}, released {release:yyyy-MM-dd}, after ApproveUntilDate {until}";
                continue;
            }
            var days = rule.ApproveAfterDays ?? 0;
            var approvalDay = release.AddDays(days);
            var approvalDate = new DateTimeOffset(approvalDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (approvalDay <= today)
            {
                return Approved(rule, approvalDate, $"rule {n}: {Describe(rule)}, released {release:yyyy-MM-dd}, approved {days} day(s) later on {approvalDay:yyyy-MM-dd}");
            }
            // Pending under this rule; a later rule may still approve it today.
            waiting ??= $"rule {n}: {Describe(rule)}, released {release:yyyy-MM-dd}, approval on {approvalDay:yyyy-MM-dd} ({days} day(s) after release)";
        }
        if (waiting is not null)
        {
            return new PatchDecision(false, false, Unspecified, null, waiting) { Status = ApprovalStatus.PendingApproval };
        }
        return NotApproved(approvedButNonSecurity ?? nonSecurity
            ?? (misses.Count > 0 ? $"no approval rule matches ({string.Join("; ", misses)})" : "the baseline has no approval rules"));
    }

    /// <summary>
    /// Evaluates every candidate of one node, with dependencies (<see cref="BaselineEvaluation.EvaluateAll"/>).
    /// Decisions come back in candidate order. To evaluate many nodes at one instant, share one <see cref="BaselineEvaluation"/>.
    /// </summary>
    public static IReadOnlyList<PatchDecision> EvaluateAll(PatchBaseline baseline, IReadOnlyList<PatchInfo> candidates, DateTimeOffset now) =>
        new BaselineEvaluation(baseline, now).EvaluateAll(candidates);

    /// <summary>
    /// True when a filter matches the patch: "*" matches any value, a value with * is a wildcard, values are
    /// case-insensitive, and on Amazon Linux 2023 severity Medium also matches Moderate (reference 4.3).
    /// </summary>
    public static bool FilterMatches(PatchFilter filter, PatchInfo patch, string operatingSystem = "")
    {
        IEnumerable<string>? values = filter.Key switch
        {
            "PRODUCT" => [patch.Product],
            "CLASSIFICATION" => [patch.Classification],
            "SEVERITY" or "MSRC_SEVERITY" => [patch.Severity],
            "PRIORITY" => [patch.Priority],
            "SECTION" => [patch.Section],
            "PRODUCT_FAMILY" => [patch.ProductFamily],
            "PATCH_SET" => [patch.PatchSet.Length > 0 ? patch.PatchSet : "OS"],
            "NAME" => [patch.Name],
            "ARCH" => [patch.Arch],
            "EPOCH" => [patch.Epoch.ToString(CultureInfo.InvariantCulture)],
            "VERSION" => [SplitVersion(patch.Version).Version],
            "RELEASE" => [SplitVersion(patch.Version).Release],
            "ADVISORY_ID" => [patch.AdvisoryId],
            "CVE_ID" => patch.Cves,
            "BUGZILLA_ID" => patch.BugzillaIds,
            "REPOSITORY" => [patch.Repository],
            "SECURITY" => [PatchProperties.IsSecurity(operatingSystem, patch) ? "true" : "false"],
            "PATCH_ID" => [patch.Name, patch.AdvisoryId],
            _ => null,
        };
        if (values is null)
        {
            return filter.Values.Contains("*");
        }
        var list = values as IReadOnlyCollection<string> ?? values.ToList();
        return filter.Values.Any(v => v == "*" || list.Any(actual => ValueMatches(v, actual)));
    }

    /// <summary>
    /// Matches an approved/rejected list entry (reference 5.1 formats): package name (one or more * wildcards allowed),
    /// name.arch, name-version-release[.arch], name-epoch:version-release[.arch], epoch:name-version-release[.arch],
    /// advisory id, CVE id, Bugzilla id, or a KB id on Windows.
    /// </summary>
    public static bool Matches(string entry, PatchInfo patch)
    {
        if (string.Equals(entry, patch.AdvisoryId, StringComparison.OrdinalIgnoreCase)
            || patch.Cves.Contains(entry, StringComparer.OrdinalIgnoreCase)
            || patch.BugzillaIds.Contains(entry, StringComparer.Ordinal))
        {
            return true;
        }
        var epoch = patch.Epoch.ToString(CultureInfo.InvariantCulture);
        string[] names =
        [
            patch.Name, $"{patch.Name}.{patch.Arch}", $"{patch.Name}-{patch.Version}", $"{patch.Name}-{patch.Version}.{patch.Arch}",
            $"{patch.Name}-{epoch}:{patch.Version}", $"{patch.Name}-{epoch}:{patch.Version}.{patch.Arch}", $"{epoch}:{patch.Name}-{patch.Version}.{patch.Arch}",
        ];
        if (entry.Contains('*', StringComparison.Ordinal))
        {
            var regex = Wildcard(entry);
            return names.Any(n => regex.IsMatch(n));
        }
        return names.Any(n => string.Equals(n, entry, StringComparison.OrdinalIgnoreCase));
    }

    private static bool ValueMatches(string wanted, string actual)
    {
        if (wanted.Contains('*', StringComparison.Ordinal))
        {
            return Wildcard(wanted).IsMatch(actual);
        }
        return string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase)
            || (string.Equals(wanted, "Medium", StringComparison.OrdinalIgnoreCase) && string.Equals(actual, "Moderate", StringComparison.OrdinalIgnoreCase));
    }

    private static readonly ConcurrentDictionary<string, Regex> Wildcards = new(StringComparer.Ordinal);

    /// <summary>A compiled-once matcher for a value with * wildcards (baselines reuse the same few patterns for every patch).</summary>
    private static Regex Wildcard(string pattern) => Wildcards.GetOrAdd(pattern, static p =>
        new Regex("^" + Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    /// <summary>rpm version-release → (version, release); a version without '-' has an empty release.</summary>
    private static (string Version, string Release) SplitVersion(string versionRelease)
    {
        var dash = versionRelease.LastIndexOf('-');
        return dash < 0 ? (versionRelease, "") : (versionRelease[..dash], versionRelease[(dash + 1)..]);
    }

    private static PatchDecision Approved(PatchRule rule, DateTimeOffset? approvalDate, string reason) =>
        new(true, false, rule.ComplianceLevel, approvalDate, reason) { Status = ApprovalStatus.Approved };

    private static PatchDecision NotApproved(string reason) => new(false, false, Unspecified, null, reason) { Status = ApprovalStatus.NotApproved };

    private static string Describe(PatchRule rule) =>
        string.Join(" ", rule.Filters.Where(f => !(f.Values.Count == 1 && f.Values[0] == "*")).Select(f => $"{f.Key}={string.Join(",", f.Values)}")) is { Length: > 0 } s
            ? s
            : "all patches";
}
