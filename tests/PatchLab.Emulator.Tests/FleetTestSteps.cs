using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>Steps tests with a real fleet repeat: tear the fleet down, wait for one plugin's result, read every patch.</summary>
public static class FleetTestSteps
{
    /// <summary>Removes the fleet (even when the test failed), then stops the emulator; nothing when it never started.</summary>
    public static async Task DownAndDisposeAsync(this EmulatorFixture? emu)
    {
        if (emu is null)
        {
            return;
        }
        try
        {
            await emu.Lab.DownAsync(CancellationToken.None);
        }
        finally
        {
            await emu.DisposeAsync();
        }
    }

    /// <summary>Polls GetCommandInvocation for <paramref name="plugin"/> until it leaves Pending/InProgress/Delayed.</summary>
    public static async Task<GetCommandInvocationResponse> WaitForPluginAsync(this EmulatorFixture emu, string commandId, string instanceId, string plugin,
        int seconds = 180)
    {
        for (var i = 0; i < seconds * 10; i++)
        {
            try
            {
                var inv = await emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = instanceId, PluginName = plugin });
                if (inv.Status != CommandInvocationStatus.Pending && inv.Status != CommandInvocationStatus.InProgress && inv.Status != CommandInvocationStatus.Delayed)
                {
                    return inv;
                }
            }
            catch (InvocationDoesNotExistException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{instanceId} did not finish {plugin} of {commandId} in {seconds} s");
    }

    /// <summary>Every page of DescribeInstancePatches for a node.</summary>
    public static async Task<List<PatchComplianceData>> AllPatchesAsync(this EmulatorFixture emu, string instanceId)
    {
        var all = new List<PatchComplianceData>();
        string? token = null;
        do
        {
            var page = await emu.Ssm.DescribeInstancePatchesAsync(new DescribeInstancePatchesRequest { InstanceId = instanceId, MaxResults = 100, NextToken = token });
            all.AddRange(page.Patches);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        return all;
    }
}
