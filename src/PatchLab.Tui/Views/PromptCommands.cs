namespace PatchLab.Tui.Views;

/// <summary>Parses the <c>:</c> command line, k9s style: resource names and their short aliases.</summary>
public static class PromptCommands
{
    private static readonly Dictionary<string, PromptCommand> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fleet"] = PromptCommand.Fleet, ["fl"] = PromptCommand.Fleet,
        ["windows"] = PromptCommand.Windows, ["mw"] = PromptCommand.Windows,
        ["executions"] = PromptCommand.Executions, ["ex"] = PromptCommand.Executions,
        ["events"] = PromptCommand.Events, ["ev"] = PromptCommand.Events,
        ["compliance"] = PromptCommand.Compliance, ["co"] = PromptCommand.Compliance,
        ["commands"] = PromptCommand.Commands, ["cmd"] = PromptCommand.Commands,
        ["baselines"] = PromptCommand.Baselines, ["pb"] = PromptCommand.Baselines,
        ["help"] = PromptCommand.Help, ["h"] = PromptCommand.Help, ["?"] = PromptCommand.Help,
        ["quit"] = PromptCommand.Quit, ["q"] = PromptCommand.Quit, ["q!"] = PromptCommand.Quit,
    };

    /// <summary>Names and aliases, for the help text: "fleet|fl".</summary>
    public static readonly IReadOnlyList<string> PageCommands = ["fleet|fl", "windows|mw", "executions|ex", "events|ev", "compliance|co", "commands|cmd", "baselines|pb"];

    /// <summary>The command in <paramref name="text"/>; case, surrounding blanks and a leading ':' are ignored.</summary>
    public static PromptCommand Parse(string? text)
    {
        string name = (text ?? "").Trim().TrimStart(':').Trim();
        return Names.GetValueOrDefault(name, PromptCommand.Unknown);
    }

    /// <summary>The page a command shows, or null for commands that show none.</summary>
    public static DashboardPage? PageOf(PromptCommand command) => command switch
    {
        PromptCommand.Fleet => DashboardPage.Fleet,
        PromptCommand.Windows => DashboardPage.Windows,
        PromptCommand.Executions => DashboardPage.Executions,
        PromptCommand.Events => DashboardPage.Events,
        PromptCommand.Compliance => DashboardPage.Compliance,
        PromptCommand.Commands => DashboardPage.Commands,
        PromptCommand.Baselines => DashboardPage.Baselines,
        _ => null,
    };
}
