using Amazon.Runtime;
using Amazon.SimpleSystemsManagement.Model;

namespace PatchLab.Tui.Models;

/// <summary>
/// One patch baseline as the Baselines view shows it: GetPatchBaseline, the patch groups using it (DescribePatchGroups)
/// and its effective patches (DescribeEffectivePatchesForPatchBaseline). Each part is read on its own; one that cannot be
/// read says why and the others still show.
/// </summary>
/// <param name="BaselineId">The baseline.</param>
/// <param name="Baseline">GetPatchBaseline's answer, or null with <see cref="BaselineError"/>.</param>
/// <param name="BaselineError">Why the baseline could not be read.</param>
/// <param name="PatchGroups">Patch groups mapped to it.</param>
/// <param name="EffectivePatches">Its effective patches, or why there are none to show.</param>
public sealed record BaselineDetail(
    string BaselineId,
    GetPatchBaselineResponse? Baseline,
    string? BaselineError,
    Section<string> PatchGroups,
    Section<EffectivePatch> EffectivePatches)
{
    /// <summary>Reads the three parts through <paramref name="ssm"/>; AWS errors become the part's reason, transport failures throw.</summary>
    public static async Task<BaselineDetail> LoadAsync(ISsmConsole ssm, string baselineId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ssm);
        GetPatchBaselineResponse? baseline = null;
        string? error = null;
        try
        {
            baseline = await ssm.GetPatchBaselineAsync(baselineId, ct).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex) when (!string.IsNullOrEmpty(ex.ErrorCode))
        {
            error = $"✗ GetPatchBaseline: {ex.ErrorCode}: {ex.Message}";
        }

        Section<string> groups;
        try
        {
            IReadOnlyList<PatchGroupPatchBaselineMapping> mappings = await ssm.DescribePatchGroupsAsync(ct).ConfigureAwait(false);
            groups = new Section<string>([.. mappings
                .Where(m => SameBaseline(m.BaselineIdentity?.BaselineId, baselineId))
                .Select(m => m.PatchGroup ?? "")
                .Order(StringComparer.Ordinal)]);
        }
        catch (AmazonServiceException ex) when (!string.IsNullOrEmpty(ex.ErrorCode))
        {
            groups = new Section<string>([], $"✗ DescribePatchGroups: {ex.ErrorCode}: {ex.Message}");
        }

        Section<EffectivePatch> effective;
        string? os = baseline?.OperatingSystem?.Value;
        if (baseline is null)
        {
            effective = new Section<EffectivePatch>([], "the baseline could not be read");
        }
        else if (!string.Equals(os, "WINDOWS", StringComparison.Ordinal))
        {
            // AWS answers DescribeEffectivePatchesForPatchBaseline for WINDOWS baselines only (UnsupportedOperatingSystem).
            effective = new Section<EffectivePatch>([], $"DescribeEffectivePatchesForPatchBaseline supports WINDOWS baselines only, as on AWS; "
                + $"this is a {os} baseline: what it approves shows on each instance (Fleet, Enter) after a scan, and in a window's preview (v).");
        }
        else
        {
            try
            {
                effective = new Section<EffectivePatch>(await ssm.DescribeEffectivePatchesAsync(baselineId, ct).ConfigureAwait(false));
            }
            catch (AmazonServiceException ex) when (!string.IsNullOrEmpty(ex.ErrorCode))
            {
                effective = new Section<EffectivePatch>([], $"✗ DescribeEffectivePatchesForPatchBaseline: {ex.ErrorCode}: {ex.Message}");
            }
        }

        return new BaselineDetail(baselineId, baseline, error, groups, effective);
    }

    /// <summary>Ids compare without the ARN prefix AWS-owned baselines carry.</summary>
    private static bool SameBaseline(string? a, string b) =>
        string.Equals(Render.Format.Baseline(a), Render.Format.Baseline(b), StringComparison.Ordinal);
}
