using PatchLab.Tui.Views;

namespace PatchLab.Tui.Tests.Views;

public sealed class PromptCommandsTests
{
    [Theory]
    // resource names and their k9s-style aliases
    [InlineData("fleet", PromptCommand.Fleet)]
    [InlineData("fl", PromptCommand.Fleet)]
    [InlineData("windows", PromptCommand.Windows)]
    [InlineData("mw", PromptCommand.Windows)]
    [InlineData("executions", PromptCommand.Executions)]
    [InlineData("ex", PromptCommand.Executions)]
    [InlineData("events", PromptCommand.Events)]
    [InlineData("ev", PromptCommand.Events)]
    [InlineData("help", PromptCommand.Help)]
    [InlineData("?", PromptCommand.Help)]
    [InlineData("q", PromptCommand.Quit)]
    [InlineData("quit", PromptCommand.Quit)]
    // forgiving input: case, blanks, a typed ':'
    [InlineData("  MW ", PromptCommand.Windows)]
    [InlineData(":ex", PromptCommand.Executions)]
    [InlineData("Events", PromptCommand.Events)]
    // not commands
    [InlineData("", PromptCommand.Unknown)]
    [InlineData(null, PromptCommand.Unknown)]
    [InlineData("pods", PromptCommand.Unknown)]
    [InlineData("fleet windows", PromptCommand.Unknown)]
    [InlineData("f", PromptCommand.Unknown)]
    public void Parse_RecognisesNamesAndAliases(string? text, PromptCommand expected) =>
        Assert.Equal(expected, PromptCommands.Parse(text));

    [Theory]
    [InlineData(PromptCommand.Fleet, DashboardPage.Fleet)]
    [InlineData(PromptCommand.Windows, DashboardPage.Windows)]
    [InlineData(PromptCommand.Executions, DashboardPage.Executions)]
    [InlineData(PromptCommand.Events, DashboardPage.Events)]
    [InlineData(PromptCommand.Help, null)]
    [InlineData(PromptCommand.Quit, null)]
    [InlineData(PromptCommand.Unknown, null)]
    public void PageOf_MapsPageCommands(PromptCommand command, DashboardPage? expected) =>
        Assert.Equal(expected, PromptCommands.PageOf(command));
}
