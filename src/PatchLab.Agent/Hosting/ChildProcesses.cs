using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PatchLab.Agent.Hosting;

/// <summary>
/// Starts the agent's child processes and, when the agent is PID 1 (a container without docker-init), reaps orphaned
/// zombies the way an init must. Children the agent started itself are left to .NET, which reaps them by pid; the
/// start lock makes sure the reaper never sees such a child before it is tracked. The supervisor's agent is such a child.
/// </summary>
internal static partial class ChildProcesses
{
    private const int WNOHANG = 1;
    private static readonly Lock StartLock = new();
    private static readonly HashSet<int> Tracked = [];

    /// <summary>Starts a process and tracks it until <see cref="Forget"/>.</summary>
    public static Process Start(ProcessStartInfo startInfo)
    {
        lock (StartLock)
        {
            var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{startInfo.FileName} did not start");
            Tracked.Add(process.Id);
            return process;
        }
    }

    public static void Forget(int pid)
    {
        lock (StartLock)
        {
            Tracked.Remove(pid);
        }
    }

    /// <summary>Reaps orphans every second until cancelled. Only meaningful as PID 1.</summary>
    public static async Task ReapOrphansAsync(AgentLog log, TimeProvider time, CancellationToken ct)
    {
        var self = Environment.ProcessId;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct).ConfigureAwait(false);
                ReapOnce(self);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            log.Warn("init", $"cannot reap orphaned processes ({ex.Message}); zombies may accumulate");
        }
    }

    private static void ReapOnce(int self)
    {
        lock (StartLock)
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Tracked.Contains(pid))
                {
                    continue;
                }
                if (IsZombieChildOf(pid, self))
                {
                    _ = WaitPid(pid, out _, WNOHANG);
                }
            }
        }
    }

    private static bool IsZombieChildOf(int pid, int parent)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && fields[0] == "Z"
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) && ppid == parent;
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it is gone.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>How often an agent under a supervisor checks that its supervisor is still there.</summary>
    public static readonly TimeSpan ParentCheck = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Under a supervisor: stops the agent (<paramref name="stop"/> is cancelled) when its parent is gone, e.g. the
    /// supervisor was SIGKILLed with the instance, so an orphaned agent does not run on beside the next one. Checked every
    /// <see cref="ParentCheck"/>: every wake-up of an idle agent costs CPU, two hundred times over in a full fleet.
    /// </summary>
    public static async Task WatchParentAsync(AgentLog log, TimeProvider time, CancellationTokenSource stop)
    {
        try
        {
            var parent = GetParentPid();
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(ParentCheck, time, stop.Token).ConfigureAwait(false);
                if (GetParentPid() != parent)
                {
                    log.Warn("agent", $"the supervisor (pid {parent}) is gone: stopping");
                    await stop.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            log.Warn("agent", $"cannot watch the supervisor ({ex.Message})");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentPid();

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, out int status, int options);
}
