using PatchLab.Domain.Model;

namespace PatchLab.Emulator.Faults;

/// <summary>
/// Which instances a fault hits, resolved when it starts: each target is an instance id, <c>tag:Key=Value</c> or a Name
/// tag value; no target means every instance. <c>Random</c> then picks that many with a seeded shuffle of the matches sorted
/// by Name tag, then instance id, so the same seed and the same fleet (the same names) always choose the same instances.
/// </summary>
public static class FaultTargets
{
    /// <summary>The chosen instance ids, sorted.</summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<Instance> live, IReadOnlyList<string> targets, int? random, int seed)
    {
        var candidates = live.Where(i => targets.Count == 0 || targets.Any(t => Matches(t, i))).DistinctBy(i => i.InstanceId).ToList();
        var matches = candidates.Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList();
        if (random is not { } n || n >= matches.Count)
        {
            return matches;
        }
        // new Random(seed) is the seeded legacy algorithm: the same sequence on every .NET version and platform. The pool is
        // in Name order (then id): a lab's fleet gets new instance ids on every run but the same names, so a lab file's seed
        // picks the same named instances every time.
        var rng = new Random(seed);
        var pool = candidates.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.InstanceId, StringComparer.Ordinal).Select(i => i.InstanceId).ToArray();
        for (var k = pool.Length - 1; k > 0; k--)
        {
            var j = rng.Next(k + 1);
            (pool[k], pool[j]) = (pool[j], pool[k]);
        }
        return [.. pool.Take(n).Order(StringComparer.Ordinal)];
    }

    /// <summary>True when one target names this instance.</summary>
    public static bool Matches(string target, Instance i)
    {
        if (target.StartsWith("i-", StringComparison.Ordinal) && target == i.InstanceId)
        {
            return true;
        }
        if (target.StartsWith("tag:", StringComparison.Ordinal))
        {
            var kv = target[4..];
            var eq = kv.IndexOf('=', StringComparison.Ordinal);
            return eq > 0 && i.Tags.TryGetValue(kv[..eq], out var v) && v == kv[(eq + 1)..];
        }
        return i.Name == target;
    }
}
