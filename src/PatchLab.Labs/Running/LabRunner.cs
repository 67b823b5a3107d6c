using Amazon.SimpleSystemsManagement;
using PatchLab.Client;
using PatchLab.Contracts.Lab;
using PatchLab.Labs.Model;

namespace PatchLab.Labs.Running;

/// <summary>
/// Drives an applied lab to its end: polls the lab API, prints the emulator's events as progress, evaluates each objective
/// when the clock passes its <c>by</c> (the rest at <see cref="Lab.Until"/>), and — when the lab's clock allows
/// fast-forward — jumps the clock to the next thing that will happen whenever nothing is in flight.
/// </summary>
/// <remarks>
/// "In flight": a window execution PENDING / IN_PROGRESS / CANCELLING, an instance rebooting or pending, or an enabled window
/// whose next execution is already due but has not started yet. "Next thing": the earliest of the windows' next executions,
/// objective deadlines, fault start times and <see cref="Lab.Until"/>.
/// </remarks>
public sealed class LabRunner(IAmazonSimpleSystemsManagement ssm, LabClient lab, Action<string> log, TimeProvider? realTime = null)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly TimeProvider _real = realTime ?? TimeProvider.System;

    /// <summary>Runs to the end, or until <paramref name="realLimit"/> real time has passed (the report is then "aborted").</summary>
    public async Task<LabReport> RunAsync(Lab l, LabDeployment d, TimeSpan realLimit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(d);
        var started = _real.GetTimestamp();
        var evaluator = new ObjectiveEvaluator(ssm, lab, d);
        var results = new Dictionary<string, ObjectiveResult>(StringComparer.Ordinal);
        var report = new LabReport
        {
            Lab = l.Name, SourceFile = l.SourceFile, ClockStart = l.Clock.Start, Instances = new(d.Instances), Windows = new(d.Windows),
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var idleSince = (DateTimeOffset?)null;
        DateTimeOffset now;
        while (true)
        {
            var overview = await lab.GetOverviewAsync(ct).ConfigureAwait(false);
            now = overview.Clock.Now;
            Record(overview, report, seen);
            foreach (var o in l.Objectives.Where(o => o.By is { } by && by <= now && !results.ContainsKey(o.Name)))
            {
                results[o.Name] = await EvaluateAsync(evaluator, o, now, ct).ConfigureAwait(false);
            }
            if (now >= l.Until)
            {
                break;
            }
            if (_real.GetElapsedTime(started) > realLimit)
            {
                report.Outcome = "aborted";
                report.AbortReason = $"the run did not reach {l.Until:yyyy-MM-ddTHH:mm}Z within {realLimit.TotalSeconds:0} real seconds (emulator time {now:yyyy-MM-ddTHH:mm:ss}Z)";
                log("aborted: " + report.AbortReason);
                break;
            }
            if (l.Clock.FastForward && !InFlight(overview, now))
            {
                // Two idle polls in a row, so a window the scheduler is about to start is not jumped over.
                if (idleSince is null)
                {
                    idleSince = now;
                }
                else
                {
                    var next = NextEvent(l, overview, results, now);
                    if (next - now > TimeSpan.FromSeconds(5))
                    {
                        log($"[{now:yyyy-MM-dd HH:mm:ss}] nothing in flight: fast-forward to {next:yyyy-MM-dd HH:mm:ss}");
                        await lab.ChangeClockAsync(new ClockChangeRequest { JumpTo = next }, ct).ConfigureAwait(false);
                    }
                    idleSince = null;
                }
            }
            else
            {
                idleSince = null;
            }
            await Task.Delay(Poll, _real, ct).ConfigureAwait(false);
        }
        foreach (var o in l.Objectives.Where(o => !results.ContainsKey(o.Name)))
        {
            results[o.Name] = report.Outcome == "aborted" && o.By is { } by && by > now
                ? new ObjectiveResult { Name = o.Name, Description = o.Describe(), Passed = false, Detail = $"not evaluated: {report.AbortReason}", EvaluatedAt = now }
                : await EvaluateAsync(evaluator, o, now, ct).ConfigureAwait(false);
        }
        var final = await lab.GetOverviewAsync(ct).ConfigureAwait(false);
        Record(final, report, seen);
        report.Objectives = [.. l.Objectives.Select(o => results[o.Name])];
        report.ClockEnd = final.Clock.Now;
        report.RealSeconds = Math.Round(_real.GetElapsedTime(started).TotalSeconds, 1);
        report.Outcome = report.Outcome == "aborted" ? "aborted" : report.Objectives.All(r => r.Passed) ? "passed" : "failed";
        return report;
    }

    private async Task<ObjectiveResult> EvaluateAsync(ObjectiveEvaluator evaluator, Objective o, DateTimeOffset now, CancellationToken ct)
    {
        ObjectiveResult r;
        try
        {
            r = await evaluator.EvaluateAsync(o, now, ct).ConfigureAwait(false);
        }
        catch (AmazonSimpleSystemsManagementException e)
        {
            r = new ObjectiveResult { Name = o.Name, Description = o.Describe(), Passed = false, Detail = $"the emulator refused the check: {e.ErrorCode}: {e.Message}", EvaluatedAt = now };
        }
        log($"[{now:yyyy-MM-dd HH:mm:ss}] objective {o.Name}: {(r.Passed ? "PASS" : "FAIL")} — {r.Detail}");
        return r;
    }

    private void Record(OverviewDto overview, LabReport report, HashSet<string> seen)
    {
        foreach (var e in overview.Events.OrderBy(e => e.Time))
        {
            if (seen.Add($"{e.Time:O}|{e.Kind}|{e.Message}"))
            {
                report.Timeline.Add(e);
                log($"[{e.Time:yyyy-MM-dd HH:mm:ss}] {e.Kind}: {e.Message}");
            }
        }
    }

    internal static bool InFlight(OverviewDto o, DateTimeOffset now) =>
        o.Executions.Any(e => e.Status is "PENDING" or "IN_PROGRESS" or "CANCELLING")
        || o.Instances.Any(i => i.State is "rebooting" or "pending")
        || o.Windows.Any(w => w.Enabled && w.NextExecution is { } n && n <= now);

    internal static DateTimeOffset NextEvent(Lab l, OverviewDto o, IReadOnlyDictionary<string, ObjectiveResult> evaluated, DateTimeOffset now)
    {
        var candidates = o.Windows.Where(w => w.Enabled).Select(w => w.NextExecution)
            .Concat(l.Objectives.Where(x => !evaluated.ContainsKey(x.Name)).Select(x => x.By))
            .Concat(l.Faults.Select(f => f.At))
            .Where(t => t is { } v && v > now)
            .Select(t => t!.Value)
            .Append(l.Until);
        return candidates.Min();
    }
}
