using Microsoft.Extensions.Time.Testing;
using PatchLab.Tui.Models;
using PatchLab.Tui.Tests.Fakes;
using PatchLab.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace PatchLab.Tui.Tests.Views;

/// <summary>
/// The dashboard on Terminal.Gui's ANSI driver with no terminal behind it (DisableRealDriverIO=1), virtual UI time and
/// a fake model clock. Everything runs on the test thread, the UI's main thread: injected keys are handled before
/// InjectKey returns, and a model refresh (<see cref="Refresh"/>) reaches the view through IApplication.Invoke,
/// which runs at once on the main thread.
/// </summary>
internal sealed class HeadlessDashboard : IDisposable
{
    private const string DisableRealDriverIO = "DisableRealDriverIO";
    private readonly string? _previousDisableRealDriverIO;
    private readonly SessionToken? _session;

    public HeadlessDashboard(FakeLabClient? client = null, int width = 80, int height = 24, bool readOnly = false, bool start = true,
        FakeDashboardData? data = null, bool withoutData = false, FakeSsmConsole? ssm = null)
    {
        _previousDisableRealDriverIO = Environment.GetEnvironmentVariable(DisableRealDriverIO);
        Environment.SetEnvironmentVariable(DisableRealDriverIO, "1");
        Client = client ?? new FakeLabClient();
        Data = data ?? new FakeDashboardData();
        Ssm = ssm ?? new FakeSsmConsole();
        App = Application.Create(UiTime);
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        Options = new TuiOptions
        {
            EmulatorUrl = "http://127.0.0.1:5080", ReadOnly = readOnly, RefreshInterval = TimeSpan.FromSeconds(1), Data = withoutData ? null : Data, Ssm = withoutData ? null : Ssm,
        };
        Model = new DashboardModel(Client, Options.RefreshInterval, ModelTime);
        View = new DashboardView(App, Model, Options);
        _session = App.Begin(View);
        if (start)
        {
            Model.Start();
        }
    }

    public FakeLabClient Client { get; }

    public FakeDashboardData Data { get; }

    public FakeSsmConsole Ssm { get; }

    public IApplication App { get; }

    public VirtualTimeProvider UiTime { get; } = new();

    public FakeTimeProvider ModelTime { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public TuiOptions Options { get; }

    public DashboardModel Model { get; }

    public DashboardView View { get; }

    /// <summary>The screen as text, after running queued UI work and drawing what changed.</summary>
    public string Screen
    {
        get
        {
            App.TimedEvents!.RunTimers();
            App.LayoutAndDraw(forceRedraw: false);
            return (App.Driver!.ToString() ?? "").TrimEnd('\r', '\n');
        }
    }

    /// <summary>Screen lines, trailing blanks trimmed.</summary>
    public string[] Lines => Screen.Split('\n').Select(l => l.TrimEnd('\r', ' ')).ToArray();

    /// <summary>The screen line holding <paramref name="text"/>.</summary>
    public string LineWith(string text) =>
        Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"'{text}' is not on the screen:\n{Screen}");

    /// <summary>Lets the model's next tick come: one poll, published to the view.</summary>
    public void Refresh() => ModelTime.Advance(Options.RefreshInterval);

    public void Press(Key key) => App.InjectKey(key);

    public void Press(char c) => App.InjectKey(new Key(c));

    public void Type(string text)
    {
        foreach (char c in text)
        {
            Press(c);
        }
    }

    public void Dispose()
    {
        Model.Dispose();
        if (_session is not null)
        {
            App.End(_session);
        }

        View.Dispose();
        App.Dispose();
        Environment.SetEnvironmentVariable(DisableRealDriverIO, _previousDisableRealDriverIO);
    }
}
