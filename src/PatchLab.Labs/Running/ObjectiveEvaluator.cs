using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Client;
using PatchLab.Contracts.Lab;
using PatchLab.Labs.Model;

namespace PatchLab.Labs.Running;

/// <summary>
/// Evaluates objectives against AWS-visible state: DescribeInstancePatchStates, DescribeInstancePatches,
/// DescribeMaintenanceWindowExecutions(+Tasks) through the SSM API, and the instance list / execution invocations from the lab API.
/// </summary>
public sealed class ObjectiveEvaluator(IAmazonSimpleSystemsManagement ssm, LabClient lab, LabDeployment deployment)
{
    /// <summary>Evaluates one objective now.</summary>
    public async Task<ObjectiveResult> EvaluateAsync(Objective o, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        var (passed, detail) = o switch
        {
            CompliantObjective c => await CompliantAsync(c, ct).ConfigureAwait(false),
            ExecutionObjective e => await ExecutionAsync(e, ct).ConfigureAwait(false),
            PatchStateObjective p => await PatchStateAsync(p, ct).ConfigureAwait(false),
            CountObjective n => await CountAsync(n, ct).ConfigureAwait(false),
            _ => (false, $"unknown objective type {o.GetType().Name}"),
        };
        return new ObjectiveResult { Name = o.Name, Description = o.Describe(), Passed = passed, Detail = detail, EvaluatedAt = now };
    }

    private async Task<List<InstanceRow>> SelectAsync(InstanceSelector s, CancellationToken ct) =>
        [.. (await lab.GetInstancesAsync(ct).ConfigureAwait(false)).Instances.Where(r => r.State != "terminated" && s.Matches(r.Name, r.Tags)).OrderBy(r => r.Name, StringComparer.Ordinal)];

