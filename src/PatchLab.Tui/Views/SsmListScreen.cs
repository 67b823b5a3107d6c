using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>
/// A page that lists SSM resources read through <see cref="IScreenHost.Ssm"/> (commands, baselines): reloaded when shown
/// and on every poll while visible (never while hidden), its table says why when the list cannot be read.
/// </summary>
/// <typeparam name="T">The SDK type listed.</typeparam>
internal abstract class SsmListScreen<T> : Screen
{
    private readonly DetailLoader<Section<T>> _loader;
    private readonly string _name;
    private readonly string _empty;

    protected SsmListScreen(IScreenHost host, string name, string operation, string empty,
        Func<ISsmConsole, CancellationToken, Task<IReadOnlyList<T>>> read)
        : base(host)
    {
        _name = name;
        _empty = empty;
        Table = new ResourceTable(name) { Message = "loading…" };
        Table.RowAccepted += (_, _) => Enter();
        Add(Table);
        _loader = new DetailLoader<Section<T>>(ct => SsmSections.LoadAsync(Host.Ssm, operation, s => read(s, ct)));
        _loader.Loaded += (_, _) => Host.Post(Render);
        _loader.Failed += (_, e) => Host.Post(() => Host.Flash($"✗ {name.ToLowerInvariant()}: {Format.FirstLine(e.Message)}"));
    }

    public override string Name => _name;

    public override IReadOnlyList<ResourceTable> Tables => [Table];

    /// <summary>The items last loaded.</summary>
    protected IReadOnlyList<T> Items => _loader.Current?.Items ?? [];

    protected ResourceTable Table { get; }

    public override void Shown() => _loader.Reload();

    public override void Apply(DashboardSnapshot snapshot)
    {
        if (Visible)
        {
            _loader.Reload();
        }
    }

    /// <summary>The rows of <paramref name="items"/>.</summary>
    protected abstract TableRows Rows(IReadOnlyList<T> items);

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
        Section<T>? section = _loader.Current;
        Table.Show(Rows(section?.Items ?? []), _name);
        Table.Message = section is null ? "loading…" : section.Unavailable ?? (section.Items.Count == 0 ? _empty : null);
    }
}
