namespace PatchLab.Agent.Tests.Fakes;

/// <summary>A fake emulator, a state directory and a catalog for one test; agents started through it are stopped on
/// dispose.</summary>
public sealed class AgentTestBed : IAsyncDisposable
{
    private readonly TestDirectory _directory;
    private readonly List<AgentRun> _runs = [];

    private AgentTestBed(TestDirectory directory, FakeEmulator emulator, string catalogPath)
    {
        _directory = directory;
        Emulator = emulator;
        CatalogPath = catalogPath;
        StatePath = Path.Combine(directory.Path, "state");
    }

    public FakeEmulator Emulator { get; }
    public string StatePath { get; }
    public string CatalogPath { get; }
    public string Root => _directory.Path;

    public static async Task<AgentTestBed> CreateAsync(EmulatorTransport transport = EmulatorTransport.Tcp, int kernelSizeKb = 30000,
        string? catalogPath = null)
    {
        var directory = new TestDirectory();
        var emulator = await FakeEmulator.StartAsync(transport, directory.Sub("run"));
        return new AgentTestBed(directory, emulator, catalogPath ?? TestCatalog.Write(directory.Path, kernelSizeKb));
    }

    /// <summary>Starts an agent; <paramref name="bootId"/> is what its supervisor would pass (null: every start is a boot).</summary>
    public AgentRun StartAgent(int ageDays = 100, string? token = null, string? bootId = null)
    {
        var run = AgentRun.Start(Emulator, StatePath, CatalogPath, ageDays, token, bootId);
        _runs.Add(run);
        return run;
    }

    /// <summary>The emulator restarts the instance: the running agent stops, a new one boots on the same disk.</summary>
    public async Task<AgentRun> RebootAsync(AgentRun run, int ageDays = 100)
    {
        await run.StopAsync();
        return StartAgent(ageDays);
    }

    public string StateFile(params string[] parts) => Path.Combine([StatePath, .. parts]);

    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs)
        {
            await run.DisposeAsync();
        }
        await Emulator.DisposeAsync();
        _directory.Dispose();
    }
}
