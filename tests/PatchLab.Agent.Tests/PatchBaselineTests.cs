using PatchLab.Agent.Tests.Fakes;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Tests;

public sealed class PatchBaselineTests
{
    private const string SkippedWindows =
        "Step execution skipped due to unsatisfied preconditions: '\"StringEquals\": [platformType, Windows]'. Step name: PatchWindows";
    private const string SkippedMacOs =
        "Step execution skipped due to unsatisfied preconditions: '\"StringEquals\": [platformType, MacOS]'. Step name: PatchMacOS";

    [Theory]
    [InlineData(EmulatorTransport.Tcp)]
    [InlineData(EmulatorTransport.Unix)]
    public async Task Scan_ReportsMissingForApprovedUpdates_AndInstalledOtherForTheRest(EmulatorTransport transport)
    {
        await using var bed = await AgentTestBed.CreateAsync(transport);
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Scan");
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Success", final.DocumentStatus);
        Assert.Equal(["PatchWindows", "PatchLinux", "PatchMacOS"], final.Steps.Select(s => s.Name));
        Assert.All(final.Steps, s => Assert.Equal(("Success", 0), (s.Status, s.Code)));
        Assert.Equal(SkippedWindows, final.Steps[0].StandardOutput);
        Assert.Equal(SkippedMacOs, final.Steps[2].StandardOutput);

        var report = Assert.Single(bed.Emulator.Reports);
        Assert.Equal("Scan", report.Operation);
        Assert.Equal(message.CommandId, report.CommandId);
        Assert.Equal("pb-0123456789abcdef0", report.BaselineId);
        var patches = report.Patches.ToDictionary(p => p.KBId);
        Assert.Equal(6, patches.Count);
        AssertPatch(patches["openssl-libs.x86_64"], "Missing", TestCatalog.OpensslTarget, "Security", "Important");
        Assert.Equal(["CVE-2024-0727", "CVE-2025-9230"], patches["openssl-libs.x86_64"].CveIds);
        Assert.Null(patches["openssl-libs.x86_64"].InstalledTime);
        AssertPatch(patches["kernel.x86_64"], "Missing", TestCatalog.KernelTarget, "Security", "Important");
        AssertPatch(patches["bash.x86_64"], "Missing", TestCatalog.BashTarget, "Security", "Medium");
        // zlib's Bugfix update is not approved by the baseline; coreutils has no advisory; tzdata's update is a Bugfix.
        AssertPatch(patches["zlib.x86_64"], "InstalledOther", "zlib.x86_64:0:1.2.7-19.amzn2.0.2", "", "");
        AssertPatch(patches["coreutils.x86_64"], "InstalledOther", "coreutils.x86_64:0:8.22-24.amzn2", "", "");
        AssertPatch(patches["tzdata.noarch"], "InstalledOther", "tzdata.noarch:0:2022g-1.amzn2", "", "");
        Assert.Equal(new DateTimeOffset(2022, 12, 10, 0, 0, 0, TimeSpan.Zero), patches["coreutils.x86_64"].InstalledTime);
        Assert.Empty(patches["zlib.x86_64"].CveIds);

        // The installed version's advisory is offered too, so the baseline can call it Installed.
        var snapshot = Assert.Single(bed.Emulator.Snapshots);
        Assert.Contains(snapshot.Candidates, c => c is { Name: "openssl-libs", Version: "1.0.2k-24.amzn2.0.6", InstalledVersion: "1.0.2k-24.amzn2.0.6" });

        // The patch report goes out before the final reply; Scan installs nothing.
        AssertReportBeforeFinalReply(bed.Emulator, message.MessageId);
        Assert.DoesNotContain("PatchManager", File.ReadAllText(bed.StateFile("packages.json")), StringComparison.Ordinal);
        var output = final.Steps[1].StandardOutput;
        Assert.Contains($"Instance Id: {bed.Emulator.InstanceId}", output, StringComparison.Ordinal);
        Assert.Contains("Region: us-east-1", output, StringComparison.Ordinal);
        Assert.Contains("Product: AmazonLinux2", output, StringComparison.Ordinal);
        Assert.Contains("Operation type: Scan", output, StringComparison.Ordinal);
        Assert.Contains("  MissingCount : 3", output, StringComparison.Ordinal);
        Assert.Contains("  InstalledOtherCount : 3", output, StringComparison.Ordinal);
        Assert.Matches(@"\d\d/\d\d/2025 \d\d:\d\d:\d\d root \[INFO\]: Patch Baseline: pb-0123456789abcdef0", output);
    }

    [Fact]
    public async Task Install_RebootIfNeeded_RequestsRebootThenFinishesAfterTheBoot()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        var run = bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install");
        bed.Emulator.Deliver(message);

        var rebootReply = await bed.Emulator.WaitForReplyAsync(r => r.MessageId == message.MessageId && r.RebootRequested);

