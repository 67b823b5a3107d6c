using System.CommandLine;
using PatchLab.Labs.Running;
using PatchLab.Tui;

namespace PatchLab.Emulator.Cli;

/// <summary>`patchlab lab validate|start|run FILE`: lab files (docs/labs.md).</summary>
internal static class LabCommands
{
    public static Command Create()
    {
        var lab = new Command("lab", "Lab files: validate one, start it with the dashboard, or run it headless to a report");

        var validateFile = FileArgument();
        var validate = new Command("validate", "Check a lab file; prints file:line:column: for every problem (exit 2 when invalid)") { validateFile };
        validate.SetAction(pr =>
        {
            var file = pr.GetValue(validateFile)!;
            if (HeadlessLabRun.Validate(file, Console.Error) is not { } l)
            {
                return HeadlessLabRun.InvalidLab;
            }
            Console.WriteLine($"{file}: lab {l.Name} is valid: {l.InstanceNames.Count()} instance(s), {l.Baselines.Count} baseline(s), {l.Windows.Count} window(s), " +
                              $"{l.Faults.Count} fault(s), {l.Objectives.Count} objective(s); runs {l.Clock.Start:yyyy-MM-ddTHH:mm:ssZ} → {l.Until:yyyy-MM-ddTHH:mm:ssZ}");
            return 0;
        });
        lab.Subcommands.Add(validate);
        lab.Subcommands.Add(RunCommand());
        lab.Subcommands.Add(StartCommand());
        return lab;
    }

    private static Argument<string> FileArgument() => new("file") { Description = "Lab file (YAML), e.g. fixtures/labs/seed-weekly-production/lab.yaml" };

    private static Option<string> RuntimeOption()
    {
        var runtime = new Option<string>("--runtime")
        {
            Description = "Instance runtime: auto (Docker if an engine answers, else host processes), docker, or process", DefaultValueFactory = _ => "auto",
        };
        runtime.AcceptOnlyFromAmong("auto", "docker", "process");
        return runtime;
    }

    private static Command RunCommand()
    {
        var file = FileArgument();
        var headless = new Option<bool>("--headless") { Description = "Run without the dashboard to the lab's end, write the reports, exit non-zero when an objective fails" };
        var reportDir = new Option<string?>("--report-dir") { Description = "Where report.md, report.json and junit.xml go (default ./patchlab-reports/LAB-NAME)" };
        var runtime = RuntimeOption();
        var limit = new Option<int>("--time-limit") { Description = "Real seconds the run may take before it is aborted (exit 3)", DefaultValueFactory = _ => 600 };
        var c = new Command("run", "Run a lab to its end. Exit codes: 0 every objective passed, 1 an objective failed, 2 invalid lab file, 3 the lab could not be run, 130 interrupted")
        {
            file, headless, reportDir, runtime, limit,
        };
        c.SetAction(async (pr, ct) =>
        {
            if (!pr.GetValue(headless))
            {
                await Console.Error.WriteLineAsync("error: `lab run` needs --headless (to watch a lab in the dashboard, use `patchlab lab start FILE`)").ConfigureAwait(false);
                return HeadlessLabRun.InvalidLab;
            }
            var path = pr.GetValue(file)!;
            var dir = pr.GetValue(reportDir) ?? Path.Combine("patchlab-reports", Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? "lab");
            return await HeadlessLabRun.RunAsync(new HeadlessLabRun.Settings(path, dir, pr.GetValue(runtime)!, Paths.RepositoryRoot(), TimeSpan.FromSeconds(pr.GetValue(limit))),
                Console.Out, Console.Error, ct).ConfigureAwait(false);
        });
        return c;
    }

    private static Command StartCommand()
    {
        var file = FileArgument();
        var port = new Option<int>("--port") { Description = "TCP port for the SSM and lab APIs", DefaultValueFactory = _ => 4580 };
        var stateDir = new Option<string?>("--state-dir") { Description = "State directory (default: a new one under the state root, removed on exit)" };
        var runtime = RuntimeOption();
        var noTui = new Option<bool>("--no-tui") { Description = "Stay in the foreground without the dashboard (Ctrl+C ends the lab)" };
        var c = new Command("start", "Start an emulator with the lab's clock, launch its fleet, apply it and open the dashboard; quitting removes the lab's instances")
        {
            file, port, stateDir, runtime, noTui,
        };
        c.SetAction(async (pr, ct) =>
        {
            var path = pr.GetValue(file)!;
            if (HeadlessLabRun.Validate(path, Console.Error) is not { } lab)
            {
                return HeadlessLabRun.InvalidLab;
            }
            var tui = !pr.GetValue(noTui);
            var dir = pr.GetValue(stateDir);
            var options = new EmulatorOptions
            {
                Port = pr.GetValue(port), Runtime = pr.GetValue(runtime)!, RepositoryRoot = Paths.RepositoryRoot(),
                StateDirectory = dir ?? Path.Combine(Paths.DefaultStateDirectory(), "labs", $"{lab.Name}-{Guid.NewGuid().ToString("N")[..6]}"),
                LogLevel = tui ? Microsoft.Extensions.Logging.LogLevel.Warning : Microsoft.Extensions.Logging.LogLevel.Information,
            };
            try
            {
                await using var session = await LabSession.StartAsync(lab, options, deleteState: dir is null, ct).ConfigureAwait(false);
                Console.WriteLine($"PatchLab emulator on {session.Endpoint} (state: {options.StateDirectory}); instance runtime: {session.RuntimeText}");
                await new LabApplier(session.Ssm, session.Lab, Console.WriteLine).ApplyAsync(lab, ct).ConfigureAwait(false);
                Console.WriteLine($"Lab {lab.Name} is running. Point the AWS CLI at it: aws ssm describe-maintenance-windows --endpoint-url {session.Endpoint} --region us-east-1");
                if (tui)
                {
                    return TuiApp.Run(session.Lab, new TuiOptions { EmulatorUrl = session.Endpoint.ToString() });
                }
                await session.App.WaitForShutdownAsync(ct).ConfigureAwait(false);
                return 0;
            }
            catch (LabApplyException e)
            {
                await Console.Error.WriteLineAsync($"error: {path}: {e.Message}").ConfigureAwait(false);
                return HeadlessLabRun.RunFailed;
            }
        });
        return c;
    }
}
