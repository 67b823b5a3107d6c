using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Testing;

namespace PatchLab.Testing.Sample;

/// <summary>A team's lab file as the fixture's starting point.</summary>
public sealed class LabFileTests
{
    private static string LabPath(string name) => Path.Combine(AppContext.BaseDirectory, "labs", name);

    [Fact]
    public async Task ALabFile_StartsItsFleetAndWindow_AndTheWindowScansTheFleet()
    {
        await using var lab = await new PatchLabBuilder().WithRuntime(PatchLabRuntime.Process).WithLabFile(LabPath("nightly-scan.yaml")).StartAsync();

        var deployment = lab.Deployment!;
        Assert.Equal(["web-1", "web-2"], deployment.Instances.Keys.Order());
        Assert.Equal(deployment.Instances.Values.Order(), lab.InstanceIds.Order());
        var windowId = deployment.Windows["Nightly-Scan"];
        var window = await lab.Ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = windowId });
        Assert.Equal("2026-11-30T02:00Z", window.NextExecutionTime);

        await lab.Clock.JumpToNextExecutionAsync(windowId);
        MaintenanceWindowExecution? execution = null;
        await PatchLabEmulator.WaitUntilAsync(async ct =>
        {
            execution = (await lab.Ssm.DescribeMaintenanceWindowExecutionsAsync(new DescribeMaintenanceWindowExecutionsRequest { WindowId = windowId }, ct))
                .WindowExecutions.FirstOrDefault();
            return execution is not null;
        }, TimeSpan.FromMinutes(1), "the nightly window to fire");
        var ended = await lab.WaitForWindowExecutionAsync(execution!.WindowExecutionId);

        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, ended.Status);
        var states = await lab.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [.. lab.InstanceIds] });
        Assert.Equal(2, states.InstancePatchStates.Count);
        Assert.All(states.InstancePatchStates, s => Assert.Equal(PatchOperationType.Scan, s.Operation));
    }

    [Fact]
    public async Task AnInvalidLabFile_IsRefusedBeforeAnythingStarts_WithFileLineAndColumn()
    {
        var path = LabPath("broken.yaml");
        var builder = new PatchLabBuilder().WithRuntime(PatchLabRuntime.Process).WithLabFile(path);

        var e = await Assert.ThrowsAsync<PatchLabException>(() => builder.StartAsync());

        Assert.Contains($"{path}:4:10:", e.Message, StringComparison.Ordinal); // speed: fast
        Assert.Contains($"{path}:8:5:", e.Message, StringComparison.Ordinal);  // colour: blue
    }
}
