using PatchLab.Tui.Tests.Fakes;
using Terminal.Gui.Input;
using Xunit.Abstractions;

namespace PatchLab.Tui.Tests.Views;

/// <summary>Every page at 80x24, printed to the test output (dotnet test --logger "console;verbosity=detailed").</summary>
[Collection(TerminalCollection.Name)]
public sealed class ScreenshotTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("fleet", "")]
    [InlineData("windows", "2")]
    [InlineData("executions", "3")]
    [InlineData("invocations", "3\r")]
    [InlineData("events", "4")]
    [InlineData("help", "?")]
    [InlineData("command", ":mw")]
    public void Page_FitsIn80x24(string name, string keys)
    {
        using var ui = new HeadlessDashboard(new FakeLabClient());
        foreach (char c in keys)
        {
            ui.Press(c == '\r' ? Key.Enter : new Key(c));
        }

        string[] lines = ui.Lines;

        output.WriteLine($"--- {name} ---");
        foreach (string line in lines)
        {
            output.WriteLine(line);
        }

        Assert.Equal(24, lines.Length);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.StartsWith("PatchLab  http://127.0.0.1:5080", lines[0]);
    }
}
