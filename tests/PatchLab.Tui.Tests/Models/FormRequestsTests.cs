using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Tests.Models;

/// <summary>What the forms send: text read into SDK requests, every rule left to the emulator.</summary>
public sealed class FormRequestsTests
{
    private static Dictionary<string, string> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    [Fact]
    public void CreateWindow_LeavesEmptyFieldsOut_SoTheEmulatorNamesTheMissingOne()
    {
        CreateMaintenanceWindowRequest r = FormRequests.CreateWindow(Values(("Name", " "), ("Schedule", "rate(1 day)"), ("Duration", "")));

        Assert.Null(r.Name);
        Assert.Equal("rate(1 day)", r.Schedule);
        Assert.Null(r.Duration);
        Assert.False(r.AllowUnassociatedTargets);
    }

    [Theory]
    // numbers the form cannot read are refused before sending, naming the field
    [InlineData("Duration", "two", "Duration: a whole number, not 'two'.")]
    [InlineData("Cutoff", "1.5", "Cutoff: a whole number, not '1.5'.")]
    [InlineData("AllowUnassociated", "maybe", "AllowUnassociated: yes or no, not 'maybe'.")]
    public void CreateWindow_RefusesTextItCannotRead(string field, string value, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => FormRequests.CreateWindow(Values((field, value)))).Message);

    [Theory]
    // several targets separated by ';', values by ','
    [InlineData("tag:env=prod", new[] { "tag:env" }, new[] { "prod" })]
    [InlineData("tag:Patch Group=web, web-canary", new[] { "tag:Patch Group" }, new[] { "web", "web-canary" })]
    [InlineData("tag:env=prod; InstanceIds=i-1,i-2", new[] { "tag:env", "InstanceIds" }, new[] { "prod", "i-1", "i-2" })]
    public void ParseTargets_ReadsKeyValueLists(string text, string[] keys, string[] values)
    {
        List<Target> targets = FormRequests.ParseTargets(text)!;

        Assert.Equal(keys, targets.Select(t => t.Key));
        Assert.Equal(values, targets.SelectMany(t => t.Values));
    }

    [Fact]
    public void ParseTargets_RefusesAPartWithoutEquals_AndIsNullWhenEmpty()
    {
        Assert.Contains("not 'web'", Assert.Throws<FormatException>(() => FormRequests.ParseTargets("web")).Message);
        Assert.Null(FormRequests.ParseTargets("  "));
    }

    [Fact]
    public void ParseParameters_KeepsEachValueWhole()
    {
        Dictionary<string, List<string>> p = FormRequests.ParseParameters("Operation=Install; commands=echo a,b")!;

        Assert.Equal(["Install"], p["Operation"]);
        Assert.Equal(["echo a,b"], p["commands"]);
    }

    [Fact]
    public void CreateBaseline_WindowsFiltersOnMsrcSeverity()
    {
        CreatePatchBaselineRequest r = FormRequests.CreateBaseline(Values(("Name", "win"), ("OperatingSystem", "WINDOWS"), ("Severity", "Critical")));

        Assert.Equal("MSRC_SEVERITY", Assert.Single(r.ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters).Key.Value);
        Assert.Null(r.ApprovalRules.PatchRules[0].ApproveAfterDays);
    }

    [Fact]
    public void CreateBaseline_WithoutAnyRuleField_SendsNoRule()
    {
        CreatePatchBaselineRequest r = FormRequests.CreateBaseline(Values(("Name", "approved-only"), ("Approved", "openssl, bash")));

        Assert.Null(r.ApprovalRules);
        Assert.Equal(["openssl", "bash"], r.ApprovedPatches);
    }

    [Fact]
    public void UpdateBaseline_ClearsEmptiedLists_AndRules()
    {
        UpdatePatchBaselineRequest r = FormRequests.UpdateBaseline("pb-1", "UBUNTU", Values(("Name", "n")));

        Assert.Empty(r.ApprovedPatches);
        Assert.Empty(r.RejectedPatches);
        Assert.Empty(r.ApprovalRules.PatchRules);
    }

    [Fact]
    public void SendCommand_ByInstanceIds()
    {
        SendCommandRequest r = FormRequests.SendCommand(Values(("Document", "AWS-RunShellScript"), ("InstanceIds", "i-1, i-2"), ("MaxErrors", "10%")));

        Assert.Equal(["i-1", "i-2"], r.InstanceIds);
        Assert.Null(r.Targets);
        Assert.Equal("10%", r.MaxErrors);
    }

    [Fact]
    public void UpdateBaseline_EditsTheFirstRule_AndKeepsTheOthers()
    {
        var second = new PatchRule { ApproveAfterDays = 30 };

        UpdatePatchBaselineRequest r = FormRequests.UpdateBaseline("pb-1", "UBUNTU", Values(("ApproveAfterDays", "3")), [second]);

        Assert.Equal([3, 30], r.ApprovalRules.PatchRules.Select(p => p.ApproveAfterDays));
    }

    [Fact]
    public void ParseRule_ReadsFiltersAndSettings_AndRuleTextWritesThemBack()
    {
        PatchRule rule = FormRequests.ParseRule("CLASSIFICATION=Security, Bugfix; SEVERITY=Critical; ApproveUntilDate=2026-12-31; ComplianceLevel=HIGH; EnableNonSecurity=no")!;

        Assert.Equal(["CLASSIFICATION", "SEVERITY"], rule.PatchFilterGroup.PatchFilters.Select(f => f.Key.Value));
        Assert.Equal(["Security", "Bugfix"], rule.PatchFilterGroup.PatchFilters[0].Values);
        Assert.Equal("2026-12-31", rule.ApproveUntilDate);
        Assert.Null(rule.ApproveAfterDays);
        Assert.Equal("HIGH", rule.ComplianceLevel.Value);
        Assert.False(rule.EnableNonSecurity);
        Assert.Equal("CLASSIFICATION=Security,Bugfix; SEVERITY=Critical; ApproveUntilDate=2026-12-31; ComplianceLevel=HIGH; EnableNonSecurity=no",
            FormRequests.RuleText(rule));
        Assert.Null(FormRequests.ParseRule("  "));
    }

    [Theory]
    [InlineData("ApproveAfterDays=soon", "Rule2: ApproveAfterDays is a whole number, not 'soon'.")]
    [InlineData("Security", "Rule2: write KEY=Value1,Value2; KEY2=…")]
    public void ParseRule_TextItCannotRead_NamesTheFieldAndTheForm(string text, string message)
    {
        FormatException ex = Assert.Throws<FormatException>(() => FormRequests.ParseRule(text, "Rule2"));

        Assert.StartsWith(message, ex.Message);
    }

    [Fact]
    public void UpdateBaseline_RuleLinesFollowTheRuleFields_AndAnEmptiedGlobalFilterFieldClearsThem()
    {
        UpdatePatchBaselineRequest r = FormRequests.UpdateBaseline("pb-1", "UBUNTU", Values(
            ("Rule10", "PRIORITY=Required"), ("Rule2", "SEVERITY=Low; ApproveAfterDays=30"), ("Rule1", ""), ("GlobalFilters", "")));

        Assert.Equal([30, null], r.ApprovalRules.PatchRules.Select(p => p.ApproveAfterDays)); // Rule2 before Rule10; Rule1 empty: no rule
        Assert.Empty(r.GlobalFilters.PatchFilters);
        Assert.Null(FormRequests.UpdateBaseline("pb-1", "UBUNTU", Values(("Name", "n"))).GlobalFilters); // no field: left as it is
    }

    [Fact]
    public void UpdateTarget_LeavesEmptyFieldsOut()
    {
        UpdateMaintenanceWindowTargetRequest r = FormRequests.UpdateTarget("mw-1", "t-1", Values(("Name", ""), ("Targets", "tag:env=prod")));

        Assert.Equal(("mw-1", "t-1"), (r.WindowId, r.WindowTargetId));
        Assert.Null(r.Name);
        Assert.Equal("tag:env", Assert.Single(r.Targets).Key);
    }

    [Fact]
    public void TaskValues_AreTheUpdateFormsFields_AndUpdateTaskReadsThemBack()
    {
        var task = new GetMaintenanceWindowTaskResponse
        {
            Name = "install", TaskArn = "AWS-RunPatchBaseline", MaxConcurrency = "10%", MaxErrors = "1", Priority = 2,
            Targets = [new Target { Key = "WindowTargetIds", Values = ["t-1", "t-2"] }],
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters { Parameters = new() { ["Operation"] = ["Scan"] } },
            },
        };

        Dictionary<string, string> v = FormRequests.TaskValues(task);
        UpdateMaintenanceWindowTaskRequest r = FormRequests.UpdateTask("mw-1", "wt-1", v);

        Assert.Equal("WindowTargetIds=t-1,t-2", v["Targets"]);
        Assert.Equal("Operation=Scan", v["Parameters"]);
        Assert.Equal(["t-1", "t-2"], Assert.Single(r.Targets).Values);
        Assert.Equal(["Scan"], r.TaskInvocationParameters.RunCommand.Parameters["Operation"]);
        Assert.Equal((2, "10%", "1"), (r.Priority, r.MaxConcurrency, r.MaxErrors));
        Assert.Null(r.Description);
    }

    [Fact]
    public void UpdateTarget_WithReplaceYes_SendsReplaceTrue_AndLeavesTheClearedDescriptionOut()
    {
        UpdateMaintenanceWindowTargetRequest r = FormRequests.UpdateTarget("mw-1", "t-1",
            Values(("Name", "web"), ("Targets", "tag:env=prod"), ("Owner", ""), ("Description", ""), ("Replace", "yes")));

        Assert.True(r.Replace);
        Assert.Null(r.Description); // with Replace=true the emulator clears it
        Assert.Null(r.OwnerInformation);
        Assert.Equal("web", r.Name);
    }

    [Theory]
    // no, empty or no field: Replace is left out, the ordinary partial update
    [InlineData("no")]
    [InlineData("")]
    [InlineData(null)]
    public void UpdateForms_WithoutReplaceYes_LeaveReplaceOut(string? replace)
    {
        Dictionary<string, string> v = Values(("Name", "n"), ("Targets", "tag:env=prod"), ("Document", "AWS-RunShellScript"));
        if (replace is not null)
        {
            v["Replace"] = replace;
        }

        Assert.Null(FormRequests.UpdateTarget("mw-1", "t-1", v).Replace);
        Assert.Null(FormRequests.UpdateTask("mw-1", "wt-1", v).Replace);
        Assert.Null(FormRequests.UpdateWindow("mw-1", v).Replace);
    }

    [Fact]
    public void UpdateForms_ReplaceTheyCannotRead_IsRefusedNamingTheField() =>
        Assert.Equal("Replace: yes or no, not 'maybe'.",
            Assert.Throws<FormatException>(() => FormRequests.UpdateTask("mw-1", "wt-1", Values(("Replace", "maybe")))).Message);

    [Fact]
    public void UpdateTask_WithReplaceYes_ClearsWhatIsLeftEmpty()
    {
        UpdateMaintenanceWindowTaskRequest r = FormRequests.UpdateTask("mw-1", "wt-1",
            Values(("Document", "AWS-RunPatchBaseline"), ("Priority", ""), ("MaxErrors", ""), ("Description", ""), ("Parameters", ""), ("Replace", "Yes")));

        Assert.True(r.Replace);
        Assert.Equal("AWS-RunPatchBaseline", r.TaskArn);
        Assert.Null(r.Priority);
        Assert.Null(r.MaxErrors);
        Assert.Null(r.Description);
        Assert.Null(r.TaskInvocationParameters);
    }

    [Fact]
    public void TargetValues_FillDescriptionAndOwner_WithReplaceOff()
    {
        var target = new WindowTargetItem
        {
            WindowTargetId = "t-1", Name = "web", Targets = [new TargetItem("tag:env", ["prod", "staging"])], Description = "web servers", OwnerInformation = "ops",
        };

        Dictionary<string, string> v = FormRequests.TargetValues(target);

        Assert.Equal(("web", "tag:env=prod,staging", "ops", "web servers", "no"), (v["Name"], v["Targets"], v["Owner"], v["Description"], v["Replace"]));
        UpdateMaintenanceWindowTargetRequest r = FormRequests.UpdateTarget("mw-1", "t-1", v);
        Assert.Equal(("web servers", "ops"), (r.Description, r.OwnerInformation));
        Assert.Null(r.Replace);
    }

    [Fact]
    public void WindowValues_AreTheEditFormsFields_AndUpdateWindowReadsThemBack_WithReplace()
    {
        var window = new GetMaintenanceWindowResponse
        {
            Name = "patch-weekly", Schedule = "cron(0 5 ? * TUE#2 *)", ScheduleOffset = 2, Duration = 3, Cutoff = 1, ScheduleTimezone = "Europe/Paris",
            AllowUnassociatedTargets = true, Enabled = false, StartDate = "2026-01-01T00:00:00Z", EndDate = "2027-06-30T00:00:00Z", Description = "weekly",
        };

        Dictionary<string, string> v = FormRequests.WindowValues(window);
        Assert.Equal(("3", "1", "2", "yes", "no", "no"), (v["Duration"], v["Cutoff"], v["ScheduleOffset"], v["AllowUnassociated"], v["Enabled"], v["Replace"]));
        v["EndDate"] = "";
        v["Replace"] = "yes";
        UpdateMaintenanceWindowRequest r = FormRequests.UpdateWindow("mw-1", v);

        Assert.True(r.Replace);
        Assert.Null(r.EndDate); // cleared by Replace
        Assert.Equal("2026-01-01T00:00:00Z", r.StartDate);
        Assert.Equal((2, 3, 1), (r.ScheduleOffset, r.Duration, r.Cutoff));
        Assert.Equal(("Europe/Paris", true, false), (r.ScheduleTimezone, r.AllowUnassociatedTargets, r.Enabled));
        Assert.Equal("weekly", r.Description);
    }
}
