using PatchLab.Tui.Tests.Fakes;
using Terminal.Gui.Input;
using Xunit.Abstractions;

namespace PatchLab.Tui.Tests.Views;

/// <summary>Every screen at 80x24, printed to the test output (dotnet test --logger "console;verbosity=detailed").</summary>
[Collection(TerminalCollection.Name)]
public sealed class ScreenshotTests(ITestOutputHelper output)
{
    [Theory]
    // keys: \r Enter, \t Tab, \e Esc
    [InlineData("fleet", "")]
    [InlineData("windows", "2")]
    [InlineData("executions", "3")]
    [InlineData("invocations", "3\r")]
    [InlineData("events", "4")]
    [InlineData("compliance", "5")]
    [InlineData("help", "?")]
    [InlineData("command", ":mw")]
    [InlineData("instance", "\r")]
    [InlineData("instance invocations", "\r\t")]
    [InlineData("output", "3\r\r")]
    [InlineData("window", "2\r")]
    [InlineData("preview", "2v")]
    [InlineData("filter", "/tag:env=prod web")]
    [InlineData("marks and a question", " R")]
    public void Screen_FitsIn80x24(string name, string keys)
    {
        using var ui = new HeadlessDashboard(new FakeLabClient());
        foreach (char c in keys)
        {
            ui.Press(c switch { '\r' => Key.Enter, '\t' => Key.Tab, '\e' => Key.Esc, _ => new Key(c) });
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
        Assert.Contains("Quit", lines[^1]);
    }
}
