namespace PatchLab.Domain.Baselines;

/// <summary>
/// One baseline frozen at one instant (a patch snapshot, reference 4.2 step 2), evaluated for any number of nodes. A
/// patch's verdict depends only on the baseline, the patch and the instant, never on the node, so each distinct patch is
/// decided once and reused: a fleet sharing a catalog costs one evaluation per catalog patch plus a lookup per candidate.
/// </summary>
/// <remarks>Not thread-safe: use one per thread (the emulator creates one per snapshot answer).</remarks>
public sealed class BaselineEvaluation
{
    // Patches by name; a name has few versions, so a short list scanned with ordinal compares beats a composite key.
    private readonly Dictionary<string, List<(PatchInfo Patch, PatchDecision Decision)>> _decided = new(StringComparer.Ordinal);

    /// <summary>Evaluates <paramref name="baseline"/> as it stands at <paramref name="now"/>.</summary>
    public BaselineEvaluation(PatchBaseline baseline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        Baseline = baseline;
        Now = now;
    }

    /// <summary>The baseline.</summary>
    public PatchBaseline Baseline { get; }

    /// <summary>The instant approvals are judged at (the emulator clock when the snapshot was taken).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Distinct patches decided so far.</summary>
    public int DistinctPatches => _decided.Values.Sum(l => l.Count);

    /// <summary>The baseline's verdict on one patch alone (no dependencies); see <see cref="BaselineEvaluator.Evaluate"/>.</summary>
    public PatchDecision Evaluate(PatchInfo patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (!_decided.TryGetValue(patch.Name, out var versions))
        {
            _decided[patch.Name] = versions = [];
        }
        foreach (var (known, decision) in versions)
        {
            if (SamePatch(known, patch))
            {
                return decision;
            }
        }
        var decided = BaselineEvaluator.Evaluate(Baseline, patch, Now);
        versions.Add((patch, decided));
        return decided;
    }

    /// <summary>
    /// Evaluates every candidate of one node, then applies dependencies (reference 5.2, RejectedPatchesAction): an
    /// approved update that requires a rejected package is blocked under BLOCK (<see cref="PatchDecision.BlockedBy"/>);
    /// under ALLOW_AS_DEPENDENCY, or when the required package is simply not approved, that package is installed along
    /// with it (<see cref="PatchDecision.DependencyOf"/>). Decisions come back in candidate order.
    /// </summary>
    public IReadOnlyList<PatchDecision> EvaluateAll(IReadOnlyList<PatchInfo> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var decisions = new PatchDecision[candidates.Count];
        HashSet<string>? required = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            decisions[i] = Evaluate(candidates[i]);
            if (candidates[i].Requires.Count > 0 && decisions[i].Approved && !candidates[i].IsInstalledVersion)
            {
                required ??= new HashSet<string>(StringComparer.Ordinal);
                required.UnionWith(candidates[i].Requires);
            }
        }
        if (required is not null)
        {
            ApplyDependencies(candidates, decisions, required);
        }
        return decisions;
    }

    /// <summary>Same package version from the same advisory and repository, with the same filterable metadata: the same
    /// verdict (the installed version and the requirements do not enter <see cref="BaselineEvaluator.Evaluate"/>).</summary>
    private static bool SamePatch(PatchInfo a, PatchInfo b) =>
        a.Epoch == b.Epoch
        && string.Equals(a.Version, b.Version, StringComparison.Ordinal)
        && string.Equals(a.Arch, b.Arch, StringComparison.Ordinal)
        && string.Equals(a.AdvisoryId, b.AdvisoryId, StringComparison.Ordinal)
        && string.Equals(a.Repository, b.Repository, StringComparison.Ordinal)
        && a.ReleaseDate == b.ReleaseDate
        && string.Equals(a.Classification, b.Classification, StringComparison.Ordinal)
        && string.Equals(a.Severity, b.Severity, StringComparison.Ordinal)
        && string.Equals(a.Product, b.Product, StringComparison.Ordinal)
        && string.Equals(a.Priority, b.Priority, StringComparison.Ordinal)
        && string.Equals(a.Section, b.Section, StringComparison.Ordinal)
        && string.Equals(a.ProductFamily, b.ProductFamily, StringComparison.Ordinal)
        && string.Equals(a.PatchSet, b.PatchSet, StringComparison.Ordinal);

    private void ApplyDependencies(IReadOnlyList<PatchInfo> candidates, PatchDecision[] decisions, HashSet<string> required)
    {
        var block = Baseline.RejectedPatchesAction == RejectedPatchesActions.Block;
        var byArch = required.Any(r => r.Contains('.', StringComparison.Ordinal));
        // (advisory, name or name.arch) → candidate: a requirement is met by the version its own advisory ships. Only
        // packages something requires are indexed.
        var shipped = new Dictionary<(string Advisory, string Package), int>();
        for (var j = 0; j < candidates.Count; j++)
        {
            var c = candidates[j];
            if (required.Contains(c.Name))
            {
                shipped.TryAdd((c.AdvisoryId, c.Name), j);
            }
            if (byArch && required.Contains(c.Key))
            {
                shipped.TryAdd((c.AdvisoryId, c.Key), j);
            }
        }
        // Blocking propagates (a needs b, b needs rejected c): repeat until nothing changes.
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < candidates.Count; i++)
            {
                var d = decisions[i];
                if (candidates[i].Requires.Count == 0 || !d.Approved || d.BlockedBy is not null || candidates[i].IsInstalledVersion)
                {
                    continue;
                }
                foreach (var requirement in candidates[i].Requires)
                {
                    if (!shipped.TryGetValue((candidates[i].AdvisoryId, requirement), out var j) || j == i || candidates[j].IsInstalledVersion)
                    {
                        continue;
                    }
                    var dep = decisions[j];
                    if ((dep.Rejected && block) || dep.BlockedBy is not null)
                    {
                        var why = dep.Rejected
                            ? $"requires {candidates[j].Name}, which RejectedPatches blocks (RejectedPatchesAction BLOCK)"
                            : $"requires {candidates[j].Name}, which cannot be installed ({dep.BlockedBy} is blocked)";
                        decisions[i] = d with { BlockedBy = candidates[j].Name, Reason = $"{d.Reason}; not installable: {why}" };
                        changed = true;
                        break;
                    }
                    if (!dep.Approved && dep.DependencyOf is null)
                    {
                        var how = dep.Rejected
                            ? $"installed only as a dependency of {candidates[i].Name} (RejectedPatchesAction ALLOW_AS_DEPENDENCY)"
                            : $"installed as a dependency of {candidates[i].Name}";
                        decisions[j] = dep with { DependencyOf = candidates[i].Name, Reason = $"{dep.Reason}; {how}" };
                        changed = true;
                    }
                }
            }
        }
    }
}
