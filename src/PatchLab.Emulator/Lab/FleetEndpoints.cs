using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PatchLab.Contracts;
using PatchLab.Contracts.Lab;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Lab;

/// <summary>
/// Emulator-only instance endpoints (EC2's part of the lab): list, reboot, stop, start, terminate, tag, untag. Errors come
/// in the AWS shape {"__type","message"} with EC2's codes.
/// </summary>
public static class FleetEndpoints
{
    /// <summary>Maps the instance API under <see cref="LabApi.Instances"/>.</summary>
    public static void MapFleetApi(this WebApplication app)
    {
        app.MapGet(LabApi.Instances, (FleetService fleet, FleetRuntime runtime, InstanceRepository instances, ComplianceRepository compliance, PingStatusRule ping) =>
        {
            var dto = new InstanceListDto
            {
                Runtime = fleet.RuntimeName ?? "", RuntimeReason = runtime.Fleet is null ? runtime.Reason ?? "" : runtime.Choice ?? "",
            };
            var states = compliance.States(null).ToDictionary(s => s.InstanceId);
            dto.Instances.AddRange(instances.List().Where(i => i.State != "terminated").Select(i => Row(i, ping, states.GetValueOrDefault(i.InstanceId))));
            return Results.Json(dto, PatchLabJsonContext.Default.InstanceListDto);
        });

        var one = app.MapGroup(LabApi.Instances + "/{instanceId}");
        one.MapPost("/reboot", async (string instanceId, InstanceLifecycle lifecycle, RowWriter rows, CancellationToken ct) =>
            rows.Of(await lifecycle.RebootAsync(instanceId, ct).ConfigureAwait(false)));
        one.MapPost("/stop", async (string instanceId, InstanceLifecycle lifecycle, RowWriter rows, CancellationToken ct) =>
            rows.Of(await lifecycle.StopAsync(instanceId, ct).ConfigureAwait(false)));
        one.MapPost("/start", async (string instanceId, InstanceLifecycle lifecycle, RowWriter rows, CancellationToken ct) =>
            rows.Of(await lifecycle.StartAsync(instanceId, ct).ConfigureAwait(false)));
        one.MapPost("/terminate", async (string instanceId, InstanceLifecycle lifecycle, RowWriter rows, CancellationToken ct) =>
            rows.Of(await lifecycle.TerminateAsync(instanceId, ct).ConfigureAwait(false)));
        one.MapPost("/tags", async (string instanceId, HttpContext ctx, InstanceLifecycle lifecycle, RowWriter rows) =>
            rows.Of(lifecycle.Tag(instanceId, (await ReadAsync(ctx, PatchLabJsonContext.Default.InstanceTagsRequest).ConfigureAwait(false)).Tags)));
        one.MapPost("/untag", async (string instanceId, HttpContext ctx, InstanceLifecycle lifecycle, RowWriter rows) =>
            rows.Of(lifecycle.Untag(instanceId, (await ReadAsync(ctx, PatchLabJsonContext.Default.InstanceUntagRequest).ConfigureAwait(false)).Keys)));
    }

    /// <summary>An instance as the dashboard shows it (same fields as the overview's fleet rows).</summary>
    internal static InstanceRow Row(Instance i, PingStatusRule ping, PatchState? s) => new()
    {
        InstanceId = i.InstanceId, Name = i.Name, Os = i.Os, Tags = i.Tags.ToDictionary(), PingStatus = ping.Of(i), State = i.State, LastPing = i.LastPing,
        PatchGroup = i.PatchGroup, BaselineId = s?.BaselineId ?? "", Installed = s?.Installed, Missing = s?.Missing, Failed = s?.Failed,
        PendingReboot = s?.InstalledPendingReboot, Compliance = s is null ? "" : s.IsCompliant ? "COMPLIANT" : "NON_COMPLIANT",
    };

    private static async Task<T> ReadAsync<T>(HttpContext ctx, JsonTypeInfo<T> type)
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

    /// <summary>Answers an instance action with the instance's row, as the dashboard shows it.</summary>
    internal sealed class RowWriter(PingStatusRule ping, ComplianceRepository compliance)
    {
        public IResult Of(Instance instance) =>
            Results.Json(Row(instance, ping, compliance.States([instance.InstanceId]).FirstOrDefault()), PatchLabJsonContext.Default.InstanceRow);
    }
}
