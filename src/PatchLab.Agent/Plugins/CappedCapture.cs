using System.Text;

namespace PatchLab.Agent.Plugins;

/// <summary>Collects a child's output up to a cap while draining the rest, so the child never blocks on a full pipe;
/// <see cref="Text"/> can be read while reading goes on.</summary>
internal sealed class CappedCapture
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();
    private readonly int _cap;

    public CappedCapture(int cap)
    {
        _cap = cap;
    }

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Reads until end of stream; never throws (a pipe closed under it just ends the capture).</summary>
    public async Task ReadAllAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
            {
                lock (_lock)
                {
                    var room = _cap - _text.Length;
                    if (room > 0)
                    {
                        _text.Append(buffer, 0, Math.Min(room, read));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
