namespace PatchLab.Domain.Model;

/// <summary>A target (Key, Values) as SSM models it.</summary>
/// <param name="Key">InstanceIds, tag:Key, tag-key, WindowTargetIds, resource-groups:Name, …</param>
/// <param name="Values">Values.</param>
public sealed record Target(string Key, IReadOnlyList<string> Values);
