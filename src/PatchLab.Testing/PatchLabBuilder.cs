using PatchLab.Emulator;
using PatchLab.Emulator.Cli;
using PatchLab.Labs.Loading;
using PatchLab.Labs.Running;

namespace PatchLab.Testing;

/// <summary>
/// Describes the PatchLab a test needs, then starts it: runtime, clock, instances.
/// <code>
/// await using var lab = await new PatchLabBuilder()
///     .WithRuntime(PatchLabRuntime.Process)
///     .WithClock(DateTimeOffset.Parse("2026-12-01T00:00:00Z"), speed: 60)
///     .WithInstances(new InstanceGroup(2, tags: new Dictionary&lt;string, string&gt; { ["Patch Group"] = "Production" }))
///     .StartAsync();
/// var windows = await lab.Ssm.DescribeMaintenanceWindowsAsync(new());
/// </code>
/// </summary>
public sealed class PatchLabBuilder
{
    private readonly List<InstanceGroup> _groups = [];
    private PatchLabRuntime _runtime = PatchLabRuntime.Auto;
    private DateTimeOffset? _clockStart;
    private double? _speed;
    private string? _stateDirectory;
    private string? _repositoryRoot;
    private TimeProvider _realTime = TimeProvider.System;
    private string? _labFile;

    /// <summary>The instance runtime (default <see cref="PatchLabRuntime.Auto"/>).</summary>
    public PatchLabBuilder WithRuntime(PatchLabRuntime runtime)
    {
        _runtime = runtime;
        return this;
    }

    /// <summary>Starts the lab clock at <paramref name="start"/>, running at <paramref name="speed"/> emulator seconds per real second.</summary>
    public PatchLabBuilder WithClock(DateTimeOffset start, double speed = 1)
    {
        _clockStart = start;
        _speed = speed;
        return this;
    }

    /// <summary>Sets only the clock speed (the clock starts at the real time).</summary>
    public PatchLabBuilder WithSpeed(double speed)
    {
        _speed = speed;
        return this;
    }

    /// <summary>Launches these instances at start (call again for more groups).</summary>
    public PatchLabBuilder WithInstances(InstanceGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        _groups.Add(group);
        return this;
    }

    /// <summary>
    /// Applies a lab file (docs/labs.md) at start: its fleet, baselines, windows, faults and clock. Validated before anything
    /// starts; its objectives are not evaluated (assert what your test needs). Instances of <see cref="WithInstances"/> come first.
    /// </summary>
    public PatchLabBuilder WithLabFile(string path)
    {
        _labFile = path ?? throw new ArgumentNullException(nameof(path));
        return this;
    }

    /// <summary>Keeps state in this directory (it is then not deleted on dispose). Default: a new temporary directory, deleted.</summary>
    public PatchLabBuilder WithStateDirectory(string directory)
    {
        _stateDirectory = directory;
        return this;
    }

    /// <summary>Where the PatchLab repository is (agent binary, catalogs, image files). Default: PATCHLAB_ROOT, else found above the test binary.</summary>
    public PatchLabBuilder WithRepositoryRoot(string directory)
    {
        _repositoryRoot = directory;
        return this;
    }

    /// <summary>The real time source the emulator's clock runs on (tests of PatchLab itself inject a fake).</summary>
    public PatchLabBuilder WithRealTime(TimeProvider realTime)
    {
        _realTime = realTime ?? throw new ArgumentNullException(nameof(realTime));
        return this;
    }

