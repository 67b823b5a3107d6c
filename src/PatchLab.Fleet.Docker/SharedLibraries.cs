using System.Diagnostics;
using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Docker;

/// <summary>
/// Finds the shared libraries a dynamic executable needs by running <c>ldd</c> on it at image build time. Libraries the
/// program only dlopen()s at run time are not listed by ldd; the NativeAOT agent runs with invariant globalization and
/// no TLS, so it needs none.
/// </summary>
internal static class SharedLibraries
{
    private static readonly TimeSpan LddTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Absolute paths (as the loader will look them up) of the libraries and loader <paramref name="executable"/> needs.</summary>
    public static async Task<IReadOnlyList<string>> ResolveAsync(string executable, string interpreter, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("ldd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(executable);

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new FleetException("ldd did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new FleetException($"Cannot run ldd to find the libraries of {executable} (Debian package libc-bin): {ex.Message}", ex);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(LddTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new FleetException($"ldd {executable} did not finish within {LddTimeout.TotalSeconds:0} s.");
            }

            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new FleetException($"ldd {executable} failed with exit code {process.ExitCode}: {(errors + output).Trim()}");
            }

            var result = Parse(output);
            if (result.Missing.Count > 0)
            {
                throw new FleetException($"{executable} needs {string.Join(", ", result.Missing)}, which ldd cannot find on this host.");
            }

            return result.Paths.Contains(interpreter, StringComparer.Ordinal) ? result.Paths : [.. result.Paths, interpreter];
        }
    }

    /// <summary>Parses ldd output: "name => /path (0x...)", "/path/to/loader (0x...)", "linux-vdso.so.1 (0x...)", "name => not found".</summary>
    public static LddResult Parse(string output)
    {
        var paths = new List<string>();
        var missing = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string candidate;
            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            if (arrow >= 0)
            {
                var target = line[(arrow + 2)..].Trim();
                if (target.StartsWith("not found", StringComparison.Ordinal))
                {
                    missing.Add(line[..arrow].Trim());
                    continue;
                }

                candidate = StripAddress(target);
            }
            else
            {
                candidate = StripAddress(line);
            }

            // Entries without a path are the kernel's vDSO (linux-vdso.so.1): nothing to copy.
            if (candidate.StartsWith('/') && !paths.Contains(candidate, StringComparer.Ordinal))
            {
                paths.Add(candidate);
            }
        }

        return new LddResult(paths, missing);
    }

    private static string StripAddress(string text)
    {
        var paren = text.LastIndexOf(" (0x", StringComparison.Ordinal);
        return (paren >= 0 ? text[..paren] : text).Trim();
    }
}

/// <summary>What ldd reported.</summary>
/// <param name="Paths">Absolute library paths, loader included, in ldd's order.</param>
/// <param name="Missing">Library names ldd could not find.</param>
internal sealed record LddResult(IReadOnlyList<string> Paths, IReadOnlyList<string> Missing);
