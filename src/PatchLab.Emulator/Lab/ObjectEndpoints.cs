using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PatchLab.Contracts;
using PatchLab.Contracts.Lab;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Wire;

namespace PatchLab.Emulator.Lab;

/// <summary>
/// The lab's S3 stand-in (<see cref="ObjectStore"/>): PUT <see cref="ObjectApi.Object"/> stores the body (an
/// InstallOverrideList YAML, a BaselineOverride JSON), GET answers it, GET <see cref="ObjectApi.Objects"/> lists them.
/// </summary>
public static class ObjectEndpoints
{
    /// <summary>Largest object accepted (an override list or a baseline is a few KB).</summary>
    public const int MaxObjectBytes = 1024 * 1024;

    /// <summary>Maps the object API.</summary>
    public static void MapObjectApi(this WebApplication app)
    {
        app.MapGet(ObjectApi.Objects, (ObjectStore store) => Results.Json(store.List(), PatchLabJsonContext.Default.ObjectListDto));

        app.MapPut(ObjectApi.Objects + "/{bucket}/{**key}", async (HttpContext ctx, string bucket, string key, ObjectStore store, EventLog events) =>
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted).ConfigureAwait(false);
            if (buffer.Length > MaxObjectBytes)
            {
                throw new ValidationException($"The object is {buffer.Length} bytes; PatchLab stores objects of at most {MaxObjectBytes} bytes.");
            }
            var stored = store.Put(bucket, Uri.UnescapeDataString(key), buffer.ToArray());
            events.Add("s3", $"Stored {stored.Url} ({stored.Size} bytes)");
            return Results.Json(stored, PatchLabJsonContext.Default.ObjectDto);
        });

        app.MapGet(ObjectApi.Objects + "/{bucket}/{**key}", (string bucket, string key, ObjectStore store) =>
        {
            var answer = store.Get($"s3://{bucket}/{Uri.UnescapeDataString(key)}");
            return answer.Error.Length == 0
                ? Results.Text(answer.Content, "application/octet-stream")
                : throw new AwsException(answer.Error, answer.Message, answer.Error == "InvalidUrl" ? 400 : 404);
        });
    }
}
