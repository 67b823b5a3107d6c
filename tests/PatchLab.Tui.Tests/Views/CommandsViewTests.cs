using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Tests.Fakes;
using PatchLab.Tui.Views;
using Terminal.Gui.Input;

namespace PatchLab.Tui.Tests.Views;

/// <summary>The Commands page and one command's invocations, on the headless driver over a fake ISsmConsole.</summary>
[Collection(TerminalCollection.Name)]
public sealed class CommandsViewTests
{
    [Theory]
    [InlineData("commands")]
    [InlineData("cmd")]
    public void CommandLine_ShowsTheCommandsPage_WithListCommandsRows(string command)
    {
        using var ui = new HeadlessDashboard();

        ui.Press(':');
        ui.Type(command);
        ui.Press(Key.Enter);

        Assert.Equal(DashboardPage.Commands, ui.View.Page);
        string row = ui.LineWith("c1c1c1c1");
        Assert.Contains("AWS-RunPatchBaseline", row);
        Assert.Contains("InProgress", row);
        Assert.Contains("12-06 01:57:13", row);
        Assert.Contains("Failed", ui.LineWith("c2c2c2c2"));
        Assert.Contains("Commands [2]", ui.Screen);
    }

    [Fact]
    public void CommandsPage_ShowsTargetsDoneAndErrorCounts_AndTheComment()
    {
        using var ui = new HeadlessDashboard(width: 140);

        ui.Press('6');

        Assert.Matches(@"c2c2c2c2 +AWS-RunShellScript +\S+ \S+ +Failed +1 +1 +1 +uptime check", ui.LineWith("c2c2c2c2"));
        Assert.Matches(@"TARGETS +DONE +ERRORS +COMMENT", ui.LineWith("COMMENT"));
    }

    [Fact]
    public void CommandsPage_Reloads_OnEveryPollWhileShown_WithoutAKey()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('6');
        int before = ui.Ssm.Calls.Count(c => c.Operation == "ListCommands");
        ui.Ssm.Commands.Insert(0, new Amazon.SimpleSystemsManagement.Model.Command { CommandId = "c9c9c9c9-1111-2222-3333-444455556666", DocumentName = "AWS-RunShellScript", Status = Amazon.SimpleSystemsManagement.CommandStatus.Pending });

        ui.Refresh();

        Assert.True(ui.Ssm.Calls.Count(c => c.Operation == "ListCommands") > before);
        Assert.Contains("Pending", ui.LineWith("c9c9c9c9"));
        Assert.Contains("Commands [3]", ui.Screen);
    }

    [Fact]
    public void HiddenCommandsPage_DoesNotPoll()
    {
        using var ui = new HeadlessDashboard();

        ui.Refresh();
        ui.Refresh();

        Assert.DoesNotContain(ui.Ssm.Calls, c => c.Operation == "ListCommands");
    }

    [Fact]
    public void Enter_OpensTheInvocationsPerInstance_WithEachPluginsOutput()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('6');

        ui.Press(Key.Enter);

        Assert.Equal("Command c1c1c1c1", ui.View.ScreenName);
        Assert.Equal(LabFixture.Command1, ui.Ssm.Last<string>("ListCommandInvocations"));
        Assert.Contains("ConfigureStep:Success PatchLinux:Suc", ui.LineWith(LabFixture.Web1)); // cut at 80 columns
        Assert.Contains("── PatchLinux · Success · exit 0 ──", ui.Screen);
        Assert.Contains("InProgress", ui.LineWith(LabFixture.Web2));
        Assert.Contains("Installed 3 patches", ui.Screen); // the selected instance's plugin output, under the table
        Assert.Contains("configured", ui.Screen);
        Assert.Contains("MaxConcurrency 50%", ui.Screen);
    }

    [Fact]
    public void Enter_OnAnInvocation_OpensItsFullOutput_ThroughGetCommandInvocation()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('6');
        ui.Press(Key.Enter);

        ui.Press(Key.Enter);

        Assert.StartsWith("Output " + LabFixture.Web1, ui.View.ScreenName);
        Assert.True(ui.Data.OutputCalls > 0);
    }

    [Fact]
    public void ShiftC_AsksThenCancelsTheSelectedCommand()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('6');

        ui.Press('C');
        Assert.Contains("? cancel command c1c1c1c1", ui.Screen);
        Assert.DoesNotContain(ui.Ssm.Calls, c => c.Operation == "CancelCommand");
        ui.Press('y');

        Assert.Equal(LabFixture.Command1, ui.Ssm.Last<string>("CancelCommand"));
        Assert.Contains("✓ cancel requested: command c1c1c1c1", ui.Screen);
    }

    [Fact]
    public void ShiftC_AnyOtherKey_KeepsTheCommand()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('6');

        ui.Press('C');
        ui.Press('n');

        Assert.DoesNotContain(ui.Ssm.Calls, c => c.Operation == "CancelCommand");
        Assert.Contains("cancelled", ui.Screen);
    }

    [Fact]
    public void SendCommandForm_SendsTheTypedValues()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('6');

        ui.Press('c');
        Assert.Contains("Send command", ui.Screen);
        ui.Press(Key.Tab); // Targets
        ui.Type("tag:env=prod");
        ui.Press(Key.Tab); // Instance ids
        ui.Press(Key.Tab); // Parameters
        ui.Press(Key.Tab); // MaxConcurrency
        ui.Press(Key.Tab); // MaxErrors
        ui.Press(Key.Tab); // Comment
        ui.Type("from the tui");
        ui.Press(Key.Enter);

        SendCommandRequest sent = ui.Ssm.Last<SendCommandRequest>("SendCommand");
        Assert.Equal("AWS-RunShellScript", sent.DocumentName);
        Assert.Equal("tag:env", Assert.Single(sent.Targets).Key);
        Assert.Equal(["prod"], sent.Targets[0].Values);
        Assert.Null(sent.InstanceIds);
        Assert.Equal(["uptime"], sent.Parameters["commands"]);
        Assert.Equal("50", sent.MaxConcurrency);
        Assert.Equal("0", sent.MaxErrors);
        Assert.Equal("from the tui", sent.Comment);
        Assert.Equal("Commands", ui.View.ScreenName); // the form closed
        Assert.Contains("✓ command sent: d3d3d3d3", ui.Screen);
    }

    [Fact]
    public void SendCommandForm_ShowsTheEmulatorsMessage_AndStaysOpen_WhenRefused()
    {
        using var ui = new HeadlessDashboard();
        ui.Ssm.Error = op => op == "SendCommand"
            ? FakeSsmConsole.Refusal("InvalidParameters", "Specify either Targets or InstanceIds.")
            : null;
        ui.Press('6');

        ui.Press('c');
        ui.Press(Key.Enter);

        Assert.Contains("✗ InvalidParameters: Specify either Targets or InstanceIds.", ui.Screen);
        Assert.Equal("Send command", ui.View.ScreenName);
    }
}
