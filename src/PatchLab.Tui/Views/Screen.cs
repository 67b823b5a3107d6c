using PatchLab.Tui.Models;
using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>
/// One screen of the dashboard: a page (fleet, windows, …) or a detail opened over it (an instance, a window, a preview,
/// an output). The dashboard routes the keys every screen shares (filter, sort, clock, Esc) and asks the screen for the
/// rest: what Enter opens, which window n and v mean, which instances an action targets.
/// </summary>
internal abstract class Screen : View
{
    protected Screen(IScreenHost host)
    {
        Host = host;
        X = 0;
        Y = 0;
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;
    }

    /// <summary>Short name ("Fleet", "Instance web-1").</summary>
    public abstract string Name { get; }

    /// <summary>Its tables, in Tab order.</summary>
    public abstract IReadOnlyList<ResourceTable> Tables { get; }

    /// <summary>The table with the focus (filter and sort apply to it), else the first.</summary>
    public ResourceTable? ActiveTable => Tables.FirstOrDefault(t => t.Table.HasFocus) ?? Tables.FirstOrDefault();

    /// <summary>The keys of this screen, for the help and the status bar (read-only already applied).</summary>
    public virtual IReadOnlyList<KeyHint> Keys => [];

    /// <summary>The window n (jump) and v (preview) act on, if any.</summary>
    public virtual string? WindowId => null;

    /// <summary>The instances R, X, O and Ctrl+D act on (marked, else selected); none where instances are not shown.</summary>
    public virtual IReadOnlyList<InstanceItem> ActionTargets => [];

    protected IScreenHost Host { get; }

    /// <summary>A new poll arrived.</summary>
    public virtual void Apply(DashboardSnapshot snapshot)
    {
    }

    /// <summary>Gives the focus to the screen's main table.</summary>
    public virtual void FocusDefault() => Tables.FirstOrDefault()?.Table.SetFocus();

    /// <summary>Enter: true when the screen did something with it.</summary>
    public virtual bool Enter() => false;

    /// <summary>Esc inside the screen (leave a sub-table, clear marks): true when it did something.</summary>
    public virtual bool Back() => false;

    /// <summary>Ctrl+D where no instance is selected: delete what the screen shows (after a confirmation); true when it asked.</summary>
    public virtual bool Delete() => false;

    /// <summary>A form: typed keys go to its fields, not to the dashboard's shortcuts.</summary>
    public virtual bool CapturesTyping => false;

    /// <summary>A plain key the dashboard does not use itself.</summary>
    public virtual bool HandleChar(char c) => false;

    /// <summary>The screen became visible (a page shown, a detail opened).</summary>
    public virtual void Shown()
    {
    }

    /// <summary>Marks were used by a bulk action.</summary>
    public virtual void ClearMarks()
    {
    }

    /// <inheritdoc />
    protected override bool OnClearingViewport() => CoveredClear.ClearUncoveredRows(this);

    /// <summary>The instance with <paramref name="instanceId"/> in the latest poll, or null.</summary>
    protected InstanceItem? InstanceOf(string? instanceId) =>
        instanceId is null ? null : Host.Snapshot?.Instances.FirstOrDefault(i => i.InstanceId == instanceId);
}
