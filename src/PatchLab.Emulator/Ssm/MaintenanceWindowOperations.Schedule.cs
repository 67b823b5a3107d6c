using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;

namespace PatchLab.Emulator.Ssm;

/// <summary>Upcoming runs and target lookups: DescribeMaintenanceWindowSchedule and DescribeMaintenanceWindowsForTarget (reference 1.2).</summary>
internal sealed partial class MaintenanceWindowOperations
{
    /// <summary>
    /// Without a ScheduledBefore filter a window lists at most this many upcoming runs, so a rate(5 minutes) window without
    /// EndDate still ends the CLI's auto-pagination [U: AWS's horizon is undocumented].
    /// </summary>
    internal const int ScheduleHorizon = 100;

    private static readonly string[] ResourceTypes = ["INSTANCE", "RESOURCE_GROUP"];

    /// <summary>
    /// Upcoming runs of one window (WindowId), or of every window with a target matching Targets + ResourceType, in time order.
    /// ExecutionTime is formatted as NextExecutionTime is: to the minute for cron and at (<c>2020-02-19T16:00Z</c>, or local time
    /// with its offset when the window has a ScheduleTimezone), with seconds and milliseconds for rate [U for rate].
    /// </summary>
    private object DescribeSchedule(RequestReader r)
    {
        var id = r.String("WindowId", min: 20, max: 20, pattern: WindowIdPattern);
        var targets = TargetsReader.Read(r, "Targets", required: false, maxTargets: 5);
        var resourceType = r.String("ResourceType", allowed: ResourceTypes);
        var filters = ReadFilters(r, "Filters");
        r.CheckCount("Filters", filters.Count, 0, 5);
        r.ThrowIfInvalid();
        DateTimeOffset? before = null, after = null;
        foreach (var (key, values) in filters)
        {
            if (key is not ("ScheduledBefore" or "ScheduledAfter") || values.Count != 1 || !WindowSchedules.TryParseDate(values[0], out var at))
            {
                throw new ValidationException(
                    $"Filter {key} is not valid: use Key=ScheduledBefore or Key=ScheduledAfter with one ISO-8601 value, e.g. Key=ScheduledBefore,Values=2020-02-15T06:00:00Z.");
            }
            if (key == "ScheduledBefore")
            {
                before = at;
            }
            else
            {
                after = at;
            }
        }
        IReadOnlyList<MaintenanceWindow> list;
        if (id is not null)
        {
            list = [RequireWindow(id)];
        }
        else if (targets is { Count: > 0 } && resourceType is not null)
        {
            list = [.. windows.List().Where(w => HasTargets(w, resourceType, targets))];
        }
        else
        {
            throw new ValidationException(
                "Specify WindowId, or Targets with ResourceType (e.g. --targets Key=InstanceIds,Values=i-0123456789abcdef0 --resource-type INSTANCE).");
        }
        var now = clock.GetUtcNow();
        // ScheduledAfter includes a run exactly at that instant; only upcoming runs are listed.
        var from = after is { } a && a.AddTicks(-1) > now ? a.AddTicks(-1) : now;
        var runs = Merge(list.Select(w =>
        {
            var upcoming = WindowSchedules.Runs(w, from);
            upcoming = before is { } b ? upcoming.TakeWhile(t => t < b) : upcoming.Take(ScheduleHorizon);
            return (Window: w, Runs: upcoming);
        }));
        var (items, next) = WireFormat.Page(runs, r, "DescribeMaintenanceWindowSchedule", 50, 1, int.MaxValue, m => new ValidationException(m));
        return new
        {
            ScheduledWindowExecutions = items.Select(x => new
            {
                x.Window.WindowId, x.Window.Name, ExecutionTime = WindowSchedules.Schedule(x.Window).FormatNextExecutionTime(x.At),
            }).ToList(),
            NextToken = next,
        };
    }

    /// <summary>The windows with a registered target (or, for InstanceIds, a task target) matching the given targets.</summary>
    private object DescribeForTarget(RequestReader r)
    {
        var targets = TargetsReader.Read(r, "Targets", required: true, maxTargets: 5);
        var resourceType = r.String("ResourceType", required: true, allowed: ResourceTypes);
        r.ThrowIfInvalid();
        if (targets!.Count == 0)
        {
            throw new ValidationException("Specify at least one target, e.g. --targets Key=InstanceIds,Values=i-0123456789abcdef0 --resource-type INSTANCE.");
        }
        var list = windows.List().Where(w => HasTargets(w, resourceType!, targets)).ToList();
        var (items, next) = WireFormat.Page(list, r, "DescribeMaintenanceWindowsForTarget", 50, 1, int.MaxValue, m => new ValidationException(m));
        return new { WindowIdentities = items.Select(w => new { w.WindowId, w.Name }).ToList(), NextToken = next };
    }

    /// <summary>
    /// True when every query target matches the window [U: AND across query targets, as window targets combine]. An
    /// InstanceIds query matches a registered target that resolves to that instance now (its tags included) or a task that
    /// names it; a tag:K / tag-key / resource-groups query matches a registered target with the same key and a common value.
    /// </summary>
    private bool HasTargets(MaintenanceWindow w, string resourceType, IReadOnlyList<Target> query)
    {
        var registered = windows.Targets(w.WindowId).Where(t => t.ResourceType == resourceType).ToList();
        return query.All(q =>
        {
            if (q.Key == "InstanceIds" && resourceType == "INSTANCE")
            {
                return q.Values.Any(instanceId =>
                {
                    var instance = instances.Get(instanceId)
                        ?? new Instance { InstanceId = instanceId, Os = "", TokenHash = "", State = "unknown" };
                    return registered.Any(wt => TargetResolver.Matches(wt, instance))
                        || windows.Tasks(w.WindowId).Any(t => t.Targets.Any(x => x.Key == "InstanceIds" && x.Values.Contains(instanceId)));
                });
            }
            return registered.Any(wt => wt.Targets.Any(t => t.Key == q.Key && t.Values.Intersect(q.Values).Any()));
        });
    }

    /// <summary>Merges each window's ordered runs into one sequence ordered by time (then window id), lazily.</summary>
    private static IEnumerable<(MaintenanceWindow Window, DateTimeOffset At)> Merge(IEnumerable<(MaintenanceWindow Window, IEnumerable<DateTimeOffset> Runs)> sources)
    {
        var open = new List<(MaintenanceWindow Window, IEnumerator<DateTimeOffset> Runs)>();
        try
        {
            foreach (var (window, runs) in sources)
            {
                var e = runs.GetEnumerator();
                if (e.MoveNext())
                {
                    open.Add((window, e));
                }
                else
                {
                    e.Dispose();
                }
            }
            while (open.Count > 0)
            {
                var i = 0;
                for (var k = 1; k < open.Count; k++)
                {
                    var c = open[k].Runs.Current.CompareTo(open[i].Runs.Current);
                    if (c < 0 || (c == 0 && string.CompareOrdinal(open[k].Window.WindowId, open[i].Window.WindowId) < 0))
                    {
                        i = k;
                    }
                }
                yield return (open[i].Window, open[i].Runs.Current);
                if (!open[i].Runs.MoveNext())
                {
                    open[i].Runs.Dispose();
                    open.RemoveAt(i);
                }
            }
        }
        finally
        {
            foreach (var (_, e) in open)
            {
                e.Dispose();
            }
        }
    }
}
