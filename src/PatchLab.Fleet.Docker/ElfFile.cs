using System.Buffers.Binary;
using System.Text;

namespace PatchLab.Fleet.Docker;

/// <summary>
/// Just enough of an ELF reader to tell a static executable from a dynamic one: a dynamic executable names its loader in
/// a PT_INTERP program header (https://refspecs.linuxfoundation.org/elf/gabi4+/ch5.dynamic.html#interpreter).
/// </summary>
internal sealed class ElfFile
{
    private const uint PtInterp = 3;

    private ElfFile(string? interpreter) => Interpreter = interpreter;

    /// <summary>The program interpreter (e.g. /lib64/ld-linux-x86-64.so.2), or null for a static executable.</summary>
    public string? Interpreter { get; }

    /// <summary>True when the file has no program interpreter.</summary>
    public bool IsStatic => Interpreter is null;

    /// <summary>Reads the ELF headers of <paramref name="path"/>; null when the file is not a 64-bit little-endian ELF.</summary>
    public static ElfFile? TryRead(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[64];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            || header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F'
            || header[4] != 2 /* ELFCLASS64 */ || header[5] != 1 /* little endian */)
        {
            return null;
        }

        var programHeaderOffset = BinaryPrimitives.ReadInt64LittleEndian(header[32..]);
        var programHeaderSize = BinaryPrimitives.ReadUInt16LittleEndian(header[54..]);
        var programHeaderCount = BinaryPrimitives.ReadUInt16LittleEndian(header[56..]);
        if (programHeaderSize < 56 || programHeaderOffset <= 0)
        {
            return new ElfFile(null);
        }

        var entry = new byte[programHeaderSize];
        for (var i = 0; i < programHeaderCount; i++)
        {
            stream.Position = programHeaderOffset + ((long)i * programHeaderSize);
            stream.ReadExactly(entry);
            if (BinaryPrimitives.ReadUInt32LittleEndian(entry) != PtInterp)
            {
                continue;
            }

            var offset = BinaryPrimitives.ReadInt64LittleEndian(entry.AsSpan(8));
            var size = BinaryPrimitives.ReadInt64LittleEndian(entry.AsSpan(32));
            if (size is <= 0 or > 4096)
            {
                return null;
            }

            var text = new byte[size];
            stream.Position = offset;
            stream.ReadExactly(text);
            return new ElfFile(Encoding.ASCII.GetString(text).TrimEnd('\0'));
        }

        return new ElfFile(null);
    }
}
