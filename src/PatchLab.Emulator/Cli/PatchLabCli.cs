using System.CommandLine;
using System.Globalization;
using PatchLab.Client;
using PatchLab.Contracts.Lab;
using OsFlavor = PatchLab.Domain.Model.OsFlavor;
using PatchLab.Tui;

namespace PatchLab.Emulator.Cli;

/// <summary>The `patchlab` command line.</summary>
internal static class PatchLabCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var endpoint = new Option<Uri>("--endpoint")
        {
            Description = "Emulator URL (default $PATCHLAB_ENDPOINT or http://127.0.0.1:4580)", DefaultValueFactory = _ => Paths.DefaultEndpoint(), Recursive = true,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }
                r.AddError($"--endpoint '{text}' is not an http URL; e.g. --endpoint http://127.0.0.1:4580");
                return null;
            },
        };
        var root = new RootCommand("PatchLab: an offline lab for AWS Systems Manager Patch Manager. With no command, opens the dashboard.");
        root.Options.Add(endpoint);
        root.SetAction((pr, ct) => RunTuiAsync(pr.GetValue(endpoint)!, readOnly: false, ct));

        root.Subcommands.Add(ServeCommand());
        root.Subcommands.Add(UpCommand());
        root.Subcommands.Add(FleetCommand(endpoint));
        root.Subcommands.Add(ClockCommand(endpoint));
        root.Subcommands.Add(InstanceCommands.Create(endpoint));
        root.Subcommands.Add(LabCommands.Create());
        root.Subcommands.Add(FaultCommands.Create(endpoint));
        root.Subcommands.Add(ObjectCommands.Create(endpoint));

        var readOnly = new Option<bool>("--read-only") { Description = "Hide every action that changes the lab" };
        var tui = new Command("tui", "Open the dashboard on a running emulator") { readOnly };
        tui.SetAction((pr, ct) => RunTuiAsync(pr.GetValue(endpoint)!, pr.GetValue(readOnly), ct));
        root.Subcommands.Add(tui);
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    private static (Option<int> Port, Option<string> Listen, Option<string> StateDir, Option<double?> Speed, Option<string> Network, Option<bool> NoDocker) HostOptions(Command c)
    {
        var port = new Option<int>("--port") { Description = "TCP port for the SSM and lab APIs", DefaultValueFactory = _ => 4580 };
        var listen = new Option<string>("--listen") { Description = "Listen address (127.0.0.1 unless you need otherwise)", DefaultValueFactory = _ => "127.0.0.1" };
        var state = new Option<string>("--state-dir") { Description = "State directory (SQLite file, agent socket)", DefaultValueFactory = _ => Paths.DefaultStateDirectory() };
        var speed = new Option<double?>("--speed") { Description = "Clock speed: N emulator seconds per real second" };
        var network = new Option<string>("--network-mode") { Description = "Instance network mode: none (socket directory) or host", DefaultValueFactory = _ => "none" };
        network.AcceptOnlyFromAmong("none", "host");
        var noDocker = new Option<bool>("--no-docker") { Description = "Run without an instance runtime" };
        c.Options.Add(port);
        c.Options.Add(listen);
        c.Options.Add(state);
        c.Options.Add(speed);
        c.Options.Add(network);
        c.Options.Add(noDocker);
        var runtime = new Option<string>("--runtime")
        {
            Description = "Instance runtime: auto (Docker if an engine answers, else host processes), docker, or process", DefaultValueFactory = _ => "auto",
        };
        runtime.AcceptOnlyFromAmong("auto", "docker", "process");
        c.Options.Add(runtime);
        var sigv4 = new Option<string[]>("--verify-sigv4")
        {
            Description = "Verify Signature Version 4 on SSM requests against ACCESS_KEY_ID:SECRET_ACCESS_KEY (repeatable); default: any signature is accepted",
            AllowMultipleArgumentsPerToken = false,
        };
        sigv4.Validators.Add(r =>
        {
            try
            {
                PatchLab.Emulator.Wire.SigV4Verifier.ParseCredentials(r.Tokens.Select(t => t.Value));
            }
            catch (FormatException e)
            {
                r.AddError("--verify-sigv4: " + e.Message);
            }
        });
        c.Options.Add(sigv4);
        return (port, listen, state, speed, network, noDocker);
    }

    private static EmulatorOptions Options(ParseResult pr, (Option<int> Port, Option<string> Listen, Option<string> StateDir, Option<double?> Speed, Option<string> Network, Option<bool> NoDocker) o,
        Microsoft.Extensions.Logging.LogLevel level) => new()
    {
        Port = pr.GetValue(o.Port), ListenAddress = pr.GetValue(o.Listen)!, StateDirectory = pr.GetValue(o.StateDir)!, Speed = pr.GetValue(o.Speed),
        NetworkMode = pr.GetValue(o.Network)!, UseDocker = !pr.GetValue(o.NoDocker), RepositoryRoot = Paths.RepositoryRoot(), LogLevel = level,
        Runtime = pr.GetValue<string>("--runtime") ?? "auto",
        SigV4Credentials = PatchLab.Emulator.Wire.SigV4Verifier.ParseCredentials(pr.GetValue<string[]>("--verify-sigv4") ?? []),
    };

    private static Command ServeCommand()
    {
        var c = new Command("serve", "Run the emulator (SSM JSON API, agent API, scheduler) in the foreground");
        var o = HostOptions(c);
        c.SetAction(async (pr, ct) =>
        {
            var options = Options(pr, o, Microsoft.Extensions.Logging.LogLevel.Information);
            if (options.ListenAddress != "127.0.0.1")
            {
                await Console.Error.WriteLineAsync(options.SigV4Credentials is { Count: > 0 }
                    ? $"warning: listening on {options.ListenAddress}: the SSM API (SigV4-verified) and the unauthenticated lab API are reachable beyond this machine."
                    : $"warning: listening on {options.ListenAddress}: the SSM API accepts any signature and is reachable beyond this machine (add --verify-sigv4 AKID:SECRET).").ConfigureAwait(false);
            }
            await using var app = await EmulatorHost.BuildAsync(options, ct).ConfigureAwait(false);
            await app.RunAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return c;
    }

    private static Command UpCommand()
    {
        var c = new Command("up", "Start the emulator, launch the default fleet (6 Production + 2 Staging Amazon Linux 2) if none runs, open the dashboard");
        var o = HostOptions(c);
        var noTui = new Option<bool>("--no-tui") { Description = "Stay in the foreground without the dashboard" };
        c.Options.Add(noTui);
        c.SetAction(async (pr, ct) =>
        {
            var tui = !pr.GetValue(noTui);
            var options = Options(pr, o, tui ? Microsoft.Extensions.Logging.LogLevel.Warning : Microsoft.Extensions.Logging.LogLevel.Information);
            await using var app = await EmulatorHost.BuildAsync(options, ct).ConfigureAwait(false);
            await app.StartAsync(ct).ConfigureAwait(false);
            var url = EmulatorHost.HttpAddress(app);
            Console.WriteLine($"PatchLab emulator on {url} (state: {options.StateDirectory})");
            var runtimeInfo = (PatchLab.Emulator.Backend.FleetRuntime)app.Services.GetService(typeof(PatchLab.Emulator.Backend.FleetRuntime))!;
            Console.WriteLine(runtimeInfo.Fleet is { } f ? $"Instance runtime: {f.RuntimeName} ({runtimeInfo.Choice})" : $"No instance runtime: {runtimeInfo.Reason}");
            using var client = new LabClient(url);
            var overview = await client.GetOverviewAsync(ct).ConfigureAwait(false);
            if (overview.Instances.Count(i => i.State != "terminated") == 0)
            {
                foreach (var (count, env) in new[] { (6, "Production"), (2, "Staging") })
                {
                    Console.WriteLine($"Launching {count} {env} instances…");
                    var last = await client.LaunchAsync(new FleetLaunchRequest
                    {
                        Count = count, Os = "AmazonLinux2", Tags = new() { ["Environment"] = env }, NamePrefix = env.ToLowerInvariant(), AgeDays = 365,
                    }, new Progress<FleetLaunchProgress>(PrintProgress), ct).ConfigureAwait(false);
                    if (last.Stage == "failed")
                    {
                        await Console.Error.WriteLineAsync($"error: {last.Message}").ConfigureAwait(false);
                        return 1;
                    }
                }
            }
            Console.WriteLine($"Ready. Point the AWS CLI at it: aws ssm describe-instance-information --endpoint-url {url} --region us-east-1");
            if (tui)
            {
                var rc = TuiApp.Run(client, new TuiOptions { EmulatorUrl = url.ToString() });
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return rc;
            }
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return c;
    }

    private static Command FleetCommand(Option<Uri> endpoint)
    {
        var fleet = new Command("fleet", "Launch and remove instances");
        var count = new Option<int>("--count") { Description = "How many instances", DefaultValueFactory = _ => 1 };
        var os = new Option<string>("--os") { Description = $"OS flavour: {OsFlavor.ValidNames}", DefaultValueFactory = _ => "AmazonLinux2" };
        var tag = new Option<string[]>("--tag") { Description = "Tag Key=Value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var name = new Option<string?>("--name") { Description = "Name prefix: instances are named PREFIX-1, PREFIX-2, …" };
        var age = new Option<string>("--age-days")
        {
            Description = "How far behind the instances start, in days: N, or MIN-MAX for a spread (e.g. 30-400)", DefaultValueFactory = _ => "365",
        };
        var seed = new Option<int>("--age-seed") { Description = "Seed of the MIN-MAX age spread (same seed, same ages)", DefaultValueFactory = _ => 1 };
        var launch = new Command("launch", "Launch instances (Docker containers running the PatchLab agent)") { count, os, tag, name, age, seed };
        launch.SetAction(async (pr, ct) =>
        {
            if (OsFlavor.Find(pr.GetValue(os)!) is null)
            {
                await Console.Error.WriteLineAsync($"error: --os '{pr.GetValue(os)}' is not a PatchLab OS flavour. Valid flavours: {OsFlavor.ValidNames}.").ConfigureAwait(false);
                return 2;
            }
            if (!AgeRange.TryParse(pr.GetValue(age)!, out var minAge, out var maxAge))
            {
                await Console.Error.WriteLineAsync($"error: --age-days '{pr.GetValue(age)}' must be a number of days (365) or a range MIN-MAX (30-400), 0 to 3650.").ConfigureAwait(false);
                return 2;
            }
            var tags = new Dictionary<string, string>();
            foreach (var t in pr.GetValue(tag) ?? [])
            {
                var eq = t.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    await Console.Error.WriteLineAsync($"error: --tag '{t}' must be Key=Value, e.g. --tag Environment=Production").ConfigureAwait(false);
                    return 2;
                }
                tags[t[..eq]] = t[(eq + 1)..];
            }
            using var client = new LabClient(pr.GetValue(endpoint)!);
            return await Guard(async () =>
            {
                var last = await client.LaunchAsync(new FleetLaunchRequest
                {
                    Count = pr.GetValue(count), Os = pr.GetValue(os)!, Tags = tags, NamePrefix = pr.GetValue(name), AgeDays = minAge,
                    AgeDaysMax = maxAge == minAge ? null : maxAge, AgeSeed = pr.GetValue(seed),
                }, new Progress<FleetLaunchProgress>(PrintProgress), ct).ConfigureAwait(false);
                return last.Stage == "failed" ? 1 : 0;
            }, pr.GetValue(endpoint)!).ConfigureAwait(false);
        });
        fleet.Subcommands.Add(launch);
        var down = new Command("down", "Remove every instance this emulator launched");
        down.SetAction(async (pr, ct) =>
        {
            using var client = new LabClient(pr.GetValue(endpoint)!);
            return await Guard(async () =>
            {
                await client.DownAsync(ct).ConfigureAwait(false);
                Console.WriteLine("All instances removed.");
                return 0;
            }, pr.GetValue(endpoint)!).ConfigureAwait(false);
        });
        fleet.Subcommands.Add(down);
        return fleet;
    }

    private static Command ClockCommand(Option<Uri> endpoint)
    {
        var clock = new Command("clock", "Show or steer the lab clock");
        clock.SetAction((pr, ct) => ClockAsync(pr, endpoint, c => c.GetClockAsync(ct)));
        var windowId = new Argument<string>("window-id") { Description = "Maintenance window id (mw-…)" };
        var next = new Command("next", "Jump to a window's next execution") { windowId };
        next.SetAction((pr, ct) => ClockAsync(pr, endpoint, c => c.JumpToNextExecutionAsync(pr.GetValue(windowId)!, ct)));
        var factor = new Argument<double>("factor") { Description = "Emulator seconds per real second (1 = real time)" };
        var speed = new Command("speed", "Set the clock speed") { factor };
        speed.SetAction((pr, ct) => ClockAsync(pr, endpoint, c => c.ChangeClockAsync(new ClockChangeRequest { Speed = pr.GetValue(factor) }, ct)));
        var pause = new Command("pause", "Pause the clock");
        pause.SetAction((pr, ct) => ClockAsync(pr, endpoint, c => c.ChangeClockAsync(new ClockChangeRequest { Paused = true }, ct)));
        var resume = new Command("resume", "Resume the clock");
        resume.SetAction((pr, ct) => ClockAsync(pr, endpoint, c => c.ChangeClockAsync(new ClockChangeRequest { Paused = false }, ct)));
        var instant = new Argument<string>("instant") { Description = "ISO-8601 instant, e.g. 2026-12-06T02:00:00Z" };
        var jump = new Command("jump", "Jump forward to an instant") { instant };
        jump.SetAction(async (pr, ct) =>
        {
            var text = pr.GetValue(instant)!;
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                await Console.Error.WriteLineAsync($"error: '{text}' is not an ISO-8601 instant; e.g. 2026-12-06T02:00:00Z").ConfigureAwait(false);
                return 2;
            }
            return await ClockAsync(pr, endpoint, c => c.ChangeClockAsync(new ClockChangeRequest { JumpTo = at }, ct)).ConfigureAwait(false);
        });
        foreach (var sub in new[] { next, speed, pause, resume, jump })
        {
            clock.Subcommands.Add(sub);
        }
        return clock;
    }

    private static async Task<int> ClockAsync(ParseResult pr, Option<Uri> endpoint, Func<LabClient, Task<ClockDto>> action)
    {
        using var client = new LabClient(pr.GetValue(endpoint)!);
        return await Guard(async () =>
        {
            var c = await action(client).ConfigureAwait(false);
            Console.WriteLine($"{c.Now:yyyy-MM-ddTHH:mm:ss}Z  speed x{c.Speed.ToString(CultureInfo.InvariantCulture)}{(c.Paused ? "  (paused)" : "")}");
            return 0;
        }, pr.GetValue(endpoint)!).ConfigureAwait(false);
    }

    private static async Task<int> RunTuiAsync(Uri endpoint, bool readOnly, CancellationToken ct)
    {
        using var client = new LabClient(endpoint);
        if (!await client.IsHealthyAsync(ct).ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync($"error: no PatchLab emulator answers at {endpoint}. Start one with `patchlab up` (or `patchlab serve`), or pass --endpoint.").ConfigureAwait(false);
            return 1;
        }
        return TuiApp.Run(client, new TuiOptions { EmulatorUrl = endpoint.ToString(), ReadOnly = readOnly });
    }

    internal static async Task<int> Guard(Func<Task<int>> action, Uri endpoint)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"error: cannot reach the emulator at {endpoint} ({e.Message}). Start it with `patchlab serve` or `patchlab up`.").ConfigureAwait(false);
            return 1;
        }
        catch (LabApiException e)
        {
            await Console.Error.WriteLineAsync($"error ({e.Code}): {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static void PrintProgress(FleetLaunchProgress p) =>
        Console.WriteLine(p.Total > 0 ? $"  [{p.Done}/{p.Total}] {p.Message}" : $"  {p.Message}");
}
