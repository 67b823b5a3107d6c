using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

/// <summary>The rows of the instance, window, preview and compliance screens.</summary>
public sealed class DetailRowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 13, TimeSpan.Zero);

    private static readonly WindowTargetItem WebTarget = new()
    {
        WindowTargetId = "e1e1e1e1-1111-2222-3333-444455556666", Name = "web", ResourceType = "INSTANCE",
        Targets = [new TargetItem("tag:Environment", ["Production", "Staging"]), new TargetItem("tag-key", ["PatchGroup"])],
    };

    [Fact]
    public void PatchRows_PutsWhatNeedsAttentionFirst()
    {
        PatchItem[] patches =
        [
            new() { KbId = "b", State = "Installed", InstalledTime = Now },
            new() { KbId = "c", State = "Missing", Severity = "Important", CveIds = "CVE-1,CVE-2" },
            new() { KbId = "a", State = "Installed" },
            new() { KbId = "d", State = "Failed" },
            new() { KbId = "e", State = "InstalledPendingReboot" },
        ];

        TableRows rows = PatchRows.Build(patches);

        Assert.Equal(["d", "c", "e", "a", "b"], rows.Rows.Select(r => r.Cells[3]));
        Assert.Equal("CVE-1,CVE-2", rows.Cell(1, "CVE"));
        Assert.Equal("12-06 02:00:13", rows.Cell(4, "INSTALLED"));
        Assert.Equal("Failed 1  Missing 1  InstalledPendingReboot 1  Installed 2", PatchRows.Counts(patches));
    }

    [Fact]
    public void CommandInvocationRows_ShortenTheCommandId_AndKeyByIt()
    {
        var invocation = new CommandInvocationItem
        {
            CommandId = "c1c1c1c1-1111-2222-3333-444455556666", DocumentName = "AWS-RunPatchBaseline", Status = "Success", StatusDetails = "Success",
            Requested = Now,
        };

        TableRow row = Assert.Single(CommandInvocationRows.Build([invocation]).Rows);

        Assert.Equal(["c1c1c1c1", "AWS-RunPatchBaseline", "Success", "Success", "12-06 02:00:13", "-"], row.Cells);
        Assert.Equal(invocation.CommandId, row.Key);
    }

    [Fact]
    public void WindowDetailRows_ReadTaskTargetsAsWhatTheyName()
    {
        var task = new WindowTaskItem
        {
            WindowTaskId = "t-1", TaskArn = "AWS-RunPatchBaseline", Priority = 1, MaxConcurrency = "2", MaxErrors = "1",
            Targets = [new TargetItem("WindowTargetIds", [WebTarget.WindowTargetId, "gone"])],
        };

        Assert.Equal("tag:Environment=Production,Staging and tag-key=PatchGroup or WindowTargetIds=gone", WindowDetailRows.TaskTargets(task, [WebTarget]));
        Assert.Equal("InstanceIds=i-1,i-2", WindowDetailRows.TaskTargets(task with { Targets = [new TargetItem("InstanceIds", ["i-1", "i-2"])] }, []));
        Assert.Equal(["1", "AWS-RunPatchBaseline", "-", "2", "1"], WindowDetailRows.Tasks([task], [WebTarget]).Rows[0].Cells.Take(5));
        Assert.Equal(["e1e1e1e1", "web", "INSTANCE", "tag:Environment=Production,Staging and tag-key=PatchGroup"], WindowDetailRows.Targets([WebTarget]).Rows[0].Cells);
    }

    [Fact]
    public void WindowDetailRows_Summary_ReadsTheScheduleAndTheCountdown()
    {
        var window = new WindowItem
        {
            WindowId = "mw-1", Name = "patch-weekly", Schedule = "cron(0 5 ? * TUE *)", ScheduleDescription = "At 05:00 on Tuesday (UTC)",
            Enabled = true, Duration = 3, Cutoff = 1, NextExecution = Now.AddHours(3),
        };

        string[] lines = [.. WindowDetailRows.Summary(window, Now).Select(l => l.Text)];

        Assert.Equal("patch-weekly mw-1 · enabled · duration 3h · cutoff 1h · last -", lines[0]);
        Assert.Equal("At 05:00 on Tuesday (UTC) · cron(0 5 ? * TUE *) · next 12-06 05:00:13 UTC (in 3h 00m)", lines[1]);
    }

    [Fact]
    public void PreviewRows_ListTheInstancesEachTaskWillHit_WithWhatMayGoDifferently()
    {
        InstanceItem[] fleet =
        [
            new() { InstanceId = "i-1", Name = "web-1", PingStatus = "Online", PatchGroup = "web", Missing = 3, Failed = 0 },
            new() { InstanceId = "i-2", Name = "web-2", PingStatus = "ConnectionLost", Missing = 0, Failed = 0 },
            new() { InstanceId = "i-3", Name = "web-3", PingStatus = "Online" },
        ];
        var window = new WindowItem
        {
            WindowId = "mw-1", Name = "patch-weekly", NextExecution = Now.AddMinutes(5), ScheduleDescription = "Every day",
            Targets = [WebTarget],
            Tasks =
            [
                new WindowTaskItem { WindowTaskId = "scan", TaskArn = "AWS-RunPatchBaseline", Priority = 1, MaxConcurrency = "1", MaxErrors = "0",
                    Targets = [new TargetItem("WindowTargetIds", [WebTarget.WindowTargetId])], InstanceIds = ["i-1", "i-2", "i-3"] },
                new WindowTaskItem { WindowTaskId = "hello", TaskArn = "AWS-RunShellScript", Priority = 2, InstanceIds = ["i-1"] },
            ],
        };

        TableRows rows = PreviewRows.Build(window, fleet);
        string[] summary = [.. PreviewRows.Summary(window, fleet, Now).Select(l => l.Text)];

        Assert.Equal(["scan/i-1", "scan/i-2", "scan/i-3", "hello/i-1"], rows.Rows.Select(r => r.Key));
        Assert.Equal("", rows.Cell(0, "NOTE"));
        Assert.Equal("ConnectionLost: may not run", rows.Cell(1, "NOTE"));
        Assert.Equal("never scanned", rows.Cell(2, "NOTE"));
        Assert.Equal("2 AWS-RunShellScript", rows.Cell(3, "TASK"));
        Assert.Equal("patch-weekly fires 12-06 02:05:13 UTC (in 5m 00s) · Every day", summary[0]);
        Assert.Equal("1 AWS-RunPatchBaseline → 3 instances · MaxConcurrency 1 · MaxErrors 0 · tag:Environment=Production,Staging and tag-key=PatchGroup", summary[1]);
        Assert.Equal("2 AWS-RunShellScript → 1 instance · MaxConcurrency - · MaxErrors - · -", summary[2]);
        Assert.Equal("3 instances · 3 missing patches by their last scan · 1 not Online · 1 never scanned", summary[3]);
    }

    [Fact]
    public void PreviewRows_Summary_DoesNotCountMissingPatches_BeforeAnyScan()
    {
        var window = new WindowItem
        {
            WindowId = "mw-1", Name = "w", Tasks = [new WindowTaskItem { WindowTaskId = "t", TaskArn = "AWS-RunPatchBaseline", InstanceIds = ["i-1", "i-2"] }],
        };
        InstanceItem[] fleet = [new() { InstanceId = "i-1", PingStatus = "Online" }, new() { InstanceId = "i-2", PingStatus = "Online" }];

        Assert.Equal("2 instances · none scanned yet: a Scan shows what they miss", PreviewRows.Summary(window, fleet, Now)[^1].Text);
    }

    [Fact]
    public void PreviewRows_Summary_SaysAWindowWithoutTasksRunsNothing()
    {
        var window = new WindowItem { WindowId = "mw-1", Name = "empty", Schedule = "rate(1 day)" };

        string[] summary = [.. PreviewRows.Summary(window, [], Now).Select(l => l.Text)];

        Assert.Equal(["empty has no next execution · rate(1 day)", "No tasks registered: the window would run nothing."], summary);
    }

    [Fact]
    public void ComplianceRows_UseThePatchState_AndTheOverviewForUnreportedInstances()
    {
        InstanceItem[] fleet = [new() { InstanceId = "i-1", Name = "web-1" }, new() { InstanceId = "i-2", Name = "web-2", Compliance = "COMPLIANT", Missing = 0 }];
        var data = new ComplianceData(
            new Section<PatchStateItem>([new PatchStateItem
            {
                InstanceId = "i-1", PatchGroup = "web", Missing = 2, CriticalNonCompliant = 1, SecurityNonCompliant = 2, Operation = "Scan",
                OperationEndTime = Now, BaselineId = "arn:aws:ssm:us-east-1:1:patchbaseline/pb-1",
            }]),
            new Section<PatchItem>([]));

        TableRows rows = ComplianceRows.Build(fleet, data);
        TableRows fromOverview = ComplianceRows.Build(fleet, null);

        Assert.Equal(["i-1", "web-1", "web", "NON_COMPLIANT", "1", "2", "0", "2", "0", "0", "Scan", "12-06 02:00:13", "pb-1"], rows.Rows[0].Cells);
        Assert.Equal("-", rows.Cell(1, "COMPLIANCE")); // no patch state: never reported, whatever the overview said
        Assert.Equal("COMPLIANT", fromOverview.Cell(1, "COMPLIANCE"));
    }

    [Fact]
    public void InstanceSummary_SaysWhoItIs_AndWhereItStands()
    {
        var instance = new InstanceItem
        {
            InstanceId = "i-1", Name = "web-1", Os = "AmazonLinux2", PingStatus = "Online", State = "running", PatchGroup = "web",
            BaselineId = "arn:aws:ssm:us-east-1:1:patchbaseline/pb-1", Installed = 4, Missing = 1, Failed = 0, PendingReboot = 0,
            Compliance = "NON_COMPLIANT", Tags = [new("env", "prod")],
        };

        string[] lines = [.. InstanceSummary.Build(instance).Select(l => l.Text)];

        Assert.Equal("web-1 i-1 · AmazonLinux2 · Online · running · group web · baseline pb-1", lines[0]);
        Assert.Equal("NON_COMPLIANT · installed 4 · missing 1 · failed 0 · pending reboot 0 · env=prod", lines[1]);
        Assert.StartsWith("never reported", InstanceSummary.Build(new InstanceItem { InstanceId = "i-2" })[1].Text);
    }
}
