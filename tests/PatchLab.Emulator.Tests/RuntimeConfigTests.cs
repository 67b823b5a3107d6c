using System.Text.Json;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// The runtime settings `patchlab` ships with (src/PatchLab.Tui/DashboardHost.props): the dashboard benchmark of issue 6
/// is measured with them, so a build that lost them would no longer be the process that was measured.
/// </summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void Patchlab_RunsWithoutThreadPoolSpinning_AndWithWorkstationGc()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "patchlab.runtimeconfig.json");
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
    }
}
