using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests.Faults;

/// <summary>Waits on emulator state for the fault tests: generous deadlines, short polls, never a fixed sleep.</summary>
internal static class FaultKit
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>A delivery timeout (48 h) that a fast lab clock does not reach while a busy machine is slow to deliver.</summary>
    public const int LongDelivery = 172_800;

    /// <summary>Removes the fleet the test launched (even when it failed), then the emulator and its state directory.</summary>
    public static async Task DownAndDisposeAsync(EmulatorFixture? emu)
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

    public static async Task<List<string>> LaunchAsync(EmulatorFixture emu, int count, string name, int ageDays = 0)
    {
        var (last, ids) = await emu.LaunchAsync(new FleetLaunchRequest { Count = count, Os = "AmazonLinux2", NamePrefix = name, AgeDays = ageDays });
        Assert.True(last.Stage == "done" && !last.Message.Contains("no registration", StringComparison.Ordinal), $"launch ended {last.Stage}: {last.Message}");
        return ids;
    }

    /// <summary>Polls until <paramref name="done"/> holds for the value <paramref name="read"/> answers; the message says what it stayed.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T?, string> what)
    {
        var until = DateTimeOffset.UtcNow + Deadline;
        T? last = default;
        while (DateTimeOffset.UtcNow < until)
        {
            last = await read();
            if (done(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException(what(last));
    }

    public static Task<GetCommandInvocationResponse> FinishedAsync(IAmazonSimpleSystemsManagement ssm, string commandId, string instanceId, string? plugin = null) =>
        UntilAsync(async () => await ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = instanceId, PluginName = plugin }),
            inv => inv.Status != CommandInvocationStatus.Pending && inv.Status != CommandInvocationStatus.InProgress && inv.Status != CommandInvocationStatus.Delayed,
            inv => $"{instanceId} did not finish {commandId}: {inv?.Status}/{inv?.StatusDetails}");

    public static Task<string> PingAsync(IAmazonSimpleSystemsManagement ssm, string instanceId, string expected) =>
        UntilAsync(async () => (await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
            {
                Filters = [new InstanceInformationStringFilter { Key = "InstanceIds", Values = [instanceId] }],
            })).InstanceInformationList.SingleOrDefault()?.PingStatus?.Value ?? "(absent)",
            s => s == expected, s => $"{instanceId} stayed {s}, expected {expected}");

    public static async Task<string> ShellAsync(IAmazonSimpleSystemsManagement ssm, string[] instanceIds, string script, int? timeoutSeconds = null) =>
        (await ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = [.. instanceIds], Parameters = new() { ["commands"] = [script] }, TimeoutSeconds = timeoutSeconds,
        })).Command.CommandId;

    public static async Task<string> InstallAsync(IAmazonSimpleSystemsManagement ssm, string[] instanceIds, string maxErrors = "0") =>
        (await ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [.. instanceIds], MaxErrors = maxErrors, TimeoutSeconds = LongDelivery,
            Parameters = new() { ["Operation"] = ["Install"], ["RebootOption"] = ["NoReboot"] },
        })).Command.CommandId;

    public static async Task<Dictionary<string, string>> PatchStatesAsync(IAmazonSimpleSystemsManagement ssm, string instanceId)
    {
        var all = new List<PatchComplianceData>();
        string? token = null;
        do
        {
            var page = await ssm.DescribeInstancePatchesAsync(new DescribeInstancePatchesRequest { InstanceId = instanceId, MaxResults = 100, NextToken = token });
            all.AddRange(page.Patches);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        // The SDK maps the wire's CamelCase states onto its constants (FAILED, INSTALLED_OTHER …): compare in one spelling.
        return all.ToDictionary(p => p.KBId, p => p.State.Value.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant());
    }

    public static List<string> FaultEvents(EmulatorFixture emu) =>
        [.. emu.Get<Storage.EventRepository>().Latest(10_000).Where(e => e.Kind is "fault" or "fleet").Select(e => e.Message)];
}
