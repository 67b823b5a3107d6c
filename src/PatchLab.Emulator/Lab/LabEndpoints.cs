using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PatchLab.Contracts;
using PatchLab.Contracts.Lab;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Lab;

/// <summary>Emulator-only endpoints: dashboard overview, lab clock, fleet.</summary>
public static class LabEndpoints
{
    /// <summary>Maps the lab API.</summary>
    public static void MapLabApi(this WebApplication app)
    {
        app.MapGet(LabApi.Health, (FleetService fleet, FleetRuntime runtime) => Results.Json(new Dictionary<string, string?>
        {
            ["status"] = "ok", ["runtime"] = fleet.RuntimeName, ["runtimeUnavailable"] = fleet.UnavailableReason, ["runtimeReason"] = runtime.Choice,
        }));

        app.MapGet(LabApi.Overview, (OverviewBuilder builder) => Results.Json(builder.Build(), PatchLabJsonContext.Default.OverviewDto));

        app.MapGet(LabApi.Clock, (LabClock clock) => Results.Json(ClockOf(clock), PatchLabJsonContext.Default.ClockDto));

        app.MapPost(LabApi.Clock, async (HttpContext ctx, LabClock clock, EventLog events, AgentSignals signals) =>
        {
            var req = await ReadAsync(ctx, PatchLabJsonContext.Default.ClockChangeRequest).ConfigureAwait(false);
            try
            {
                if (req.Speed is { } s)
                {
                    clock.SetSpeed(s);
                    events.Add("clock", $"Speed set to x{s}");
                }
                if (req.Paused is { } p)
                {
                    clock.SetPaused(p);
                    events.Add("clock", p ? "Paused" : "Resumed");
                }
                if (req.JumpTo is { } t)
                {
                    clock.JumpTo(t);
                    events.Add("clock", $"Jumped to {t:yyyy-MM-dd HH:mm:ss}Z");
                }
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new ValidationException(e.Message.Split(" (Parameter")[0].Split(Environment.NewLine)[0]);
            }
            signals.InvocationsChanged();
            return Results.Json(ClockOf(clock), PatchLabJsonContext.Default.ClockDto);
        });

        app.MapPost(LabApi.ClockNext, async (HttpContext ctx, LabClock clock, WindowRepository windows, EventLog events, AgentSignals signals) =>
        {
            var req = await ReadAsync(ctx, PatchLabJsonContext.Default.ClockNextRequest).ConfigureAwait(false);
            var w = windows.Get(req.WindowId) ?? throw new DoesNotExistException($"Maintenance window {req.WindowId} does not exist");
            if (w.NextRun is not { } next)
            {
                throw new ValidationException($"Maintenance window {w.WindowId} has no next execution (disabled, expired or a past at() schedule).");
            }
            if (next > clock.GetUtcNow())
            {
                clock.JumpTo(next);
            }
            events.Add("clock", $"Jumped to {next:yyyy-MM-dd HH:mm:ss}Z, the next execution of {w.Name} ({w.WindowId})");
            signals.InvocationsChanged();
            return Results.Json(ClockOf(clock), PatchLabJsonContext.Default.ClockDto);
        });

        app.MapPost(LabApi.FleetLaunch, async (HttpContext ctx, FleetService fleet) =>
        {
            var req = await ReadAsync(ctx, PatchLabJsonContext.Default.FleetLaunchRequest).ConfigureAwait(false);
            ctx.Response.ContentType = "application/x-ndjson";
            var gate = new SemaphoreSlim(1, 1);
            async Task WriteAsync(FleetLaunchProgress p)
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    await ctx.Response.WriteAsync(JsonSerializer.Serialize(p, PatchLabJsonContext.Default.FleetLaunchProgress) + "\n").ConfigureAwait(false);
                    await ctx.Response.Body.FlushAsync().ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }
            try
            {
                await fleet.LaunchAsync(req, p => WriteAsync(p).GetAwaiter().GetResult(), ctx.RequestAborted).ConfigureAwait(false);
            }
            catch (AwsException) when (!ctx.Response.HasStarted)
            {
                throw;
            }
            catch (AwsException e)
            {
                await WriteAsync(new FleetLaunchProgress { Stage = "failed", Message = e.Message }).ConfigureAwait(false);
            }
        });

        app.MapPost(LabApi.FleetDown, async (FleetService fleet, CancellationToken ct) =>
        {
            await fleet.DownAsync(ct).ConfigureAwait(false);
            return Results.Ok();
        });
    }

    internal static ClockDto ClockOf(LabClock clock) => new() { Now = clock.GetUtcNow(), Speed = clock.Speed, Paused = clock.Paused };

    internal static async Task<T> ReadAsync<T>(HttpContext ctx, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(ctx.Request.Body, type, ctx.RequestAborted).ConfigureAwait(false)
                ?? throw new SerializationException("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"The request body is not valid JSON for this endpoint: {e.Message}");
        }
    }
}
