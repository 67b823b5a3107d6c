namespace PatchLab.Fleet.Docker.Tests;

public sealed class SharedLibrariesTests
{
    [Theory]
    // glibc ldd on Debian 12: vDSO (nothing to copy), a library, the loader.
    [InlineData("\tlinux-vdso.so.1 (0x00007ffc)\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f51)\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f51)\n",
        "/lib/x86_64-linux-gnu/libc.so.6|/lib64/ld-linux-x86-64.so.2", "")]
    // older glibc prints the vDSO with an empty arrow
    [InlineData("\tlinux-vdso.so.1 =>  (0x00007ffc)\n\tlibm.so.6 => /lib/libm.so.6 (0x1)\n", "/lib/libm.so.6", "")]
    // a library the host lacks
    [InlineData("\tlibicuuc.so.72 => not found\n\tlibc.so.6 => /lib/libc.so.6 (0x1)\n", "/lib/libc.so.6", "libicuuc.so.72")]
    // duplicates are listed once
    [InlineData("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n\tlibc.so.6 => /lib/libc.so.6 (0x1)\n", "/lib/libc.so.6", "")]
    // no address (ldd --version style noise has no path and is ignored)
    [InlineData("statically linked\n", "", "")]
    public void Parse_ListsPathsAndMissing_FromLddOutput(string output, string paths, string missing)
    {
        var result = SharedLibraries.Parse(output);

        Assert.Equal(Split(paths), result.Paths);
        Assert.Equal(Split(missing), result.Missing);
    }

    [Fact]
    public void ElfFile_ReadsInterpreter_OfDynamicExecutable()
    {
        var elf = ElfFile.TryRead("/bin/sleep");

        Assert.NotNull(elf);
        Assert.False(elf.IsStatic);
        Assert.StartsWith("/", elf.Interpreter);
    }

    [Fact]
    public void ElfFile_ReturnsNull_ForScript()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
            Assert.Null(ElfFile.TryRead(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string[] Split(string text) => text.Length == 0 ? [] : text.Split('|');
}
