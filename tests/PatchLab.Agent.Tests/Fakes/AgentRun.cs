using PatchLab.Agent.Hosting;

namespace PatchLab.Agent.Tests.Fakes;

/// <summary>One boot of the agent in-process: start, then stop (a SIGTERM or the emulator restarting the container).</summary>
public sealed class AgentRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();
    private readonly TextWriter _syncLog;

    private AgentRun(AgentOptions options)
    {
        Options = options;
        _syncLog = TextWriter.Synchronized(_log);
        Task = Task.Run(() => new AgentHost(options, TimeProvider.System, _syncLog).RunAsync(_stop.Token));
    }

    public AgentOptions Options { get; }
    public Task Task { get; }

    public string Log
    {
        get
        {
            lock (_syncLog)
            {
                return _log.ToString();
            }
        }
    }

    public static AgentRun Start(FakeEmulator emulator, string statePath, string catalogPath, int ageDays = 100, string? token = null, string? bootId = null) =>
        new(OptionsFor(emulator, statePath, catalogPath, ageDays, token, bootId));

    public static AgentOptions OptionsFor(FakeEmulator emulator, string statePath, string catalogPath, int ageDays = 100, string? token = null,
        string? bootId = null) => new()
    {
        BootId = bootId,
        InstanceId = emulator.InstanceId,
        Token = token ?? emulator.Token,
        Endpoint = emulator.Endpoint,
        Os = "AmazonLinux2",
        AgeDays = ageDays,
        CatalogPath = catalogPath,
        StatePath = statePath,
        ComputerName = "ip-127-0-0-10.ec2.internal",
        PollWaitSeconds = 1,
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        UnauthorizedRetryDelay = TimeSpan.FromMilliseconds(200),
    };

    public static AgentRun Start(AgentOptions options) => new(options);

    /// <summary>Stops the agent and waits for it to return (it must, promptly).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Task.IsCompleted)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }
}
