using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PatchLab.Agent.State;

/// <summary>Crash-safe writes: write a temp file next to the target, flush it to disk, rename over the target.</summary>
internal static class AtomicFile
{
    public const string TempSuffix = ".tmp";

    public static void WriteJson<T>(string path, T value, JsonTypeInfo<T> typeInfo) =>
        WriteBytes(path, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    public static void WriteBytes(string path, byte[] bytes)
    {
        var temp = $"{path}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Reads and deserializes; a missing file gives null, an unreadable one throws <see cref="JsonException"/>.</summary>
    public static T? ReadJson<T>(string path, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        return JsonSerializer.Deserialize(bytes, typeInfo) ?? throw new JsonException($"{path} holds null");
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
