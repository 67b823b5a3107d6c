using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PatchLab.Domain.Model;
using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Process;

/// <summary>
/// The process instance runtime, for machines where no Docker engine can run: every instance is the same agent binary
/// as a host process in its own session (setsid), with its own directory under the emulator's state directory as its
/// disk, talking to the emulator over the agent socket. The binary started by the runtime is the instance's supervisor
/// (its pid is the pid file's), which runs the agent as its child. Instances outlive the emulator, as containers do, and
/// are re-adopted from their pid files. Stop is SIGTERM (then SIGKILL of the whole process group), reboot is stop + start,
/// terminate deletes the directory.
/// </summary>
/// <remarks>
/// There is no isolation: AWS-RunShellScript runs on the host as the emulator's user, and every instance reports the
/// host's name as its ComputerName. Use the Docker runtime for anything but a quick lab or tests.
/// </remarks>
public sealed partial class ProcessFleet : IFleet
{
    private const string RecordFile = "instance.json";
    private const string PidFile = "pid";
    private const string StoppedMarker = "stopped";
    private const string LogFile = "agent.log";
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, System.Diagnostics.Process> _children = new();

    /// <summary>Creates the runtime; validates <paramref name="options"/> (throws <see cref="ArgumentException"/>).</summary>
    public ProcessFleet(ProcessFleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The validated settings.</summary>
    public ProcessFleetOptions Options { get; }

    /// <inheritdoc />
    public string RuntimeName => "process";

    /// <summary>An instance's directory (its disk).</summary>
    public string InstanceDirectory(string instanceId) => Path.Combine(Options.InstancesDirectory, instanceId);

    /// <inheritdoc />
    /// <remarks>There is no image: checks that the agent and the OS catalog exist.</remarks>
    public Task EnsureImageAsync(string os, IProgress<string>? progress, CancellationToken ct)
    {
        var flavour = Flavour(os);
        RequireFile(Options.AgentBinaryPath, "agent binary (publish it with emulator/image/build-agent.sh)");
        RequireFile(Path.Combine(Options.CatalogDirectory, flavour.CatalogFile), $"package catalog for {flavour.Name}");
        progress?.Report($"No image to build: {flavour.Name} instances run {Options.AgentBinaryPath} as host processes");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<RuntimeInstance> LaunchAsync(InstanceLaunchSpec spec, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequireInstanceId(spec.InstanceId);
        await EnsureImageAsync(spec.Os, null, ct).ConfigureAwait(false);
        using (await LockAsync(spec.InstanceId, ct).ConfigureAwait(false))
        {
            var dir = InstanceDirectory(spec.InstanceId);
            if (File.Exists(Path.Combine(dir, RecordFile)))
            {
                throw new FleetException($"Cannot launch {spec.InstanceId}: {dir} already holds an instance. Terminate it first.");
            }
            Directory.CreateDirectory(Path.Combine(dir, "state"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var record = new InstanceRecord { InstanceId = spec.InstanceId, Os = spec.Os, Token = spec.Token, Hostname = spec.Hostname, AgeDays = spec.AgeDays };
            WriteSecret(Path.Combine(dir, RecordFile), JsonSerializer.Serialize(record));
            try
            {
                var pid = Start(record);
                await EnsureRunningAsync(record.InstanceId, pid, "launch", ct).ConfigureAwait(false);
                return new RuntimeInstance(spec.InstanceId, pid.ToString(CultureInfo.InvariantCulture), "running");
            }
            catch (FleetException)
            {
                Kill(spec.InstanceId);
                TryDelete(dir);
                throw;
            }
        }
    }

    /// <inheritdoc />
    public async Task RebootAsync(string instanceId, CancellationToken ct)
    {
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var record = Require(instanceId);
            await StopAgentAsync(instanceId, ct).ConfigureAwait(false);
            var pid = Start(record);
            await EnsureRunningAsync(instanceId, pid, "reboot", ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(string instanceId, CancellationToken ct)
    {
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            Require(instanceId);
            await File.WriteAllTextAsync(Path.Combine(InstanceDirectory(instanceId), StoppedMarker), "", ct).ConfigureAwait(false);
            await StopAgentAsync(instanceId, ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(string instanceId, CancellationToken ct)
    {
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var record = Require(instanceId);
            File.Delete(Path.Combine(InstanceDirectory(instanceId), StoppedMarker));
            switch (StateOf(instanceId, out var running))
            {
                case "running":
                    return;
                case "paused":
                    SignalInstance(running, SigCont);
                    return;
            }
            var pid = Start(record);
            await EnsureRunningAsync(instanceId, pid, "start", ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>Terminating an instance that is gone is a no-op.</remarks>
    public async Task TerminateAsync(string instanceId, CancellationToken ct)
    {
        RequireInstanceId(instanceId);
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var dir = InstanceDirectory(instanceId);
            if (!Directory.Exists(dir))
            {
                return;
            }
            Kill(instanceId);
            TryDelete(dir);
            if (Directory.Exists(dir))
            {
                throw new FleetException($"Instance {instanceId}: could not delete {dir}.");
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RuntimeInstance>> ListAsync(CancellationToken ct)
    {
        if (!Directory.Exists(Options.InstancesDirectory))
        {
            return Task.FromResult<IReadOnlyList<RuntimeInstance>>([]);
        }
        var list = new List<RuntimeInstance>();
        foreach (var dir in Directory.EnumerateDirectories(Options.InstancesDirectory))
        {
            var id = Path.GetFileName(dir);
            if (File.Exists(Path.Combine(dir, RecordFile)))
            {
                var state = StateOf(id, out var pid);
                list.Add(new RuntimeInstance(id, pid > 0 ? pid.ToString(CultureInfo.InvariantCulture) : "", state));
            }
        }
        return Task.FromResult<IReadOnlyList<RuntimeInstance>>([.. list.OrderBy(i => i.InstanceId, StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public async Task RemoveAllAsync(CancellationToken ct)
    {
        foreach (var i in await ListAsync(ct).ConfigureAwait(false))
        {
            await TerminateAsync(i.InstanceId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>running, paused (SIGSTOP, as docker pause freezes a container) or exited.</summary>
    private string StateOf(string instanceId, out int pid)
    {
        pid = ReadPid(instanceId);
        return ProcState(pid, instanceId) switch
        {
            null or 'Z' or 'X' => "exited",
            'T' or 't' => "paused",
            _ => "running",
        };
    }

    private int Start(InstanceRecord record)
    {
        var dir = InstanceDirectory(record.InstanceId);
        var setsid = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;
        var psi = new ProcessStartInfo(setsid ?? "/bin/sh") { UseShellExecute = false, WorkingDirectory = dir };
        if (setsid is not null)
        {
            // Its own session: a Ctrl-C at the emulator's terminal does not reach the fleet, and the agent outlives the emulator.
            psi.ArgumentList.Add("/bin/sh");
        }
        // The shell points the agent's output at its log file and execs it: the pid is the agent's.
        foreach (var a in new[] { "-c", "exec \"$0\" >>\"$1\" 2>&1 </dev/null", Options.AgentBinaryPath, Path.Combine(dir, LogFile) })
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("PATCHLAB_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }
        psi.Environment["PATCHLAB_INSTANCE_ID"] = record.InstanceId;
        psi.Environment["PATCHLAB_TOKEN"] = record.Token;
        psi.Environment["PATCHLAB_ENDPOINT"] = $"unix://{Options.SocketPath}";
        psi.Environment["PATCHLAB_OS"] = record.Os;
        psi.Environment["PATCHLAB_AGE_DAYS"] = record.AgeDays.ToString(CultureInfo.InvariantCulture);
        psi.Environment["PATCHLAB_CATALOG"] = Path.Combine(Options.CatalogDirectory, Flavour(record.Os).CatalogFile);
        psi.Environment["PATCHLAB_STATE"] = Path.Combine(dir, "state");
        System.Diagnostics.Process process;
        try
        {
            process = System.Diagnostics.Process.Start(psi) ?? throw new FleetException($"Instance {record.InstanceId}: the agent did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FleetException($"Instance {record.InstanceId}: cannot start the agent {Options.AgentBinaryPath}: {e.Message}", e);
        }
        // Kept so the runtime reaps it and knows its exit code.
        _children[process.Id] = process;
        File.WriteAllText(Path.Combine(dir, PidFile), process.Id.ToString(CultureInfo.InvariantCulture));
        return process.Id;
    }

    /// <summary>The agent must be running now and for <see cref="ProcessFleetOptions.StartupCheck"/>, else its log goes in the exception.</summary>
    private async Task EnsureRunningAsync(string instanceId, int pid, string action, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            // The process was just started by this runtime: ask it, not /proc/<pid>/environ, which reads empty for a moment
            // while the shell execs the agent (under load that moment was long enough to call a healthy start failed).
            var exited = _children.TryGetValue(pid, out var child) ? child.HasExited : ProcState(pid, instanceId) is null or 'Z' or 'X';
            if (exited)
            {
                var code = child is not null && child.WaitForExit(1000) ? $"exit code {child.ExitCode}" : "exited";
                throw new FleetException($"Instance {instanceId} is not running after {action}: agent pid {pid} {code}; last lines of {LogPath(instanceId)}:\n{LogTail(instanceId)}");
            }
            if (watch.Elapsed >= Options.StartupCheck)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(25), ct).ConfigureAwait(false);
        }
    }

    /// <summary>SIGTERM (the agent stops cleanly and resumes its documents at the next start), then SIGKILL after the timeout.</summary>
    private async Task StopAgentAsync(string instanceId, CancellationToken ct)
    {
        var pid = ReadPid(instanceId);
        if (IsGone(pid, instanceId))
        {
            return;
        }
        Signal(pid, SigTerm);
        SignalInstance(pid, SigCont); // a paused instance must run to handle SIGTERM
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Options.StopTimeout && !IsGone(pid, instanceId))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), ct).ConfigureAwait(false);
        }
        Kill(instanceId);
    }

    private void Kill(string instanceId)
    {
        var pid = ReadPid(instanceId);
        if (IsGone(pid, instanceId))
        {
            Forget(pid);
            return;
        }
        SignalInstance(pid, SigKill);
        for (var i = 0; i < 80 && !IsGone(pid, instanceId); i++)
        {
            Thread.Sleep(25);
        }
        Forget(pid);
    }

    /// <summary>True when the instance's agent no longer runs: asked of the child process when this runtime started it.</summary>
    private bool IsGone(int pid, string instanceId) =>
        _children.TryGetValue(pid, out var child) ? child.HasExited : ProcState(pid, instanceId) is null or 'Z' or 'X';

    private void Forget(int pid)
    {
        if (_children.TryRemove(pid, out var child))
        {
            child.WaitForExit(1000);
            child.Dispose();
        }
    }

    /// <summary>
    /// The state letter of /proc/&lt;pid&gt;/stat when that process is this instance's agent (its environment names the
    /// instance: a recycled pid is not mistaken for it), else null.
    /// </summary>
    private static char? ProcState(int pid, string instanceId)
    {
        if (pid <= 0)
        {
            return null;
        }
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            if (state is 'Z' or 'X')
            {
                return state;
            }
            var environ = File.ReadAllBytes($"/proc/{pid}/environ");
            return Encoding.UTF8.GetString(environ).Split('\0').Contains($"PATCHLAB_INSTANCE_ID={instanceId}") ? state : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private int ReadPid(string instanceId)
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(InstanceDirectory(instanceId), PidFile)), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                ? pid
                : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private InstanceRecord Require(string instanceId)
    {
        RequireInstanceId(instanceId);
        var path = Path.Combine(InstanceDirectory(instanceId), RecordFile);
        if (!File.Exists(path))
        {
            throw new FleetException($"Instance {instanceId} has no process instance ({InstanceDirectory(instanceId)} is missing).");
        }
        return JsonSerializer.Deserialize<InstanceRecord>(File.ReadAllText(path))
            ?? throw new FleetException($"Instance {instanceId}: {path} is unreadable.");
    }

    private string LogPath(string instanceId) => Path.Combine(InstanceDirectory(instanceId), LogFile);

    private string LogTail(string instanceId)
    {
        try
        {
            var lines = File.ReadAllLines(LogPath(instanceId));
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 20)));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static OsFlavor Flavour(string os) => OsFlavor.Find(os)
        ?? throw new FleetException($"Unknown OS flavour '{os}'; known: {string.Join(", ", OsFlavor.All.Select(f => f.Name))}.");

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FleetException($"Cannot run process instances: {what} not found at {path}.");
        }
    }

    private static void WriteSecret(string path, string text)
    {
        // The token is the instance's secret: readable by the emulator's user only, as a container's environment is.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var f = new FileStream(path, options);
        f.Write(Encoding.UTF8.GetBytes(text));
    }

    private static void TryDelete(string dir)
    {
        for (var i = 0; i < 3; i++)
        {
            try
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
                return;
            }
            catch (IOException)
            {
                // A script the agent started may still be writing there; once more.
                Thread.Sleep(100);
            }
        }
    }

    private static void Signal(int pid, int signal)
    {
        if (pid > 0)
        {
            _ = SysKill(pid, signal);
        }
    }

    /// <summary>
    /// A signal to the whole instance: the supervisor leads its own process group (setsid), which holds its agent and the
    /// scripts it runs, as a container's cgroup does; without setsid, to the supervisor alone.
    /// </summary>
    private static void SignalInstance(int pid, int signal)
    {
        if (pid > 0)
        {
            _ = SysKill(GetProcessGroup(pid) == pid ? -pid : pid, signal);
        }
    }

    private async Task<Releaser> LockAsync(string instanceId, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(instanceId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Releaser(gate);
    }

    private static void RequireInstanceId(string instanceId)
    {
        if (string.IsNullOrEmpty(instanceId) || !InstanceIdPattern().IsMatch(instanceId))
        {
            throw new ArgumentException($"Instance id '{instanceId}' cannot name a directory (letters, digits, '_', '.', '-').", nameof(instanceId));
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    private static partial int GetProcessGroup(int pid);

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]{0,100}$")]
    private static partial Regex InstanceIdPattern();

    private readonly struct Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    /// <summary>What an instance's directory records about it (instance.json, mode 600).</summary>
    internal sealed class InstanceRecord
    {
        public string InstanceId { get; set; } = "";
        public string Os { get; set; } = "";
        public string Token { get; set; } = "";
        public string Hostname { get; set; } = "";
        public int AgeDays { get; set; }
    }
}
