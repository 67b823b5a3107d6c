using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>
/// The commands page (ListCommands), reloaded on every poll while shown: Enter opens a command's invocations, c sends a
/// command, C cancels the selected one.
/// </summary>
internal sealed class CommandsScreen : Screen
{
    private readonly ResourceTable _table = new("Commands");
    private readonly DetailLoader<Section<Command>> _loader;

    public CommandsScreen(IScreenHost host)
        : base(host)
    {
        _table.RowAccepted += (_, _) => Enter();
        Add(_table);
        _loader = new DetailLoader<Section<Command>>(ct => SsmSections.LoadAsync(Host.Ssm, "ListCommands", s => s.ListCommandsAsync(ct)));
        _loader.Loaded += (_, _) => Host.Post(Render);
        _loader.Failed += (_, e) => Host.Post(() => Host.Flash($"✗ commands: {Format.FirstLine(e.Message)}"));
        _table.Message = "loading…";
    }

    public override string Name => "Commands";

    public override IReadOnlyList<ResourceTable> Tables => [_table];

    public override IReadOnlyList<KeyHint> Keys => Host.ReadOnly ? [KeyMap.Open] : [KeyMap.Open, KeyMap.SendCommand, KeyMap.CancelCommand];

    /// <summary>The commands last loaded (tests).</summary>
    internal IReadOnlyList<Command> Commands => _loader.Current?.Items ?? [];

    public override void Shown() => _loader.Reload();

    public override void Apply(DashboardSnapshot snapshot)
    {
        if (Visible)
        {
            _loader.Reload();
        }
    }

    public override bool Enter()
    {
        if (Commands.FirstOrDefault(c => c.CommandId == _table.SelectedKey) is not { } command)
        {
            return false;
        }

        Host.Open(new CommandScreen(Host, command));
        return true;
    }

    public override bool HandleChar(char c)
    {
        if (Host.ReadOnly)
        {
            return false;
        }

        switch (c)
        {
            case 'c':
                Host.Open(Forms.SendCommand(Host));
                return true;
            case 'C' when _table.SelectedKey is { } commandId:
                CommandScreen.AskCancel(Host, commandId);
                return true;
            default:
                return false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _loader.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Render()
    {
        Section<Command>? section = _loader.Current;
        _table.Show(CommandRows.Build(section?.Items ?? []), "Commands");
        _table.Message = section is null ? "loading…" : section.Unavailable ?? (section.Items.Count == 0 ? "No commands sent yet (c sends one)." : null);
    }
}