        Assert.Equal("InProgress", rebootReply.DocumentStatus);
        Assert.Equal(["Success", "SuccessAndReboot", "Pending"], rebootReply.Steps.Select(s => s.Status));
        Assert.Equal(194, rebootReply.Steps[1].Code);
        Assert.Contains("Installing 3 package(s)", rebootReply.Steps[1].StandardOutput, StringComparison.Ordinal);
        using (var packages = TestCatalog.ReadPackages(bed.StatePath))
        {
            var kernel = packages.RootElement.GetProperty("packages").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "kernel");
            Assert.Equal("5.10.240-238.955.amzn2", kernel.GetProperty("version").GetString());
            Assert.True(kernel.GetProperty("pendingReboot").GetBoolean());
        }
        await Task.Delay(300);
        Assert.DoesNotContain(bed.Emulator.Replies, r => r.MessageId == message.MessageId && r.DocumentStatus != "InProgress");

        // The emulator restarts the container.
        await bed.RebootAsync(run);
        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Success", final.DocumentStatus);
        Assert.Equal(["Success", "Success", "Success"], final.Steps.Select(s => s.Status));
        Assert.Equal(SkippedMacOs, final.Steps[2].StandardOutput);
        var report = Assert.Single(bed.Emulator.Reports);
        Assert.Equal("Install", report.Operation);
        Assert.DoesNotContain(report.Patches, p => p.State is "Missing" or "InstalledPendingReboot" or "Failed");
        var patches = report.Patches.ToDictionary(p => p.KBId);
        AssertPatch(patches["kernel.x86_64"], "Installed", TestCatalog.KernelTarget, "Security", "Important");
        AssertPatch(patches["openssl-libs.x86_64"], "Installed", TestCatalog.OpensslTarget, "Security", "Important");
        AssertPatch(patches["bash.x86_64"], "Installed", TestCatalog.BashTarget, "Security", "Medium");
        Assert.NotNull(patches["kernel.x86_64"].InstalledTime);
        Assert.Null(report.LastNoRebootInstallOperationTime);
        Assert.True(report.OperationStartTime <= report.OperationEndTime);
        AssertReportBeforeFinalReply(bed.Emulator, message.MessageId);
        Assert.All(bed.Emulator.Registrations, r => Assert.True(r.Boot));
        Assert.Equal(2, bed.Emulator.Registrations.Count);
        // The final output keeps the pre-reboot part and ends with the summary.
        var output = final.Steps[1].StandardOutput;
        Assert.Contains("Installed kernel.x86_64:0:5.10.240-238.955.amzn2", output, StringComparison.Ordinal);
        Assert.Contains("after the reboot", output, StringComparison.Ordinal);
        Assert.Contains("  InstalledCount : 3", output, StringComparison.Ordinal);
        Assert.Contains("  MissingCount : 0", output, StringComparison.Ordinal);
        // The document was acknowledged once and not run twice.
        Assert.Single(bed.Emulator.Acks, a => a == message.MessageId);
    }

    [Fact]
    public async Task Install_NoReboot_LeavesRebootRequiredPatchesPendingUntilTheNextBoot()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        var run = bed.StartAgent();
        var install = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install", "NoReboot");
        bed.Emulator.Deliver(install);

        var final = await bed.Emulator.WaitForFinalReplyAsync(install.MessageId);

        Assert.Equal("Success", final.DocumentStatus);
        Assert.DoesNotContain(bed.Emulator.Replies, r => r.RebootRequested);
        var report = Assert.Single(bed.Emulator.Reports);
        Assert.Equal("NoReboot", report.RebootOption);
        Assert.NotNull(report.LastNoRebootInstallOperationTime);
        var patches = report.Patches.ToDictionary(p => p.KBId);
        AssertPatch(patches["kernel.x86_64"], "InstalledPendingReboot", TestCatalog.KernelTarget, "Security", "Important");
        AssertPatch(patches["bash.x86_64"], "Installed", TestCatalog.BashTarget, "Security", "Medium");
        Assert.Equal(0, report.Patches.Count(p => p.State == "Missing"));

        // After a boot, a Scan sees the kernel in effect.
        await bed.RebootAsync(run);
        var scan = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Scan");
        bed.Emulator.Deliver(scan);
        await bed.Emulator.WaitForFinalReplyAsync(scan.MessageId);
        var afterBoot = bed.Emulator.Reports[^1].Patches.ToDictionary(p => p.KBId);
        Assert.Equal("Installed", afterBoot["kernel.x86_64"].State);
        Assert.NotNull(bed.Emulator.Reports[^1].LastNoRebootInstallOperationTime);
    }

    [Fact]
    public async Task Install_KilledMidPackage_ResumesWithoutRedoingFinishedPackages()
    {
        // Kernel install = 3 + 30,720,000/10240 = 3003 emulator s = 3 s real at x1000: time to kill the agent mid-install.
        await using var bed = await AgentTestBed.CreateAsync(kernelSizeKb: 10240 * 3000);
        var run = bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install");
        bed.Emulator.Deliver(message);
        await bed.Emulator.WaitForAsync(() => InstalledByPatchManager(bed).Contains("bash") ? "bash" : null, "bash installed");

        await run.StopAsync();

        Assert.Equal(["bash"], InstalledByPatchManager(bed));
        Assert.True(File.Exists(bed.StateFile("documents", "current", message.MessageId + ".json")));
        Assert.DoesNotContain(bed.Emulator.Replies, r => r.RebootRequested || r.DocumentStatus != "InProgress");

        // Restarted (a boot): the step re-runs; bash is already there, kernel and openssl-libs are installed now.
        bed.Emulator.Speed = 100_000;
        run = bed.StartAgent();
        var rebootReply = await bed.Emulator.WaitForReplyAsync(r => r.MessageId == message.MessageId && r.RebootRequested);
        Assert.Contains("Installing 2 package(s)", rebootReply.Steps[1].StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Installing bash", rebootReply.Steps[1].StandardOutput, StringComparison.Ordinal);
        Assert.Contains("resuming AWS-RunPatchBaseline", run.Log, StringComparison.Ordinal);

        await bed.RebootAsync(run);
        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);
        Assert.Equal("Success", final.DocumentStatus);
        Assert.Equal(0, bed.Emulator.Reports[^1].Patches.Count(p => p.State is "Missing" or "InstalledPendingReboot"));
        Assert.Equal(["bash", "kernel", "openssl-libs"], InstalledByPatchManager(bed));
    }

    [Fact]
    public async Task Install_WithInjectedFault_ReportsFailed_AndFailsTheDocument()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        Directory.CreateDirectory(bed.StateFile("faults"));
        File.WriteAllText(bed.StateFile("faults", "fail-install"), "# lab: broken mirror\nbash\n");
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install", "NoReboot");
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Failed", final.DocumentStatus);
        Assert.Equal(("Failed", 1), (final.Steps[1].Status, final.Steps[1].Code));
        Assert.Contains(TestCatalog.BashTarget, final.Steps[1].StandardError, StringComparison.Ordinal);
        var patches = Assert.Single(bed.Emulator.Reports).Patches.ToDictionary(p => p.KBId);
        AssertPatch(patches["bash.x86_64"], "Failed", TestCatalog.BashTarget, "Security", "Medium");
        Assert.Equal(["CVE-2025-0001"], patches["bash.x86_64"].CveIds);
        Assert.Equal("Installed", patches["openssl-libs.x86_64"].State);
        Assert.Contains("  FailedCount : 1", final.Steps[1].StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidOperation_FailsThePatchLinuxStep()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Reboot");
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Failed", final.DocumentStatus);
        Assert.Contains("Operation", final.Steps[1].StandardError, StringComparison.Ordinal);
        Assert.Empty(bed.Emulator.Reports);
    }

    [Fact]
    public async Task FixtureCatalog_OldInstance_ScansWithManyMissing()
    {
        await using var bed = await AgentTestBed.CreateAsync(catalogPath: TestCatalog.AmazonLinux2FixturePath);
        bed.StartAgent(ageDays: 400);
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Scan");
        bed.Emulator.Deliver(message);

        await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        var report = Assert.Single(bed.Emulator.Reports);
        Assert.InRange(report.Patches.Count, 70, 120);
        Assert.InRange(report.Patches.Count(p => p.State == "Missing"), 5, 40);
        Assert.Contains(report.Patches, p => p.State == "Installed");
        Assert.True(report.Patches.Count(p => p.State == "InstalledOther") > report.Patches.Count / 2);
    }

    private static void AssertPatch(PatchRecord patch, string state, string title, string classification, string severity)
    {
        Assert.Equal((state, title, classification, severity), (patch.State, patch.Title, patch.Classification, patch.Severity));
    }

    private static void AssertReportBeforeFinalReply(FakeEmulator emulator, string messageId)
    {
        var calls = emulator.Calls;
        var report = calls.Last(c => c.Operation == "patch-report");
        var final = calls.Last(c => c.Operation == "reply" && c.Body.Contains(messageId, StringComparison.Ordinal));
        Assert.True(report.Order < final.Order, "the patch report must precede the final reply");
    }

    private static List<string> InstalledByPatchManager(AgentTestBed bed)
    {
        try
        {
            using var packages = TestCatalog.ReadPackages(bed.StatePath);
            return packages.RootElement.GetProperty("packages").EnumerateArray()
                .Where(p => p.GetProperty("installedBy").GetString() == "PatchManager")
                .Select(p => p.GetProperty("name").GetString()!).Order().ToList();
        }
        catch (IOException)
        {
            // Not created yet (first boot still starting).
            return [];
        }
    }
}
