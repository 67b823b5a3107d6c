namespace PatchLab.Tui.Models;

/// <summary>One SSM target: a key (tag:Env, InstanceIds, WindowTargetIds) and its values.</summary>
/// <param name="Key">Key as SSM spells it.</param>
/// <param name="Values">Values (OR'ed).</param>
public sealed record TargetItem(string Key, IReadOnlyList<string> Values);
