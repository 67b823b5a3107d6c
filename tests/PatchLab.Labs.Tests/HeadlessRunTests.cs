using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using PatchLab.Emulator.Cli;

namespace PatchLab.Labs.Tests;

/// <summary>`patchlab lab run FILE --headless` end to end: exit codes, report.md / report.json / junit.xml, clean-up.</summary>
[Collection("headless-runs")]
public sealed class HeadlessRunTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(string file, string reportDir, string runtime)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HeadlessLabRun.RunAsync(new HeadlessLabRun.Settings(file, reportDir, runtime, FixtureLabTests.RepoRoot(), TimeSpan.FromMinutes(4)),
            output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a fixture lab on the Docker runtime and asserts it passed; the caller reads the reports in <paramref name="tmp"/>.</summary>
    private static async Task<string> RunFixtureOnDockerAsync(string lab, TempLab tmp)
    {
        DockerFactAttribute.EnsureAvailable();
        var file = Path.Combine(FixtureLabTests.RepoRoot(), "fixtures", "labs", lab, "lab.yaml");
        var (code, output, error) = await RunAsync(file, tmp.ReportDirectory, "docker");
        Assert.True(code == HeadlessLabRun.Passed, $"exit {code}\n{error}\n{output}");
        return output;
    }

    [DockerFact]
    public async Task HeadlessRun_ScanOnlyAudit_OnRealContainers_PassesWritesTheReports_AndRemovesItsContainers()
    {
        using var tmp = new TempLab("");
        var output = await RunFixtureOnDockerAsync("scan-only-audit", tmp);

        Assert.Contains("nothing in flight: fast-forward to 2026-11-30 09:00:00", output, StringComparison.Ordinal);
        Assert.Contains("PASSED: 5 of 5 objective(s) passed", output, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(tmp.ReportDirectory, "report.json")));
        Assert.Equal("passed", json.RootElement.GetProperty("outcome").GetString());
        Assert.StartsWith("docker", json.RootElement.GetProperty("runtime").GetString(), StringComparison.Ordinal);
        var objectives = json.RootElement.GetProperty("objectives").EnumerateArray().ToList();
        Assert.Equal(["audit-ran", "every-instance-non-compliant", "sudo-missing-on-web-1", "kernel-missing-on-db-2", "scan-invocations-succeeded"],
            objectives.Select(o => o.GetProperty("name").GetString()));
        Assert.All(objectives, o => Assert.True(o.GetProperty("passed").GetBoolean(), o.GetProperty("detail").GetString()));

        var junit = XDocument.Load(Path.Combine(tmp.ReportDirectory, "junit.xml"));
        var suite = junit.Root!.Element("testsuite")!;
        Assert.Equal(("scan-only-audit", "5", "0"), (suite.Attribute("name")!.Value, suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value));
        Assert.Equal(5, suite.Elements("testcase").Count());
        Assert.Empty(suite.Descendants("failure"));

        var md = File.ReadAllText(Path.Combine(tmp.ReportDirectory, "report.md"));
        Assert.StartsWith("# Lab scan-only-audit: PASSED", md, StringComparison.Ordinal);
        Assert.Contains("| PASS | sudo-missing-on-web-1 |", md, StringComparison.Ordinal);
        Assert.Matches(@"\| 2026-11-30 09:0\d:\d\d \| window \| Compliance-Audit \(mw-[0-9a-f]{17}\) started execution", md);

        // Every container of the run is gone.
        foreach (var id in json.RootElement.GetProperty("instances").EnumerateObject().Select(p => p.Value.GetString()))
        {
            Assert.Equal("", Docker("ps", "-a", "--filter", $"name=patchlab-{id}", "--format", "{{.Names}}"));
        }
    }

    [DockerFact]
    public async Task HeadlessRun_SeedLab_OnRealContainers_RebootsProductionToCompliance_AndLeavesStagingAlone()
    {
        using var tmp = new TempLab("");
        var output = await RunFixtureOnDockerAsync("seed-weekly-production", tmp);

        Assert.Contains("objective production-compliant-by-0400: PASS — 3 instance(s) compliant: prod-1, prod-2, prod-3", output, StringComparison.Ordinal);
        Assert.Matches(@"agent: i-[0-9a-f]{17} asks for a reboot \(exit code 194\)", output);
        var md = File.ReadAllText(Path.Combine(tmp.ReportDirectory, "report.md"));
        Assert.Contains("| PASS | window-succeeded | latest execution of Weekly-EC2-Patching-Prod ended SUCCESS |", md, StringComparison.Ordinal);
    }

    [DockerFact]
    public async Task HeadlessRun_MaxErrorsLab_OnRealContainers_TheSeededFaultFailsTwoInstalls_AndMaxErrorsStopsTheRollout()
    {
        using var tmp = new TempLab("");
        var output = await RunFixtureOnDockerAsync("maxerrors-stops-rollout", tmp);

        Assert.Contains("PASSED: 4 of 4 objective(s) passed", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(tmp.ReportDirectory, "report.json")));
        var objectives = json.RootElement.GetProperty("objectives").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(["rollout-stopped-by-maxerrors", "two-installs-failed", "not-every-instance-was-patched", "failed-instances-non-compliant"], objectives.Keys);
        Assert.All(objectives.Values, o => Assert.True(o.GetProperty("passed").GetBoolean(), o.GetProperty("detail").GetString()));
        // Seed 7 picks prod-2 and prod-4 on every run (the pool is in Name order; the ids are new each time). One at a time in
        // launch order, MaxErrors 1: prod-4's failure is the second, so the task stops; prod-5 and prod-6 get no invocation.
        Assert.Matches(@"ended FAILED.*Stopped after 2 failed invocation\(s\): MaxErrors is 1; 2 target\(s\) were not started",
            objectives["rollout-stopped-by-maxerrors"].GetProperty("detail").GetString());
        Assert.Matches("^2 of 4 invocation\\(s\\) of [0-9a-f-]+: prod-1 Success, prod-2 Failed, prod-3 Success, prod-4 Failed$",
            objectives["two-installs-failed"].GetProperty("detail").GetString());

        var suite = XDocument.Load(Path.Combine(tmp.ReportDirectory, "junit.xml")).Root!.Element("testsuite")!;
        Assert.Equal(("maxerrors-stops-rollout", "4", "0"), (suite.Attribute("name")!.Value, suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value));
        Assert.StartsWith("# Lab maxerrors-stops-rollout: PASSED", File.ReadAllText(Path.Combine(tmp.ReportDirectory, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadlessRun_WithAFailingObjective_ExitsOne_AndTheJUnitReportShowsTheFailure()
    {
        // No fleet, so no instance runtime is needed: a window with nothing to do runs and ends SUCCESS, not FAILED.
        using var tmp = new TempLab("""
            name: deliberately-failing
            clock:
              start: 2026-11-29T01:00:00Z
              speed: 120
            until: 2026-11-29T03:00:00Z
            windows:
              - name: Empty-Window
                schedule: cron(0 2 ? * SUN *)
                duration: 1
                cutoff: 0
                allowUnassociatedTargets: true
            objectives:
              - name: window-failed
                execution: { window: Empty-Window, status: FAILED }
              - name: no-instances
                count: { instances: {}, equals: 0 }
            """);

        var (code, output, error) = await RunAsync(tmp.File, tmp.ReportDirectory, "process");

        Assert.True(code == HeadlessLabRun.ObjectiveFailed, $"exit {code}\n{error}\n{output}");
        Assert.Contains("objective failed: window-failed: latest execution of Empty-Window ended FAILED: execution ", error, StringComparison.Ordinal);
        var suite = XDocument.Load(Path.Combine(tmp.ReportDirectory, "junit.xml")).Root!.Element("testsuite")!;
        Assert.Equal(("2", "1"), (suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value));
        var failed = suite.Elements("testcase").Single(t => t.Descendants("failure").Any());
        Assert.Equal("window-failed", failed.Attribute("name")!.Value);
        Assert.Contains("ended SUCCESS", failed.Element("failure")!.Attribute("message")!.Value, StringComparison.Ordinal);
        Assert.Empty(suite.Elements("testcase").Single(t => t.Attribute("name")!.Value == "no-instances").Descendants("failure"));
        Assert.StartsWith("# Lab deliberately-failing: FAILED", File.ReadAllText(Path.Combine(tmp.ReportDirectory, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadlessRun_OfAnInvalidLab_ExitsTwo_PrintsEveryProblem_AndStartsNothing()
    {
        using var tmp = new TempLab("""
            name: broken
            clock:
              start: 2026-11-29T01:00:00Z
            until: 2026-11-29T03:00:00Z
            windows:
              - name: Bad
                schedule: cron(0 2 ? * SUN)
                duration: 2
                cutoff: 3
            """);

        var (code, output, error) = await RunAsync(tmp.File, tmp.ReportDirectory, "process");

        Assert.Equal(HeadlessLabRun.InvalidLab, code);
        Assert.Contains($"{tmp.File}:7:15: 'schedule' of window 'Bad' is not a valid maintenance window schedule", error, StringComparison.Ordinal);
        Assert.Contains($"{tmp.File}:9:13: 'cutoff' of window 'Bad' must be smaller than 'duration'", error, StringComparison.Ordinal);
        Assert.Contains("2 error(s); nothing was started", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(tmp.ReportDirectory));
    }

    private static string Docker(params string[] args)
    {
        var psi = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return output;
    }
}
