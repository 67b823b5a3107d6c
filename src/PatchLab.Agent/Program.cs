using System.Net;
using System.Runtime.InteropServices;
using PatchLab.Agent.Hosting;
using PatchLab.Agent.Timing;

// The PatchLab agent: reads its identity from PATCHLAB_* variables and runs until SIGTERM/SIGINT (container stop or
// restart), then exits 0 promptly; documents in progress resume at the next start. The logic lives in AgentHost.
// Started without PATCHLAB_BOOT_ID (as the instance's entry point) it is the instance's supervisor instead: it runs the
// agent as its child with a boot id and restarts it after a crash (Supervisor).

AgentOptions options;
try
{
    options = AgentOptions.FromEnvironment(Environment.GetEnvironmentVariable, HostName());
}
catch (AgentConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"- ERROR agent: {ex.Message}").ConfigureAwait(false);
    return 2;
}

var time = TimeProvider.System;
if (options.BootId is null)
{
    var self = Environment.ProcessPath;
    if (string.IsNullOrEmpty(self))
    {
        await Console.Error.WriteLineAsync("- ERROR supervisor: cannot tell the agent binary's own path").ConfigureAwait(false);
        return 1;
    }
    return await new Supervisor(self, time, Console.Error).RunAsync().ConfigureAwait(false);
}

using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    // Handled here rather than by the runtime's default: as PID 1 there is no default action for SIGTERM at all.
    context.Cancel = true;
    stop.Cancel();
}
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

var initLog = new AgentLog(Console.Error, new EmulatorClock(time));
var reaper = Environment.ProcessId == 1
    ? ChildProcesses.ReapOrphansAsync(initLog, time, stop.Token)
    : ChildProcesses.WatchParentAsync(initLog, time, stop);

var run = new AgentHost(options, time, Console.Error).RunAsync(stop.Token);
// After a signal, give the host a moment to stop cleanly, never more: docker waits 10 s before SIGKILL.
var grace = Task.Delay(Timeout.InfiniteTimeSpan, stop.Token)
    .ContinueWith(_ => Task.Delay(TimeSpan.FromSeconds(3), time), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
    .Unwrap();
try
{
    await Task.WhenAny(run, grace).ConfigureAwait(false);
    if (run.IsFaulted)
    {
        await Console.Error.WriteLineAsync($"- ERROR agent: {run.Exception?.GetBaseException()}").ConfigureAwait(false);
        return 1;
    }
}
finally
{
    await stop.CancelAsync().ConfigureAwait(false);
    await Task.WhenAny(reaper, Task.Delay(TimeSpan.FromSeconds(1), time)).ConfigureAwait(false);
}
return 0;

static string HostName()
{
    try
    {
        return Dns.GetHostName();
    }
    catch (System.Net.Sockets.SocketException)
    {
        return Environment.MachineName;
    }
}
