using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PatchLab.Contracts;
using PatchLab.Contracts.Lab;
using PatchLab.Emulator.Faults;

namespace PatchLab.Emulator.Lab;

/// <summary>
/// Fault injection endpoints (issue 7): POST <see cref="FaultApi.Faults"/> injects, GET lists, POST
/// <see cref="FaultApi.Clear"/> ends one early. Bad specs are refused with 400 {"__type":"ValidationException","message"}.
/// </summary>
public static class FaultEndpoints
{
    // Lab files and hand-written requests may spell members FaultSpec-style ("Kind") or as the wire does ("kind").
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<FaultSpec> SpecType =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<FaultSpec>)new System.Text.Json.JsonSerializerOptions(PatchLabJsonContext.Default.Options)
        {
            PropertyNameCaseInsensitive = true,
        }.GetTypeInfo(typeof(FaultSpec));

    /// <summary>Maps the fault API.</summary>
    public static void MapFaultApi(this WebApplication app)
    {
        app.MapPost(FaultApi.Faults, async (HttpContext ctx, FaultEngine engine) =>
        {
            var spec = await LabEndpoints.ReadAsync(ctx, SpecType).ConfigureAwait(false);
            var record = await engine.InjectAsync(spec, ctx.RequestAborted).ConfigureAwait(false);
            return Results.Json(FaultEngine.ToDto(record), PatchLabJsonContext.Default.FaultDto);
        });

        app.MapGet(FaultApi.Faults, (FaultEngine engine) =>
            Results.Json(new FaultListDto { Faults = [.. engine.List().Select(FaultEngine.ToDto)] }, PatchLabJsonContext.Default.FaultListDto));

        app.MapPost(FaultApi.Faults + "/{faultId}/clear", async (string faultId, FaultEngine engine, CancellationToken ct) =>
            Results.Json(FaultEngine.ToDto(await engine.ClearAsync(faultId, ct).ConfigureAwait(false)), PatchLabJsonContext.Default.FaultDto));
    }
}
