using System.Diagnostics;

namespace PatchLab.Emulator.Tests;

/// <summary>Runs real command-line clients (the AWS CLI v2, python3/boto3, the patchlab binary) and captures their output.</summary>
internal static class CliRunner
{
    public const string Aws = "/usr/bin/aws";

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> and extra environment; returns exit code, stdout and stderr.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>The environment of an AWS client that reads no local config: these credentials, us-east-1, no pager.</summary>
    public static Dictionary<string, string> AwsEnvironment(string keyId = "patchlab", string secret = "patchlab") => new()
    {
        ["AWS_ACCESS_KEY_ID"] = keyId, ["AWS_SECRET_ACCESS_KEY"] = secret, ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_PAGER"] = "",
        ["AWS_CONFIG_FILE"] = "/dev/null", ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
    };

    /// <summary>`aws ssm --endpoint-url ENDPOINT --output json ARGS…`.</summary>
    public static Task<(int Exit, string Stdout, string Stderr)> SsmAsync(Uri endpoint, params string[] args)
    {
        Assert.True(File.Exists(Aws), "the AWS CLI v2 is expected at /usr/bin/aws (scripts/setup.sh installs it)");
        return RunAsync(Aws, new[] { "ssm", "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json" }.Concat(args), AwsEnvironment());
    }
}
