using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Tests.Fakes;
using PatchLab.Tui.Views;
using Terminal.Gui.Input;

namespace PatchLab.Tui.Tests.Views;

/// <summary>
/// The forms and confirmed actions on windows, targets, tasks, baselines and executions: what they send to the fake
/// ISsmConsole, and the emulator's refusal shown in the form.
/// </summary>
[Collection(TerminalCollection.Name)]
public sealed class FormsViewTests
{
    private const string NameRule = "1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 3";

    [Fact]
    public void CreateWindowForm_SendsCreateMaintenanceWindow_WithTheTypedValues()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');

        ui.Press('c');
        Assert.Equal("Create maintenance window", ui.View.ScreenName);
        int overviewCallsBefore = ui.Client.OverviewCalls;
        ui.Type("patch-nightly");     // Name (q, c and n are typed, not shortcuts)
        ui.Press(Key.Tab);             // Schedule
        ui.Press(Key.Tab);             // Duration
        ui.Press(Key.End);
        ui.Press(Key.Backspace);
        ui.Type("3");
        ui.Press(Key.Tab);             // Cutoff
        ui.Press(Key.Tab);             // Time zone
        ui.Type("Europe/Paris");
        ui.Press(Key.Enter);

        CreateMaintenanceWindowRequest sent = ui.Ssm.Last<CreateMaintenanceWindowRequest>("CreateMaintenanceWindow");
        Assert.Equal("patch-nightly", sent.Name);
        Assert.Equal("cron(0 2 ? * SUN *)", sent.Schedule);
        Assert.Equal(3, sent.Duration);
        Assert.Equal(1, sent.Cutoff);
        Assert.Equal("Europe/Paris", sent.ScheduleTimezone);
        Assert.False(sent.AllowUnassociatedTargets);
        Assert.Equal("Windows", ui.View.ScreenName);
        Assert.Contains("✓ window created: mw-0new0new0new0new0", ui.Screen);
        Assert.True(ui.Client.OverviewCalls > overviewCallsBefore); // refreshed at once so the new window shows
        Assert.Equal(DashboardPage.Windows, ui.View.Page);
    }

    [Fact]
    public void CreateWindowForm_ShowsTheEmulatorsValidationException_AndKeepsWhatWasTyped()
    {
        using var ui = new HeadlessDashboard();
        ui.Ssm.Error = op => op == "CreateMaintenanceWindow" ? FakeSsmConsole.Refusal("ValidationException", NameRule) : null;
        ui.Press('2');
        ui.Press('c');
        ui.Type("x");

        ui.Press(Key.Enter);

        Assert.Equal("Create maintenance window", ui.View.ScreenName);
        string screen = ui.Screen;
        Assert.Contains("✗ ValidationException: 1 validation error detected: Value 'x' at", screen);
        Assert.Contains("failed to satisfy constraint: Member must have length greater than or equal", screen);
        Assert.Equal("x", ui.Ssm.Last<CreateMaintenanceWindowRequest>("CreateMaintenanceWindow").Name);

        ui.Ssm.Error = _ => null;
        ui.Type("yz");
        ui.Press(Key.Enter);
        Assert.Equal("xyz", ui.Ssm.Last<CreateMaintenanceWindowRequest>("CreateMaintenanceWindow").Name);
        Assert.Equal("Windows", ui.View.ScreenName);
    }

    [Fact]
    public void WindowForm_NumberFieldHoldingText_IsRefusedBeforeSending()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press('c');
        ui.Press(Key.Tab);
        ui.Press(Key.Tab);
        ui.Type("h");

        ui.Press(Key.Enter);

        Assert.Contains("✗ Duration: a whole number, not 'h'.", ui.Screen); // Tab selects the field's text: typing replaces it
        Assert.DoesNotContain(ui.Ssm.Calls, c => c.Operation == "CreateMaintenanceWindow");
    }

    [Fact]
    public void Form_StatusBar_ShowsOnlyTheFormsKeys()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');

        ui.Press('c');

        string bar = ui.Lines[^1];
        Assert.Contains("Enter  Send", bar);
        Assert.Contains("Tab  Next", bar);
        Assert.Contains("Esc  Cancel", bar);
        Assert.Contains("Ctrl+Q  Quit", bar);
        Assert.DoesNotContain("Filter", bar); // '/' is typed into the field here
    }

    [Fact]
    public void Esc_ClosesTheForm_WithoutSending()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press('c');

        ui.Press(Key.Esc);

        Assert.Equal("Windows", ui.View.ScreenName);
        Assert.DoesNotContain(ui.Ssm.Calls, c => c.Operation == "CreateMaintenanceWindow");
    }

    [Fact]
    public void EditWindowForm_IsFilledFromTheWindow_AndSendsUpdateMaintenanceWindow()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');

        ui.Press('e');
        Assert.Contains("patch-weekly", ui.Screen);
        ui.Press(Key.Enter);

        UpdateMaintenanceWindowRequest sent = ui.Ssm.Last<UpdateMaintenanceWindowRequest>("UpdateMaintenanceWindow");
        Assert.Equal(LabFixture.PatchWeekly, sent.WindowId);
        Assert.Equal("patch-weekly", sent.Name);
        Assert.True(sent.Enabled);
        Assert.Contains("✓ window updated", ui.Screen);
    }

    [Fact]
    public void CtrlD_OnTheWindowsPage_AsksThenDeletesTheWindow()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');

        ui.Press(Key.D.WithCtrl);
        Assert.Contains("? delete window patch-weekly", ui.Screen);
        ui.Press('y');

        Assert.Equal(LabFixture.PatchWeekly, ui.Ssm.Last<string>("DeleteMaintenanceWindow"));
        Assert.Contains("✓ window deleted", ui.Screen);
        Assert.Empty(ui.Data.Actions); // not an instance action
    }

    [Fact]
    public void WindowScreen_t_RegistersATarget()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press(Key.Enter);

        ui.Press('t');
        ui.Type("web");
        ui.Press(Key.Enter);

        RegisterTargetWithMaintenanceWindowRequest sent = ui.Ssm.Last<RegisterTargetWithMaintenanceWindowRequest>("RegisterTargetWithMaintenanceWindow");
        Assert.Equal(LabFixture.PatchWeekly, sent.WindowId);
        Assert.Equal("web", sent.Name);
        Assert.Equal("INSTANCE", sent.ResourceType.Value);
        Assert.Equal("tag:Patch Group", Assert.Single(sent.Targets).Key);
        Assert.Equal(["web"], sent.Targets[0].Values);
    }

    [Fact]
    public void WindowScreen_ShiftT_RegistersARunCommandTask_OnTheWindowsTargets()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press(Key.Enter);

        ui.Press('T');
        ui.Type("install");
        ui.Press(Key.Enter);

        RegisterTaskWithMaintenanceWindowRequest sent = ui.Ssm.Last<RegisterTaskWithMaintenanceWindowRequest>("RegisterTaskWithMaintenanceWindow");
        Assert.Equal("RUN_COMMAND", sent.TaskType.Value);
        Assert.Equal("AWS-RunPatchBaseline", sent.TaskArn);
        Assert.Equal("WindowTargetIds", Assert.Single(sent.Targets).Key);
        Assert.Equal([LabFixture.WebTarget], sent.Targets[0].Values);
        Assert.Equal(["Install"], sent.TaskInvocationParameters.RunCommand.Parameters["Operation"]);
        Assert.Equal(["RebootIfNeeded"], sent.TaskInvocationParameters.RunCommand.Parameters["RebootOption"]);
        Assert.Equal("1", sent.MaxConcurrency);
        Assert.Equal("0", sent.MaxErrors);
        Assert.Equal(1, sent.Priority);
        Assert.Equal("install", sent.Name);
    }

    [Fact]
    public void WindowScreen_CtrlD_DeregistersTheSelectedTarget_ThenTheSelectedTask()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press(Key.Enter);

        ui.Press(Key.D.WithCtrl);
        ui.Press('y');
        Assert.Equal((LabFixture.PatchWeekly, LabFixture.WebTarget), ui.Ssm.Last<(string, string)>("DeregisterTargetFromMaintenanceWindow"));

        ui.Press(Key.Tab);
        ui.Press(Key.D.WithCtrl);
        ui.Press('y');
        Assert.Equal((LabFixture.PatchWeekly, LabFixture.PatchTask), ui.Ssm.Last<(string, string)>("DeregisterTaskFromMaintenanceWindow"));
    }

    [Fact]
    public void ExecutionsPage_ShiftC_CancelsTheSelectedWindowExecution()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('3');

        ui.Press('C');
        Assert.Contains("? cancel window execution", ui.Screen);
        ui.Press('y');

        Assert.Contains(ui.Ssm.Last<string>("CancelMaintenanceWindowExecution"), new[] { LabFixture.RunningExecution, LabFixture.FinishedExecution });
        Assert.Contains("✓ cancel requested: execution", ui.Screen);
    }

    [Fact]
    public void CancelExecution_ShowsTheEmulatorsRefusal()
    {
        using var ui = new HeadlessDashboard();
        ui.Ssm.Error = op => op == "CancelMaintenanceWindowExecution"
            ? FakeSsmConsole.Refusal("DoesNotExistException", "Execution is already finished.")
            : null;
        ui.Press('3');

        ui.Press('C');
        ui.Press('y');

        Assert.Contains("✗ cancel execution: DoesNotExistException: Execution is already finished.", ui.Screen);
    }

    [Fact]
    public void CreateBaselineForm_SendsOneApprovalRule_WithClassificationSeverityAndApproveAfterDays()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('7');

        ui.Press('c');
        ui.Type("web-critical");
        for (int i = 0; i < 6; i++)
        {
            ui.Press(Key.Tab); // → Approved patches
        }

        ui.Type("openssl");
        ui.Press(Key.Enter);

        CreatePatchBaselineRequest sent = ui.Ssm.Last<CreatePatchBaselineRequest>("CreatePatchBaseline");
        Assert.Equal("web-critical", sent.Name);
        Assert.Equal("AMAZON_LINUX_2023", sent.OperatingSystem.Value);
        PatchRule rule = Assert.Single(sent.ApprovalRules.PatchRules);
        Assert.Equal(7, rule.ApproveAfterDays);
        Assert.Equal("CRITICAL", rule.ComplianceLevel.Value);
        Assert.Equal(["CLASSIFICATION", "SEVERITY"], rule.PatchFilterGroup.PatchFilters.Select(f => f.Key.Value));
        Assert.Equal(["Security", "Bugfix"], rule.PatchFilterGroup.PatchFilters[0].Values);
        Assert.Equal(["Critical", "Important"], rule.PatchFilterGroup.PatchFilters[1].Values);
        Assert.Equal(["openssl"], sent.ApprovedPatches);
        Assert.Null(sent.RejectedPatches);
        Assert.Contains("✓ baseline created: pb-0new", ui.Screen);
    }

    [Fact]
    public void EditBaseline_ReadsTheBaseline_ThenSendsUpdatePatchBaseline()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('7');
        ui.Press(Key.CursorDown);

        ui.Press('e');
        Assert.Equal("Edit baseline web-critical", ui.View.ScreenName);
        ui.Press(Key.Enter);

        UpdatePatchBaselineRequest sent = ui.Ssm.Last<UpdatePatchBaselineRequest>("UpdatePatchBaseline");
        Assert.Equal(FakeSsmConsole.CustomBaseline, sent.BaselineId);
        Assert.Equal("web-critical", sent.Name);
        Assert.Equal(["openssl"], sent.ApprovedPatches);
        Assert.Equal(["telnet"], sent.RejectedPatches);
        Assert.Equal(["Critical"], sent.ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[1].Values);
    }

    [Fact]
    public void CtrlD_OnTheBaselinesPage_AsksThenDeletesTheBaseline_AndShowsARefusal()
    {
        using var ui = new HeadlessDashboard();
        ui.Ssm.Error = op => op == "DeletePatchBaseline"
            ? FakeSsmConsole.Refusal("ResourceInUseException", "Patch baseline pb-0c0ffee0c0ffee001 is in use by patch group web.")
            : null;
        ui.Press('7');
        ui.Press(Key.CursorDown);

        ui.Press(Key.D.WithCtrl);
        Assert.Contains("? delete baseline pb-0c0ffee0c0ffee001", ui.Screen);
        ui.Press('y');

        Assert.Equal(FakeSsmConsole.CustomBaseline, ui.Ssm.Last<string>("DeletePatchBaseline"));
        Assert.Contains("✗ delete baseline: ResourceInUseException: Patch baseline", ui.Screen);
    }

    [Theory]
    [InlineData('2', 'c')]
    [InlineData('2', 'e')]
    [InlineData('3', 'C')]
    [InlineData('6', 'c')]
    [InlineData('6', 'C')]
    [InlineData('7', 'c')]
    [InlineData('7', 'e')]
    [InlineData('7', 'g')]
    [InlineData('7', 'G')]
    [InlineData('7', 'D')]
    public void ReadOnly_HidesEveryForm_AndEveryChange(char page, char key)
    {
        using var ui = new HeadlessDashboard(readOnly: true);
        ui.Press(page);
        string name = ui.View.ScreenName;

        ui.Press(key);
        ui.Press(Key.D.WithCtrl);
        ui.Press('y');

        Assert.Equal(name, ui.View.ScreenName);
        Assert.DoesNotContain("?", ui.LineWith("Help").Replace("?  Help", "", StringComparison.Ordinal).Trim('?'));
        Assert.DoesNotContain(ui.Ssm.Calls, c => !c.Operation.StartsWith("List", StringComparison.Ordinal)
            && !c.Operation.StartsWith("Describe", StringComparison.Ordinal) && !c.Operation.StartsWith("Get", StringComparison.Ordinal));
        foreach (string label in new[] { "Create", "Edit", "Delete", "Send", "Cancel" })
        {
            Assert.DoesNotContain($" {label} ", ui.LineWith("Help"));
        }
    }

    [Fact]
    public void ReadOnly_WindowScreen_HasNoTargetOrTaskKeys()
    {
        using var ui = new HeadlessDashboard(readOnly: true);
        ui.Press('2');
        ui.Press(Key.Enter);

        ui.Press('t');
        ui.Press('T');
        ui.Press('u');
        ui.Press(Key.Tab);
        ui.Press('u');
        ui.Press(Key.D.WithCtrl);
        ui.Press('y');

        Assert.StartsWith("Window", ui.View.ScreenName);
        Assert.DoesNotContain("Update", ui.Lines[^1]);
        Assert.Empty(ui.Ssm.Calls);
    }

    [Fact]
    public void WindowScreen_u_OnTheTargets_SendsUpdateMaintenanceWindowTarget_FilledFromTheTarget()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press(Key.Enter);

        ui.Press('u');
        Assert.Equal("Update target web", ui.View.ScreenName);
        Assert.Contains("tag:env=prod", ui.Screen);
        ui.Press(Key.Tab);             // Targets: Tab selects the text, typing replaces it
        ui.Type("tag:env=prod,staging; tag:role=web");
        ui.Press(Key.Enter);

        UpdateMaintenanceWindowTargetRequest sent = ui.Ssm.Last<UpdateMaintenanceWindowTargetRequest>("UpdateMaintenanceWindowTarget");
        Assert.Equal(LabFixture.PatchWeekly, sent.WindowId);
        Assert.Equal(LabFixture.WebTarget, sent.WindowTargetId);
        Assert.Equal("web", sent.Name);
        Assert.Equal(["tag:env", "tag:role"], sent.Targets.Select(t => t.Key));
        Assert.Equal(["prod", "staging"], sent.Targets[0].Values);
        Assert.Equal("web servers", sent.Description); // filled in from the target, sent back as it was
        Assert.Null(sent.Replace);
        Assert.Contains("✓ target updated: " + LabFixture.WebTarget, ui.Screen);
    }

    [Fact]
    public void WindowScreen_u_OnTheTasks_ReadsTheTask_ThenSendsUpdateMaintenanceWindowTask()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press(Key.Enter);
        ui.Press(Key.Tab); // the tasks table

        ui.Press('u');
        Assert.Equal((LabFixture.PatchWeekly, LabFixture.PatchTask), ui.Ssm.Last<(string, string)>("GetMaintenanceWindowTask"));
        Assert.Equal("Update task install", ui.View.ScreenName);
        Assert.Contains("Operation=Install; RebootOption=RebootIfNeeded", ui.Screen);
        for (int i = 0; i < 4; i++)
        {
            ui.Press(Key.Tab); // → MaxConcurrency
        }

        ui.Type("25%");
        ui.Press(Key.Enter);

        UpdateMaintenanceWindowTaskRequest sent = ui.Ssm.Last<UpdateMaintenanceWindowTaskRequest>("UpdateMaintenanceWindowTask");
        Assert.Equal(LabFixture.PatchTask, sent.WindowTaskId);
        Assert.Equal("25%", sent.MaxConcurrency);
        Assert.Equal("1", sent.MaxErrors);
        Assert.Equal("AWS-RunPatchBaseline", sent.TaskArn);
        Assert.Equal([LabFixture.WebTarget], Assert.Single(sent.Targets).Values);
        Assert.Equal(["RebootIfNeeded"], sent.TaskInvocationParameters.RunCommand.Parameters["RebootOption"]);
        Assert.Equal(1, sent.Priority);
        Assert.Contains("✓ task updated", ui.Screen);
    }

    [Fact]
    public void UpdateTask_ShowsTheEmulatorsRefusal_InTheForm()
    {
        using var ui = new HeadlessDashboard();
        ui.Ssm.Error = op => op == "UpdateMaintenanceWindowTask"
            ? FakeSsmConsole.Refusal("ValidationException", "MaxConcurrency must be a number or a percentage: 10 or 25%.")
            : null;
        ui.Press('2');
        ui.Press(Key.Enter);
        ui.Press(Key.Tab);
        ui.Press('u');

        ui.Press(Key.Enter);

        Assert.StartsWith("Update task", ui.View.ScreenName);
        Assert.Contains("✗ ValidationException: MaxConcurrency must be a number or a percentage", ui.Screen);
    }

    [Fact]
    public void EditBaseline_ShowsEveryRuleAndTheGlobalFilters_AndSendsThemAllBack()
    {
        using var ui = new HeadlessDashboard();
        Func<string, GetPatchBaselineResponse> original = ui.Ssm.Baseline;
        ui.Ssm.Baseline = id =>
        {
            GetPatchBaselineResponse b = original(id);
            b.ApprovalRules.PatchRules.Add(new PatchRule
            {
                PatchFilterGroup = new PatchFilterGroup { PatchFilters = [new PatchFilter { Key = PatchFilterKey.CLASSIFICATION, Values = ["Bugfix"] }] },
                ApproveUntilDate = "2026-12-31",
                ComplianceLevel = PatchComplianceLevel.LOW,
                EnableNonSecurity = true,
            });
            return b;
        };
        ui.Press('7');
        ui.Press(Key.CursorDown);

        ui.Press('e');
        Assert.Equal("Edit baseline web-critical", ui.View.ScreenName);
        string screen = ui.Screen;
        Assert.Contains("Rule 1", screen);
        Assert.Contains("Rule 3", screen); // two rules, and a line to add one
        Assert.Contains("ApproveAfterDays=7; ComplianceLevel=CRITICAL", screen); // a long line shows its end
        Assert.Contains("ComplianceLevel=LOW; EnableNonSecurity=yes", screen);
        Assert.Contains("PRODUCT=AmazonLinux2", screen);
        for (int i = 0; i < 3; i++)
        {
            ui.Press(Key.Tab); // Name → Rule 1 → Rule 2 → Rule 3 (empty: adds one)
        }

        ui.Type("PRIORITY=Required; ApproveAfterDays=0");
        ui.Press(Key.Enter);

        UpdatePatchBaselineRequest sent = ui.Ssm.Last<UpdatePatchBaselineRequest>("UpdatePatchBaseline");
        Assert.Equal(3, sent.ApprovalRules.PatchRules.Count);
        Assert.Equal(7, sent.ApprovalRules.PatchRules[0].ApproveAfterDays);
        Assert.Equal("2026-12-31", sent.ApprovalRules.PatchRules[1].ApproveUntilDate);
        Assert.True(sent.ApprovalRules.PatchRules[1].EnableNonSecurity);
        Assert.Equal("PRIORITY", sent.ApprovalRules.PatchRules[2].PatchFilterGroup.PatchFilters[0].Key.Value);
        Assert.Equal(0, sent.ApprovalRules.PatchRules[2].ApproveAfterDays);
        PatchFilter global = Assert.Single(sent.GlobalFilters.PatchFilters);
        Assert.Equal("PRODUCT", global.Key.Value);
        Assert.Equal(["AmazonLinux2"], global.Values);
    }

    [Fact]
    public void EditBaseline_RuleItCannotRead_IsRefusedBeforeSending()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('7');
        ui.Press(Key.CursorDown);
        ui.Press('e');
        ui.Press(Key.Tab); // Rule 1

        ui.Type("Security");
        ui.Press(Key.Enter);

        Assert.Contains("✗ Rule1: write KEY=Value1,Value2; KEY2=…", ui.Screen);
        Assert.DoesNotContain(ui.Ssm.Calls, c => c.Operation == "UpdatePatchBaseline");
    }

    [Fact]
    public void BaselineScreen_g_AssignsThePatchGroup_G_TakesOneOff_AndD_MakesItTheDefault()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('7');
        ui.Press(Key.CursorDown);
        ui.Press(Key.Enter);
        Assert.Contains("g  Group+", ui.Lines[^1]);

        ui.Press('g');
        Assert.StartsWith("Assign baseline", ui.View.ScreenName);
        ui.Type("api");
        ui.Press(Key.Enter);
        RegisterPatchBaselineForPatchGroupRequest added = ui.Ssm.Last<RegisterPatchBaselineForPatchGroupRequest>("RegisterPatchBaselineForPatchGroup");
        Assert.Equal((FakeSsmConsole.CustomBaseline, "api"), (added.BaselineId, added.PatchGroup));
        Assert.Contains("✓ patch group api uses", ui.Screen);

        ui.Press('G');
        Assert.Contains("web", ui.Screen); // the group using it, filled in
        ui.Press(Key.Enter);
        DeregisterPatchBaselineForPatchGroupRequest removed = ui.Ssm.Last<DeregisterPatchBaselineForPatchGroupRequest>("DeregisterPatchBaselineForPatchGroup");
        Assert.Equal((FakeSsmConsole.CustomBaseline, "web"), (removed.BaselineId, removed.PatchGroup));

        ui.Press('D');
        Assert.Contains("? make pb-0c0ffee0c0ffee001 the default baseline", ui.Screen);
        ui.Press('y');
        Assert.Equal(FakeSsmConsole.CustomBaseline, ui.Ssm.Last<string>("RegisterDefaultPatchBaseline"));
        Assert.Contains("✓ default baseline: pb-0c0ffee0c0ffee001", ui.Screen);
    }

    [Fact]
    public void BaselinesPage_g_ShowsTheEmulatorsRefusal_InTheForm()
    {
        using var ui = new HeadlessDashboard();
        ui.Ssm.Error = op => op == "RegisterPatchBaselineForPatchGroup"
            ? FakeSsmConsole.Refusal("AlreadyExistsException", "Patch Group web already has a baseline registered for AMAZON_LINUX_2.")
            : null;
        ui.Press('7');
        ui.Press(Key.CursorDown);

        ui.Press('g');
        ui.Type("web");
        ui.Press(Key.Enter);

        Assert.StartsWith("Assign baseline", ui.View.ScreenName);
        Assert.Contains("✗ AlreadyExistsException: Patch Group web already has a baseline", ui.Screen);
    }

    private const string ReplaceNeedsTargets = "1 validation error detected: Value null at 'targets' failed to satisfy constraint: "
        + "Member must not be null (Replace=true requires every field RegisterTargetWithMaintenanceWindow requires)";

    [Fact]
    public void UpdateTarget_CtrlR_ClearsTheDescription_WithReplace()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press(Key.Enter);

        ui.Press('u');
        Assert.Contains("web servers", ui.Screen); // the description, filled in
        Assert.Contains("Ctrl+R  Replace", ui.Lines[^1]);
        for (int i = 0; i < 3; i++)
        {
            ui.Press(Key.Tab); // Name → Targets → Owner → Description: Tab selects the text
        }

        ui.Press(Key.Backspace);
        ui.Press(Key.R.WithCtrl);
        Assert.Contains("Replace: yes", ui.Screen); // the hint says what it now means
        ui.Press(Key.Enter);

        UpdateMaintenanceWindowTargetRequest sent = ui.Ssm.Last<UpdateMaintenanceWindowTargetRequest>("UpdateMaintenanceWindowTarget");
        Assert.True(sent.Replace);
        Assert.Null(sent.Description);
        Assert.Equal("web", sent.Name);
        Assert.Equal("tag:env", Assert.Single(sent.Targets).Key);
        Assert.Contains("✓ target updated: " + LabFixture.WebTarget, ui.Screen);
    }

    [Fact]
    public void UpdateTarget_ReplaceWithoutTargets_ShowsTheEmulatorsMessage_AndStaysOpen()
    {
        using var ui = new HeadlessDashboard();
        ui.Ssm.Error = op => op == "UpdateMaintenanceWindowTarget" ? FakeSsmConsole.Refusal("ValidationException", ReplaceNeedsTargets) : null;
        ui.Press('2');
        ui.Press(Key.Enter);
        ui.Press('u');
        ui.Press(Key.Tab); // Targets
        ui.Press(Key.Backspace);

        ui.Press(Key.R.WithCtrl);
        ui.Press(Key.Enter);

        UpdateMaintenanceWindowTargetRequest sent = ui.Ssm.Last<UpdateMaintenanceWindowTargetRequest>("UpdateMaintenanceWindowTarget");
        Assert.True(sent.Replace);
        Assert.Null(sent.Targets);
        Assert.Equal("Update target web", ui.View.ScreenName);
        string screen = ui.Screen;
        Assert.Contains("✗ ValidationException: 1 validation error detected: Value null at 'targets'", screen);
        Assert.Contains("Member must not be null (Replace=true requires", screen);
        Assert.Contains("every field RegisterTargetWithMaintenanceWindow requires)", screen);
    }

    [Fact]
    public void UpdateTask_CtrlRTwice_IsReplaceNo_AndSendsNoReplace()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press(Key.Enter);
        ui.Press(Key.Tab);
        ui.Press('u');
        Assert.Contains("weekly install", ui.Screen); // the task's description, filled in

        ui.Press(Key.R.WithCtrl);
        ui.Press(Key.R.WithCtrl);
        Assert.Contains("Replace: no", ui.Screen);
        ui.Press(Key.Enter);

        UpdateMaintenanceWindowTaskRequest sent = ui.Ssm.Last<UpdateMaintenanceWindowTaskRequest>("UpdateMaintenanceWindowTask");
        Assert.Null(sent.Replace);
        Assert.Equal("weekly install", sent.Description);
    }

    [Fact]
    public void EditWindow_ReadsTheWindow_AndCanClearItsEndDate_WithReplace()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');

        ui.Press('e');
        Assert.Equal(LabFixture.PatchWeekly, ui.Ssm.Last<string>("GetMaintenanceWindow"));
        string screen = ui.Screen;
        Assert.Contains("2027-06-30T00:00:00Z", screen);
        Assert.Contains("weekly patching", screen);
        Assert.Contains("Replace", screen);
        for (int i = 0; i < 8; i++)
        {
            ui.Press(Key.Tab); // → End date
        }

        ui.Press(Key.Backspace);
        ui.Press(Key.R.WithCtrl);
        ui.Press(Key.Enter);

        UpdateMaintenanceWindowRequest sent = ui.Ssm.Last<UpdateMaintenanceWindowRequest>("UpdateMaintenanceWindow");
        Assert.True(sent.Replace);
        Assert.Null(sent.EndDate);
        Assert.Equal(("patch-weekly", "cron(0 5 ? * TUE *)", 3, 1), (sent.Name, sent.Schedule, sent.Duration, sent.Cutoff));
        Assert.False(sent.AllowUnassociatedTargets); // required with Replace: filled from the window
        Assert.Equal("weekly patching", sent.Description);
    }

    [Fact]
    public void CreateForms_HaveNoReplace_AndCtrlRDoesNothing()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press('c');

        ui.Press(Key.R.WithCtrl);

        Assert.Equal("Create maintenance window", ui.View.ScreenName);
        Assert.DoesNotContain("Replace", ui.Screen);
    }
}
