using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class OutputTextTests
{
    private static InvocationOutput Output(string status, params PluginOutputItem[] plugins) => new("c-1", "i-1",
        new Section<CommandInvocationItem>([new CommandInvocationItem
        {
            CommandId = "c-1", InstanceId = "i-1", DocumentName = "AWS-RunPatchBaseline", Status = status, StatusDetails = status, Plugins = plugins,
        }]));

    [Fact]
    public void Build_ShowsEachPlugin_WithItsExitCodeOutputAndErrors()
    {
        string text = OutputText.Build(Output("Failed",
            new PluginOutputItem { Name = "PatchLinux", Status = "Failed", ResponseCode = 1, Output = "Installing 3 patches\n", Error = "yum: lock held" }));

        Assert.Equal(
            "AWS-RunPatchBaseline on i-1 · Failed · command c-1 · requested -\n\n"
            + "── PatchLinux · Failed · exit 1 ──\nInstalling 3 patches\n── stderr ──\nyum: lock held", text);
        Assert.True(OutputText.IsFinal(Output("Failed")));
    }

    [Fact]
    public void Build_SaysWhatIsMissing()
    {
        Assert.Equal("loading…", OutputText.Build(null));
        Assert.Equal("not available yet: x", OutputText.Build(new InvocationOutput("c", "i", new Section<CommandInvocationItem>([], "not available yet: x"))));
        Assert.Equal("No invocation of command c on i.", OutputText.Build(new InvocationOutput("c", "i", new Section<CommandInvocationItem>([]))));
        Assert.Contains("(no plugin output yet)", OutputText.Build(Output("Pending")));
        Assert.Contains("(no output)", OutputText.Build(Output("InProgress", new PluginOutputItem { Name = "PatchLinux", Status = "InProgress", ResponseCode = -1 })));
        Assert.False(OutputText.IsFinal(Output("InProgress")));
    }

    [Theory]
    [InlineData("short", 10, new[] { "short" })]
    // at the last blank that fits, else mid-word
    [InlineData("one two three", 8, new[] { "one two", "three" })]
    [InlineData("abcdefghij", 4, new[] { "abcd", "efgh", "ij" })]
    // line breaks and tabs
    [InlineData("a\r\n\tb", 10, new[] { "a", "    b" })]
    public void Wrap_BreaksLongLines(string text, int width, string[] expected) => Assert.Equal(expected, OutputText.Wrap(text, width));
}
