using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using PatchLab.Agent.Timing;

namespace PatchLab.Agent.Hosting;

/// <summary>
/// The instance's service manager for its agent, as systemd is for amazon-ssm-agent: the agent binary started without
/// <see cref="AgentOptions.BootIdVariable"/> supervises. It makes a boot id for this start of the instance, runs the agent
/// as its child with that boot id, and restarts it when it dies other than by a clean stop (small backoff), so an agent
/// crash is not a boot. Signals (docker-init forwards them to it): SIGTERM/SIGINT stop the agent cleanly and the supervisor
/// exits with it; SIGUSR1 is the agent-crash fault: the agent is SIGKILLed and kept down until SIGUSR2.
/// </summary>
internal sealed class Supervisor
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(10);
    // An agent that ran this long before dying starts over at the first delay.
    private static readonly TimeSpan StableRun = TimeSpan.FromSeconds(60);

    private readonly string _agentPath;
    private readonly TimeProvider _time;
    private readonly AgentLog _log;
    private readonly AgentHold _hold;
    private readonly Lock _gate = new();
    // Completed (and replaced) by every signal: the loop takes it under the gate with the state it decides on, so no wake is lost.
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _child;
    private bool _killRequested;
    private bool _stopping;

    public Supervisor(string agentPath, TimeProvider time, TextWriter log)
    {
        _agentPath = agentPath;
        _time = time;
        _log = new AgentLog(log, new EmulatorClock(time));
        _hold = new AgentHold(time);
    }

    /// <summary>Supervises until stopped; answers the process exit code.</summary>
    public async Task<int> RunAsync()
    {
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStop);
        // Raw Linux numbers: PosixSignal has no names for SIGUSR1 (10) and SIGUSR2 (12). Their default action is to terminate.
        using var sigusr1 = PosixSignalRegistration.Create((PosixSignal)10, OnKill);
        using var sigusr2 = PosixSignalRegistration.Create((PosixSignal)12, OnRevive);
        using var reaping = new CancellationTokenSource();
        var reaper = Environment.ProcessId == 1 ? ChildProcesses.ReapOrphansAsync(_log, _time, reaping.Token) : Task.CompletedTask;
        try
        {
            return await SuperviseAsync(Guid.NewGuid().ToString("N")).ConfigureAwait(false);
        }
        finally
        {
            await reaping.CancelAsync().ConfigureAwait(false);
            await reaper.ConfigureAwait(false);
        }
    }

    private async Task<int> SuperviseAsync(string bootId)
    {
        _log.Info("supervisor", $"instance started, boot id {bootId}: starting the agent");
        var delay = FirstRestartDelay;
        while (true)
        {
            Process? child = null;
            Task wake;
            bool held;
            lock (_gate)
            {
                wake = _wake.Task;
                if (_stopping)
                {
                    return 0;
                }
                held = _hold.IsHeld;
                if (!held)
                {
                    try
                    {
                        child = StartAgent(bootId);
                        _child = child;
                    }
                    catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
                    {
                        _log.Error("supervisor", $"cannot start the agent {_agentPath}: {ex.Message}");
                    }
                }
            }
            if (child is null)
            {
                // Held down by an agent-crash fault (until SIGUSR2 or a stop), or the start failed (retried after the delay).
                await (held ? wake : WaitAsync(wake, delay)).ConfigureAwait(false);
                continue;
            }

            var started = _time.GetTimestamp();
            await child.WaitForExitAsync().ConfigureAwait(false);
            var code = child.ExitCode;
            bool killed;
            lock (_gate)
            {
                wake = _wake.Task;
                _child = null;
                killed = _killRequested;
                _killRequested = false;
            }
            ChildProcesses.Forget(child.Id);
            child.Dispose();

            if (_stopping)
            {
                _log.Info("supervisor", $"agent stopped ({Describe(code)}); the instance shuts down");
                return code;
            }
            if (killed)
            {
                _log.Warn("supervisor", _hold.IsHeld ? "agent killed (agent-crash): kept down until revived" : "agent killed (agent-crash): restarting it");
                delay = FirstRestartDelay;
                continue;
            }
            if (code == 0)
            {
                _log.Info("supervisor", "agent exited cleanly without being stopped; the instance shuts down");
                return 0;
            }
            if (code == 2)
            {
                _log.Error("supervisor", "agent configuration is invalid (exit 2): not restarting it");
                return 2;
            }
            if (_time.GetElapsedTime(started) >= StableRun)
            {
                delay = FirstRestartDelay;
            }
            _log.Warn("supervisor", $"agent died ({Describe(code)}): restarting it in {delay.TotalSeconds:0} s");
            await WaitAsync(wake, delay).ConfigureAwait(false);
            delay = delay * 2 < MaxRestartDelay ? delay * 2 : MaxRestartDelay;
        }
    }

    private Process StartAgent(string bootId)
    {
        var psi = new ProcessStartInfo(_agentPath) { UseShellExecute = false };
        psi.Environment[AgentOptions.BootIdVariable] = bootId;
        return ChildProcesses.Start(psi);
    }

    /// <summary>Waits <paramref name="delay"/> or until a signal wakes the loop.</summary>
    private Task WaitAsync(Task wake, TimeSpan delay) => Task.WhenAny(wake, Task.Delay(delay, _time));

    private void Wake()
    {
        lock (_gate)
        {
            _wake.TrySetResult();
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void OnStop(PosixSignalContext context)
    {
        context.Cancel = true;
        lock (_gate)
        {
            _stopping = true;
            if (_child is { } child)
            {
                _ = ChildProcesses.Signal(child.Id, SigTerm);
            }
        }
        Wake();
    }

    private void OnKill(PosixSignalContext context)
    {
        context.Cancel = true;
        lock (_gate)
        {
            var held = _hold.Kill();
            if (_child is { } child)
            {
                _killRequested = true;
                _ = ChildProcesses.Signal(child.Id, SigKill);
            }
            _log.Warn("supervisor", "SIGUSR1: killing the agent (agent-crash)" + (held ? ", kept down until SIGUSR2" : ""));
        }
        Wake();
    }

    private void OnRevive(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_hold.Revive())
        {
            _log.Info("supervisor", "SIGUSR2: restarting the agent");
        }
        Wake();
    }

    private static string Describe(int code) => code > 128 ? $"signal {code - 128}" : $"exit {code}";
}
