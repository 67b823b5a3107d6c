using PatchLab.Domain.Model;
using PatchLab.Storage;

namespace PatchLab.Emulator.Backend;

/// <summary>One resolved target of a window task.</summary>
/// <param name="InstanceId">Instance.</param>
/// <param name="WindowTargetId">Window target it came from, if any.</param>
/// <param name="OwnerInformation">That target's OwnerInformation.</param>
public sealed record ResolvedTarget(string InstanceId, string? WindowTargetId, string? OwnerInformation);

/// <summary>Resolves task targets at execution time (tags are evaluated now, only managed, live instances count).</summary>
public sealed class TargetResolver(WindowRepository windows, InstanceRepository instances)
{
    /// <summary>Resolves a task's targets: WindowTargetIds (in registration order) then InstanceIds, without duplicates.</summary>
    public IReadOnlyList<ResolvedTarget> Resolve(WindowTask task)
    {
        var managed = instances.List().Where(i => i.State != "terminated" && i.RegistrationDate is not null).ToList();
        var windowTargets = windows.Targets(task.WindowId).ToDictionary(t => t.WindowTargetId);
        var result = new List<ResolvedTarget>();
        var seen = new HashSet<string>();
        foreach (var t in task.Targets)
        {
            if (t.Key == "WindowTargetIds")
            {
                foreach (var wtId in t.Values)
                {
                    if (!windowTargets.TryGetValue(wtId, out var wt))
                    {
                        continue;
                    }
                    foreach (var i in managed.Where(i => Matches(wt, i)).Where(i => seen.Add(i.InstanceId)))
                    {
                        result.Add(new ResolvedTarget(i.InstanceId, wt.WindowTargetId, wt.OwnerInformation));
                    }
                }
            }
            else if (t.Key == "InstanceIds")
            {
                foreach (var id in t.Values.Where(id => managed.Any(m => m.InstanceId == id)).Where(seen.Add))
                {
                    result.Add(new ResolvedTarget(id, null, null));
                }
            }
        }
        return result;
    }

    /// <summary>True when an instance matches every target of a window target (AND across targets, OR across values).</summary>
    public static bool Matches(WindowTarget wt, Instance i) => wt.ResourceType == "INSTANCE" && wt.Targets.All(t => t.Key switch
    {
        "InstanceIds" => t.Values.Contains(i.InstanceId),
        "tag-key" => t.Values.All(i.Tags.ContainsKey),
        _ when t.Key.StartsWith("tag:", StringComparison.Ordinal) => i.Tags.TryGetValue(t.Key[4..], out var v) && t.Values.Contains(v),
        _ => false,
    });
}
