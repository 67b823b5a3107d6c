using Amazon.SimpleSystemsManagement;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PatchLab.Client;
using PatchLab.Emulator;

namespace PatchLab.Emulator.Tests;

/// <summary>An in-process emulator on a free loopback port with its own state directory; disposed after the test.</summary>
public sealed class EmulatorFixture : IAsyncDisposable
{
    private EmulatorFixture(WebApplication app, string stateDir, EmulatorOptions options, MemoryLog log)
    {
        Log = log;
        App = app;
        StateDirectory = stateDir;
        Options = options;
        Endpoint = EmulatorHost.HttpAddress(app);
        Ssm = SsmClientFactory.Create(Endpoint);
        Lab = new LabClient(Endpoint);
    }

    public WebApplication App { get; }
    public string StateDirectory { get; }
    public EmulatorOptions Options { get; }
    public Uri Endpoint { get; }
    public IAmazonSimpleSystemsManagement Ssm { get; }
    public LabClient Lab { get; }

    /// <summary>What this emulator logged (Information and above), for failure messages.</summary>
    public MemoryLog Log { get; }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>
    /// Launches instances through the lab API and returns the launch's last progress report with the ids it reported
    /// launched, in name order (the order the emulator reports them in).
    /// </summary>
    public async Task<(PatchLab.Contracts.Lab.FleetLaunchProgress Last, List<string> Ids)> LaunchAsync(PatchLab.Contracts.Lab.FleetLaunchRequest request)
    {
        var progress = new List<PatchLab.Contracts.Lab.FleetLaunchProgress>();
        var last = await Lab.LaunchAsync(request, new SyncProgress<PatchLab.Contracts.Lab.FleetLaunchProgress>(progress.Add), CancellationToken.None);
        return (last, [.. progress.Where(p => p.Stage == "launched").Select(p => p.InstanceId!)]);
    }

    /// <param name="configure">Adjusts the options last (an injected fleet, a short agent silence grace, a fixed port).</param>
    public static async Task<EmulatorFixture> StartAsync(bool docker = false, double? speed = null, string? stateDir = null, string networkMode = "none",
        Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        stateDir ??= Path.Combine(Path.GetTempPath(), "patchlab-test-" + Guid.NewGuid().ToString("N")[..10]);
        var options = new EmulatorOptions
        {
            Port = 0, StateDirectory = stateDir, Speed = speed, UseDocker = docker, RepositoryRoot = RepoRoot(), NetworkMode = networkMode,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning, LogSink = new MemoryLog(),
        };
        options = configure?.Invoke(options) ?? options;
        var app = await EmulatorHost.BuildAsync(options, CancellationToken.None);
        await app.StartAsync();
        return new EmulatorFixture(app, stateDir, options, options.LogSink as MemoryLog ?? new MemoryLog());
    }

    /// <summary>Stops the host but keeps the state directory (restart tests).</summary>
    public async Task StopAsync()
    {
        Ssm.Dispose();
        Lab.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PatchLab.sln")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("PatchLab.sln not found above the test binary");
    }
}
