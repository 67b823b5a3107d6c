using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>
/// The commands page (ListCommands), reloaded on every poll while shown: Enter opens a command's invocations, c sends a
/// command, C cancels the selected one.
/// </summary>
internal sealed class CommandsScreen(IScreenHost host)
    : SsmListScreen<Command>(host, "Commands", "ListCommands", "No commands sent yet (c sends one).", (s, ct) => s.ListCommandsAsync(ct))
{
    public override IReadOnlyList<KeyHint> Keys => Host.ReadOnly ? [KeyMap.Open] : [KeyMap.Open, KeyMap.SendCommand, KeyMap.CancelCommand];

    public override bool Enter()
    {
        if (Items.FirstOrDefault(c => c.CommandId == Table.SelectedKey) is not { } command)
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
            case 'C' when Table.SelectedKey is { } commandId:
                CommandScreen.AskCancel(Host, commandId);
                return true;
            default:
                return false;
        }
    }

    protected override TableRows Rows(IReadOnlyList<Command> items) => CommandRows.Build(items);
}
