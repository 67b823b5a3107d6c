using System.Collections.Immutable;

namespace PatchLab.Tui.Models;

/// <summary>
/// The MaxConcurrency ramp as it happens: for each running task execution, how many invocations were in flight at each
/// poll, newest last. Samples stop when the task finishes, so a finished task keeps the shape of its run.
/// </summary>
public static class RampHistory
{
    /// <summary>Samples kept per task.</summary>
    public const int MaxSamples = 32;

    /// <summary>
    /// The history after one more poll: a sample is added for every task that is not finished; tasks that left the
    /// emulator's recent executions are dropped.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<int>> Next(
        IReadOnlyDictionary<string, IReadOnlyList<int>>? previous, IReadOnlyList<ExecutionItem> executions)
    {
        ArgumentNullException.ThrowIfNull(executions);
        var next = ImmutableDictionary.CreateBuilder<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        foreach (ExecutionItem execution in executions)
        {
            foreach (ExecutionTaskItem task in execution.Tasks)
            {
                IReadOnlyList<int> samples = previous?.GetValueOrDefault(task.TaskExecutionId) ?? [];
                if (!InvocationStates.IsTerminalWindowStatus(task.Status))
                {
                    int inFlight = execution.Invocations.Count(i => i.TaskExecutionId == task.TaskExecutionId && InvocationStates.IsInFlight(i));
                    samples = [.. samples.Skip(Math.Max(0, samples.Count - MaxSamples + 1)), inFlight];
                }

                next[task.TaskExecutionId] = samples;
            }
        }

        return next.ToImmutable();
    }
}