    /// <summary>Every problem with the configuration, empty when it can start.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (_speed is { } s && (!(s > 0) || double.IsInfinity(s) || s > 100_000))
        {
            problems.Add($"Clock speed {s} is invalid: give a number of emulator seconds per real second from 0.01 to 100000.");
        }
        if (!Enum.IsDefined(_runtime))
        {
            problems.Add($"Runtime {(int)_runtime} is not one of: {string.Join(", ", Enum.GetNames<PatchLabRuntime>())}.");
        }
        problems.AddRange(_groups.SelectMany((g, i) => g.Problems().Select(p => $"Instance group {i + 1}: {p}")));
        var total = _groups.Sum(g => g.Count);
        if (total > 200)
        {
            problems.Add($"{total} instances in all: a fixture launches at most 200.");
        }
        var lab = LoadLab(problems);
        var root = RepositoryRootOrNull(out var rootProblem);
        if (root is null)
        {
            problems.Add(rootProblem!);
        }
        else if ((_groups.Count > 0 || lab is { Fleet.Count: > 0 }) && !File.Exists(Path.Combine(root, "artifacts", "agent", "patchlab-agent")))
        {
            problems.Add($"The PatchLab agent is not built ({Path.Combine(root, "artifacts", "agent", "patchlab-agent")} is missing): run `bash emulator/image/build-agent.sh` in {root}.");
        }
        return problems;
    }

    /// <summary>Starts the emulator and launches the instances; on any failure removes whatever it started and throws.</summary>
    /// <exception cref="PatchLabException">Invalid configuration (every problem listed), or the start failed.</exception>
    public async Task<PatchLabEmulator> StartAsync(CancellationToken ct = default)
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new PatchLabException("PatchLab cannot start: " + string.Join(" ", problems));
        }
        var lab = _labFile is null ? null : LabLoader.LoadFile(_labFile);
        var deleteState = _stateDirectory is null;
        var stateDirectory = _stateDirectory ?? Path.Combine(Path.GetTempPath(), "patchlab-fixture-" + Guid.NewGuid().ToString("N")[..12]);
        var options = new EmulatorOptions
        {
            Port = 0,
            StateDirectory = stateDirectory,
            RepositoryRoot = RepositoryRootOrNull(out _)!,
            Speed = _speed,
            ClockStart = _clockStart ?? lab?.Clock.Start,
            Runtime = _runtime.ToString().ToLowerInvariant(),
            RealTime = _realTime,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        };
        PatchLabEmulator? emulator = null;
        try
        {
            emulator = await PatchLabEmulator.StartAsync(options, deleteState, ct).ConfigureAwait(false);
            var (runtime, reason) = await emulator.RuntimeAsync(ct).ConfigureAwait(false);
            if (_runtime != PatchLabRuntime.Auto && !string.Equals(runtime, _runtime.ToString(), StringComparison.OrdinalIgnoreCase) && _groups.Count > 0)
            {
                throw new PatchLabException($"Asked for the {_runtime} runtime, but the emulator has '{(runtime.Length == 0 ? "none" : runtime)}': {reason}");
            }
            foreach (var group in _groups)
            {
                await emulator.LaunchAsync(group, ct).ConfigureAwait(false);
            }
            if (lab is not null)
            {
                var deployment = await new LabApplier(emulator.Ssm, emulator.Lab, _ => { }).ApplyAsync(lab, ct).ConfigureAwait(false);
                emulator.Adopt(deployment);
            }
            return emulator;
        }
        catch (Exception e) when (emulator is not null)
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            if (e is PatchLabException or OperationCanceledException)
            {
                throw;
            }
            throw new PatchLabException($"PatchLab failed to start: {e.Message}", e);
        }
        catch (Exception e) when (e is not PatchLabException and not OperationCanceledException)
        {
            if (deleteState && Directory.Exists(stateDirectory))
            {
                Directory.Delete(stateDirectory, recursive: true);
            }
            throw new PatchLabException($"PatchLab failed to start: {e.Message}", e);
        }
    }

    private PatchLab.Labs.Model.Lab? LoadLab(List<string> problems)
    {
        if (_labFile is null)
        {
            return null;
        }
        try
        {
            return LabLoader.LoadFile(_labFile);
        }
        catch (LabLoadException e)
        {
            problems.AddRange(e.Diagnostics.Count > 0 ? e.Diagnostics.Select(d => d.ToString()!) : [e.Message]);
            return null;
        }
    }

    private string? RepositoryRootOrNull(out string? problem)
    {
        problem = null;
        if (_repositoryRoot is not null)
        {
            if (File.Exists(Path.Combine(_repositoryRoot, "PatchLab.sln")))
            {
                return _repositoryRoot;
            }
            problem = $"{_repositoryRoot} is not a PatchLab repository (no PatchLab.sln there).";
            return null;
        }
        try
        {
            return Paths.RepositoryRoot();
        }
        catch (InvalidOperationException e)
        {
            problem = e.Message;
            return null;
        }
    }
}
