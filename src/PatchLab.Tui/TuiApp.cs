using Amazon.SimpleSystemsManagement;
using PatchLab.Client;
using PatchLab.Tui.Models;
using PatchLab.Tui.Views;
using Terminal.Gui.App;

namespace PatchLab.Tui;

/// <summary>Entry point of the terminal dashboard (<c>patchlab tui</c>).</summary>
public static class TuiApp
{
    /// <summary>
    /// Shows the dashboard until the user quits (q, Ctrl+Q or :quit), then restores the terminal.
    /// Returns the process exit code: 0. Emulator failures are shown on screen, not thrown.
    /// </summary>
    public static int Run(ILabClient client, TuiOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);

        IApplication app = options.Application ?? Application.Create();
        ushort iterationsBefore = Application.MaximumIterationsPerSecond;
        if (options.IterationsPerSecond is { } iterations)
        {
            Application.MaximumIterationsPerSecond = Math.Max((ushort)1, iterations); // process-wide in Terminal.Gui: put back on exit
        }

        try
        {
            if (!app.Initialized)
            {
                app.Init(options.DriverName);
            }

            // The SSM reads, the forms and the commands and baselines views go through the real AWS SDK, as a trainee's
            // own tools would; what is built here is disposed when the dashboard closes.
            Uri? endpoint = (client as LabClient)?.Endpoint;
            using SsmDashboardData? ownData = options.Data is null && endpoint is not null ? new SsmDashboardData(endpoint) : null;
            using IAmazonSimpleSystemsManagement? ownSsm = options.Ssm is null && endpoint is not null ? SsmClientFactory.Create(endpoint) : null;
            TuiOptions effective = ownData is null && ownSsm is null
                ? options
                : options.With(ownData ?? options.Data ?? new NoDashboardData(), options.Ssm ?? (ownSsm is null ? null : new SsmConsole(ownSsm)));
            var model = new DashboardModel(client, options.RefreshInterval, options.TimeProvider);
            var view = new DashboardView(app, model, effective);
            try
            {
                model.Start();
                app.Run(view);
            }
            finally
            {
                // Model first: once it is stopped no event can reach the view being disposed.
                model.DisposeAsync().AsTask().GetAwaiter().GetResult();
                view.Dispose();
            }

            return 0;
        }
        finally
        {
            Application.MaximumIterationsPerSecond = iterationsBefore;

            // Disposing the application restores the terminal (raw mode, alternate screen, cursor).
            if (options.Application is null)
            {
                app.Dispose();
            }
        }
    }
}
