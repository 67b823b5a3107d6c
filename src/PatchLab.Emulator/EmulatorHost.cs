using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatchLab.Contracts.Agent;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Lab;
using PatchLab.Emulator.Ssm;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator;

/// <summary>The composition root: builds the emulator web host (SSM API, agent API, lab API, scheduler).</summary>
public static class EmulatorHost
{
    /// <summary>Builds a ready-to-start emulator.</summary>
    public static async Task<WebApplication> BuildAsync(EmulatorOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(options.StateDirectory);
        var socketDir = Path.Combine(options.StateDirectory, "sock");
        Directory.CreateDirectory(socketDir);
        var socketPath = Path.Combine(socketDir, AgentProtocol.SocketFileName);
        if (File.Exists(socketPath))
        {
            File.Delete(socketPath);
        }
        var db = new Database(Path.Combine(options.StateDirectory, "patchlab.db"));
        // A delivery the previous run committed may have died with it before its answer left: due again at the first poll.
        new CommandRepository(db).ForgetUnacknowledgedDeliveries();
        var meta = new MetaRepository(db);
        var sessionId = meta.Get("session-id");
        if (sessionId is null)
        {
            sessionId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
            meta.Set("session-id", sessionId);
        }

        var runtime = await RuntimeSelector.CreateAsync(options, sessionId, socketDir, ct).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        if (options.LogSink is { } sink)
        {
            // Provider rules win over the general ones above: the sink hears the emulator's own Information lines.
            builder.Logging.AddProvider(sink);
            builder.Services.Configure<LoggerFilterOptions>(o =>
            {
                o.Rules.Add(new LoggerFilterRule(sink.GetType().FullName, null, LogLevel.Information, null));
                o.Rules.Add(new LoggerFilterRule(sink.GetType().FullName, "Microsoft", LogLevel.Warning, null));
            });
        }
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Parse(options.ListenAddress), options.Port);
            k.ListenUnixSocket(socketPath);
            options.Limits.ApplyTo(k.Limits);
        });
        var s = builder.Services;
        // Agents hold long-polls open: stopping must not wait for them (the poll ends with ApplicationStopping).
        s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        s.AddSingleton(options);
        s.AddSingleton(db);
        s.AddSingleton(meta);
        s.AddSingleton(new LabClock(options.RealTime, meta, options.Speed, options.ClockStart));
        s.AddSingleton(sp => new AgentSignals(options.RealTime));
        s.AddSingleton(runtime);
        s.AddSingleton<WindowRepository>();
        s.AddSingleton<ExecutionRepository>();
        s.AddSingleton<CommandRepository>();
        s.AddSingleton<InstanceRepository>();
        s.AddSingleton<ComplianceRepository>();
        s.AddSingleton<ComplianceBackend>();
        // Patch baselines, patch groups, compliance and tags (issue 4).
        s.AddSingleton<BaselineRepository>();
        s.AddSingleton<TagRepository>();
        s.AddSingleton(new PatchCatalogs(options));
        s.AddSingleton(new ObjectStore(Path.Combine(options.StateDirectory, "s3")));
        s.AddSingleton<PatchBaselineBackend>();
        s.AddSingleton<ISsmOperations, PatchBaselineOperations>();
        s.AddSingleton<ISsmOperations, PatchOperations>();
        s.AddSingleton<ISsmOperations, ComplianceOperations>();
        s.AddSingleton<ISsmOperations, TagOperations>();
        s.AddSingleton<ITagTarget, MaintenanceWindowTagTarget>();
        s.AddSingleton<ITagTarget, PatchBaselineTagTarget>();
        s.AddSingleton<EventRepository>();
        s.AddSingleton<EventLog>();
        s.AddSingleton<FleetService>();
        s.AddSingleton<CommandBackend>();
        s.AddSingleton<TargetResolver>();
        s.AddSingleton<PingStatusRule>();
        s.AddSingleton<WindowEngine>();
        s.AddSingleton<OverviewBuilder>();
        s.AddSingleton<ISsmOperations, MaintenanceWindowOperations>();
        s.AddSingleton<ISsmOperations, InstanceOperations>();
        s.AddSingleton<ISsmOperations, InstancePropertiesOperations>();
        s.AddSingleton<ISsmOperations, CommandOperations>();
        s.AddSingleton<ISsmOperations, RunCommandOperations>();
        s.AddSingleton<CommandDispatcher>();
        s.AddSingleton<RunCommandBackend>();
        s.AddSingleton<InstanceLifecycle>();
        s.AddSingleton<FleetEndpoints.RowWriter>();
        s.AddHostedService<FleetWatchService>();
        s.AddSingleton<SsmRouter>();
        s.AddHostedService<SchedulerService>();
        // Fault injection (issue 7).
        s.AddSingleton<FaultRepository>();
        s.AddSingleton<PatchLab.Emulator.Faults.FaultHolds>();
        s.AddSingleton<PatchLab.Emulator.Faults.FaultEngine>();
        s.AddHostedService<PatchLab.Emulator.Faults.FaultService>();

        var app = builder.Build();
        app.Use(async (ctx, next) =>
        {
            try
            {
                await next(ctx).ConfigureAwait(false);
            }
            catch (AwsException e)
            {
                await SsmRouter.WriteErrorAsync(ctx, e.StatusCode, e.Code, e.Message).ConfigureAwait(false);
            }
        });
        var router = app.Services.GetRequiredService<SsmRouter>();
        app.MapPost("/", router.HandleAsync);
        app.MapAgentApi();
        app.MapLabApi();
        app.MapFleetApi();
        app.MapFaultApi();
        app.MapObjectApi();
        // Anything else: an AWS-shaped answer saying what PatchLab serves, never a bare 404.
        app.MapFallback(ctx => SsmRouter.WriteErrorAsync(ctx, 400, "UnknownOperationException",
            $"{ctx.Request.Method} {ctx.Request.Path} is not a PatchLab endpoint. The SSM API is POST / with X-Amz-Target: AmazonSSM.<Operation>; the lab API is under /patchlab/v1."));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            // The agent socket must be reachable by root inside capability-less containers.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                    | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
            }
            var events = app.Services.GetRequiredService<EventLog>();
            events.Add("emulator", $"PatchLab emulator listening on {string.Join(", ", Addresses(app))}; runtime: {(runtime.Fleet is { } f ? $"{f.RuntimeName} ({runtime.Choice})" : "none (" + runtime.Reason + ")")}");
        });
        return app;
    }

    /// <summary>The HTTP base address the emulator listens on (after start).</summary>
    public static Uri HttpAddress(WebApplication app) => new(Addresses(app).First(a => a.StartsWith("http://", StringComparison.Ordinal)));

    private static IEnumerable<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
}