    private async Task<Dictionary<string, InstancePatchState>> PatchStatesAsync(IEnumerable<string> ids, CancellationToken ct)
    {
        var result = new Dictionary<string, InstancePatchState>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(50))
        {
            string? token = null;
            do
            {
                var page = await ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [.. chunk], NextToken = token, MaxResults = 50 }, ct)
                    .ConfigureAwait(false);
                foreach (var s in page.InstancePatchStates ?? [])
                {
                    result[s.InstanceId] = s;
                }
                token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (token is not null);
        }
        return result;
    }

    /// <summary>Null when compliant, else why not ("no patch report yet", "2 missing, 1 pending reboot").</summary>
    private static string? NonCompliance(InstancePatchState? s)
    {
        if (s is null)
        {
            return "no patch report yet";
        }
        var parts = new[]
        {
            (s.MissingCount ?? 0, "missing"), (s.FailedCount ?? 0, "failed"), (s.InstalledPendingRebootCount ?? 0, "installed pending reboot"),
        }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {p.Item2}").ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private async Task<(bool, string)> CompliantAsync(CompliantObjective c, CancellationToken ct)
    {
        var rows = await SelectAsync(c.Select, ct).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return (false, $"no instance matches {c.Select}");
        }
        var states = await PatchStatesAsync(rows.Select(r => r.InstanceId), ct).ConfigureAwait(false);
        var bad = rows.Select(r => (r, why: NonCompliance(states.GetValueOrDefault(r.InstanceId)))).Where(x => x.why is not null).ToList();
        return bad.Count == 0
            ? (true, $"{rows.Count} instance(s) compliant: {string.Join(", ", rows.Select(r => r.Name))}")
            : (false, $"{bad.Count} of {rows.Count} not compliant: {string.Join("; ", bad.Select(b => $"{b.r.Name} ({b.r.InstanceId}): {b.why}"))}");
    }

    private async Task<MaintenanceWindowExecution?> LatestExecutionAsync(string window, CancellationToken ct)
    {
        var page = await ssm.DescribeMaintenanceWindowExecutionsAsync(new DescribeMaintenanceWindowExecutionsRequest { WindowId = deployment.Windows[window], MaxResults = 100 }, ct)
            .ConfigureAwait(false);
        return (page.WindowExecutions ?? []).OrderByDescending(e => e.StartTime).FirstOrDefault();
    }

    private async Task<(bool, string)> ExecutionAsync(ExecutionObjective e, CancellationToken ct)
    {
        var exec = await LatestExecutionAsync(e.Window, ct).ConfigureAwait(false);
        if (exec is null)
        {
            return (false, $"{e.Window} never ran");
        }
        var tasks = (await ssm.DescribeMaintenanceWindowExecutionTasksAsync(new DescribeMaintenanceWindowExecutionTasksRequest
        {
            WindowExecutionId = exec.WindowExecutionId,
        }, ct).ConfigureAwait(false)).WindowExecutionTaskIdentities ?? [];
        var taskText = string.Join("; ", tasks.Select(t => $"task {t.TaskArn} {t.Status}{(string.IsNullOrEmpty(t.StatusDetails) ? "" : ": " + t.StatusDetails)}"));
        var found = $"execution {exec.WindowExecutionId} started {exec.StartTime:yyyy-MM-ddTHH:mm}Z ended {exec.Status}" +
                    (string.IsNullOrEmpty(exec.StatusDetails) ? "" : $" ({exec.StatusDetails})") + (taskText.Length > 0 ? $"; {taskText}" : "");
        var ok = exec.Status.Value == e.Status;
        if (e.StoppedByMaxErrors is { } maxErrors)
        {
            ok &= tasks.Any(t => (t.StatusDetails ?? "").Contains("MaxErrors", StringComparison.Ordinal)) == maxErrors;
        }
        if (e.TimedOutAtCutoff is { } cutoff)
        {
            ok &= tasks.Any(t => (t.StatusDetails ?? "").Contains("cutoff", StringComparison.OrdinalIgnoreCase)) == cutoff;
        }
        return (ok, found);
    }

    private static string Normal(string state) => state.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    private async Task<(bool, string)> PatchStateAsync(PatchStateObjective p, CancellationToken ct)
    {
        var id = deployment.Instances[p.Instance];
        var patches = new List<PatchComplianceData>();
        string? token = null;
        do
        {
            var page = await ssm.DescribeInstancePatchesAsync(new DescribeInstancePatchesRequest { InstanceId = id, NextToken = token, MaxResults = 100 }, ct).ConfigureAwait(false);
            patches.AddRange(page.Patches ?? []);
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);
        var matches = patches.Where(x => x.KBId == p.Patch || x.Title == p.Patch || (x.KBId ?? "").StartsWith(p.Patch + ".", StringComparison.Ordinal)).ToList();
        if (matches.Count == 0)
        {
            return (false, $"{p.Instance} ({id}) reports no patch {p.Patch} ({patches.Count} patch(es) reported)");
        }
        var text = string.Join(", ", matches.Select(m => $"{m.KBId} {m.State.Value}"));
        return (matches.All(m => Normal(m.State.Value) == Normal(p.State)), $"{p.Instance} ({id}): {text}");
    }

    private async Task<(bool, string)> CountAsync(CountObjective n, CancellationToken ct)
    {
        if (n.Window is { } window)
        {
            var overview = await lab.GetOverviewAsync(ct).ConfigureAwait(false);
            var exec = overview.Executions.Where(e => e.WindowId == deployment.Windows[window]).OrderByDescending(e => e.StartTime).FirstOrDefault();
            if (exec is null)
            {
                return (n.Accepts(0), $"{window} never ran: 0 invocations");
            }
            var hits = exec.Invocations.Where(i => n.InvocationStatus is null || i.StatusDetails == n.InvocationStatus).ToList();
            return (n.Accepts(hits.Count), $"{hits.Count} of {exec.Invocations.Count} invocation(s) of {exec.WindowExecutionId}: " +
                                           string.Join(", ", exec.Invocations.Select(i => $"{i.InstanceName} {i.StatusDetails}")));
        }
        var rows = await SelectAsync(n.Select ?? InstanceSelector.All, ct).ConfigureAwait(false);
        var states = await PatchStatesAsync(rows.Select(r => r.InstanceId), ct).ConfigureAwait(false);
        var counted = rows.Where(r =>
        {
            var s = states.GetValueOrDefault(r.InstanceId);
            return n.Compliance switch
            {
                "COMPLIANT" => s is not null && NonCompliance(s) is null,
                "NON_COMPLIANT" => s is not null && NonCompliance(s) is not null,
                _ => true,
            };
        }).ToList();
        return (n.Accepts(counted.Count), $"{counted.Count} of {rows.Count} instance(s): {string.Join(", ", counted.Select(r => r.Name))}");
    }
}
