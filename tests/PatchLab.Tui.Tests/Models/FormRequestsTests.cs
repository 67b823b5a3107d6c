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
}
