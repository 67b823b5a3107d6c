using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Docker;

/// <summary>
/// Turns an <see cref="InstanceImageRecipe"/> into an image by importing its root filesystem tar (POST /images/create
/// ?fromSrc=-), the API behind <c>docker import</c>. Nothing runs during an import, so there is no build container and no
/// network at all, and the single layer is exactly the hashed content. Reuses the image when its tag already exists.
/// </summary>
internal sealed class InstanceImageBuilder(DockerClient client)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Makes sure <paramref name="recipe"/>'s tag exists; true when it had to be built.</summary>
    public async Task<bool> EnsureAsync(InstanceImageRecipe recipe, IProgress<string>? progress, CancellationToken ct)
    {
        // One import at a time: two launches of a new OS must not import the same 20 MB twice.
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (await ExistsAsync(recipe.Tag, ct).ConfigureAwait(false))
            {
                progress?.Report($"image {recipe.Tag} is up to date");
                progress?.Report($"image ready: {recipe.Tag}");
                return false;
            }

            var megabytes = (recipe.ContentBytes / (double)DockerFleetOptions.MiB).ToString("0.0", CultureInfo.InvariantCulture);
            progress?.Report($"building image {recipe.Tag} ({recipe.FileCount} files, {megabytes} MB)");

            using var tar = new MemoryStream();
            recipe.WriteTar(tar);
            tar.Position = 0;

            var messages = new InlineProgress();
            var name = recipe.Tag.Split(':', 2);
            try
            {
                await client.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromSrc = "-", Repo = name[0], Tag = name[1], Changes = [.. recipe.Changes] },
                    tar, null, messages, ct).ConfigureAwait(false);
            }
            catch (DockerApiException ex)
            {
                throw new FleetException($"Docker refused to import image {recipe.Tag}: {DockerConnection.Describe(ex)}", ex);
            }

            if (messages.Error is { } error)
            {
                throw new FleetException($"Docker failed to import image {recipe.Tag}: {error}");
            }

            if (!await ExistsAsync(recipe.Tag, ct).ConfigureAwait(false))
            {
                throw new FleetException($"Docker imported image {recipe.Tag} but it is not there afterwards.");
            }

            progress?.Report($"image ready: {recipe.Tag}");
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> ExistsAsync(string tag, CancellationToken ct)
    {
        try
        {
            await client.Images.InspectImageAsync(tag, ct).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Collects the first error synchronously (Progress&lt;T&gt; would post it to the thread pool, after the call returned).</summary>
    private sealed class InlineProgress : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            if (value.Error is { } e && Error is null)
            {
                Error = e.Message;
            }
        }
    }
}
