using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Issue 4 on real containers running the real agent and the real Amazon Linux 2 catalog: a patch group's baseline
/// with RejectedPatchesAction BLOCK keeps openssl-libs out, so the openssl update that needs it fails, while an untagged
/// node under the AWS default baseline installs both.
/// </summary>
[Collection("docker")]
public sealed class PatchGroupDockerTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync()
    {
        DockerFactAttribute.EnsureAvailable();
        _emu = await EmulatorFixture.StartAsync(docker: true, speed: 600);
    }

    public async Task DisposeAsync()
    {
        if (_emu is null)
        {
            return;
        }
        try
        {
            await _emu.Lab.DownAsync(CancellationToken.None);
        }
        finally
        {
            await _emu.DisposeAsync();
        }
    }

    private async Task<string> LaunchAsync(Dictionary<string, string> tags, string name)
    {
        // 1000 days behind: every advisory of the catalog is missing, openssl's 2023 Important one included.
        var last = await _emu.Lab.LaunchAsync(new FleetLaunchRequest { Count = 1, Os = "AmazonLinux2", Tags = tags, NamePrefix = name, AgeDays = 1000 },
            new Progress<FleetLaunchProgress>(_ => { }), CancellationToken.None);
        Assert.True(last.Stage == "done", $"launch ended {last.Stage}: {last.Message}");
        return _emu.Get<Storage.InstanceRepository>().List().Single(i => i.Name.StartsWith(name, StringComparison.Ordinal)).InstanceId;
    }

    private async Task<GetCommandInvocationResponse> WaitAsync(string commandId, string instanceId)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                var inv = await _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = instanceId, PluginName = "PatchLinux" });
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
        throw new TimeoutException($"{instanceId} did not finish {commandId} in 60 s");
    }

    [DockerFact]
    public async Task Issue4_PatchGroupBaselineWithBlock_KeepsARejectedDependencyOut_OnTheRealAgent()
    {
        var req = new CreatePatchBaselineRequest
        {
            Name = "Lockdown-openssl-libs", OperatingSystem = Amazon.SimpleSystemsManagement.OperatingSystem.AMAZON_LINUX_2,
            ApprovalRules = new PatchRuleGroup
            {
                PatchRules =
                [
                    new PatchRule
                    {
                        PatchFilterGroup = new PatchFilterGroup
                        {
                            PatchFilters = [new PatchFilter { Key = PatchFilterKey.CLASSIFICATION, Values = ["Security"] }, new PatchFilter { Key = PatchFilterKey.SEVERITY, Values = ["Critical", "Important"] }],
                        },
                        ApproveAfterDays = 7,
                    },
                ],
            },
            RejectedPatches = ["openssl-libs"], RejectedPatchesAction = PatchAction.BLOCK,
        };
        var baseline = (await _emu.Ssm.CreatePatchBaselineAsync(req)).BaselineId;
        await _emu.Ssm.RegisterPatchBaselineForPatchGroupAsync(new RegisterPatchBaselineForPatchGroupRequest { BaselineId = baseline, PatchGroup = "Lockdown" });
        var locked = await LaunchAsync(new() { ["PatchGroup"] = "Lockdown" }, "locked");
        var plain = await LaunchAsync([], "plain");

        var sent = await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [locked, plain],
            Parameters = new() { ["Operation"] = ["Install"], ["RebootOption"] = ["NoReboot"] },
        });
        var lockedRun = await WaitAsync(sent.Command.CommandId, locked);
        var plainRun = await WaitAsync(sent.Command.CommandId, plain);

        Assert.Equal(CommandInvocationStatus.Failed, lockedRun.Status);
        Assert.Contains($"Patch Baseline: {baseline}", lockedRun.StandardOutputContent, StringComparison.Ordinal);
        Assert.Contains("it requires openssl-libs, which the patch baseline rejects (RejectedPatchesAction BLOCK)", lockedRun.StandardOutputContent, StringComparison.Ordinal);
        Assert.Equal(CommandInvocationStatus.Success, plainRun.Status);

        async Task<Dictionary<string, string>> StatesAsync(string id)
        {
            var all = new List<PatchComplianceData>();
            string? token = null;
            do
            {
                var page = await _emu.Ssm.DescribeInstancePatchesAsync(new DescribeInstancePatchesRequest { InstanceId = id, MaxResults = 100, NextToken = token });
                all.AddRange(page.Patches);
                token = page.NextToken;
            }
            while (!string.IsNullOrEmpty(token));
            return all.ToDictionary(p => p.KBId, p => p.State.Value.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant());
        }
        var lockedStates = await StatesAsync(locked);
        var plainStates = await StatesAsync(plain);
        Assert.Equal(("FAILED", "INSTALLEDREJECTED"), (lockedStates["openssl.x86_64"], lockedStates["openssl-libs.x86_64"]));
        Assert.Equal(("INSTALLED", "INSTALLED"), (plainStates["openssl.x86_64"], plainStates["openssl-libs.x86_64"]));

        var summary = (await _emu.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [locked, plain] }))
            .InstancePatchStates.ToDictionary(s => s.InstanceId);
        Assert.Equal(("Lockdown", baseline, 1, 1), (summary[locked].PatchGroup, summary[locked].BaselineId, summary[locked].FailedCount, summary[locked].InstalledRejectedCount));
        Assert.Equal((0, 0), (summary[plain].FailedCount, summary[plain].InstalledRejectedCount));
    }
}
