using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace PatchLab.Labs.Running;

/// <summary>Writes a <see cref="LabReport"/> as report.md (timeline + objectives), report.json and junit.xml (one testcase per objective).</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes the three files into <paramref name="directory"/> (created when missing).</summary>
    public static void WriteAll(LabReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown(report));
        File.WriteAllText(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, Json));
        JUnit(report).Save(Path.Combine(directory, "junit.xml"));
    }

    /// <summary>The Markdown report.</summary>
    public static string Markdown(LabReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        var passed = r.Objectives.Count(o => o.Passed);
        sb.Append(CultureInfo.InvariantCulture, $"# Lab {r.Lab}: {r.Outcome.ToUpperInvariant()}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- File: `{r.SourceFile}`\n- Runtime: {r.Runtime}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Emulator time: {r.ClockStart:yyyy-MM-ddTHH:mm:ssZ} → {r.ClockEnd:yyyy-MM-ddTHH:mm:ssZ} ({r.RealSeconds.ToString(CultureInfo.InvariantCulture)} s real)\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Objectives: {passed} of {r.Objectives.Count} passed\n");
        if (r.AbortReason is { } why)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- Aborted: {why}\n");
        }
        sb.Append("\n## Objectives\n\n| | Objective | Checks | Evaluated at | Found |\n|---|---|---|---|---|\n");
        foreach (var o in r.Objectives)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {(o.Passed ? "PASS" : "FAIL")} | {Cell(o.Name)} | {Cell(o.Description)} | {o.EvaluatedAt:yyyy-MM-ddTHH:mm:ssZ} | {Cell(o.Detail)} |\n");
        }
        sb.Append("\n## Resources\n\n");
        foreach (var (name, id) in r.Windows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- window {name}: `{id}`\n");
        }
        foreach (var (name, id) in r.Instances.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"- instance {name}: `{id}`\n");
        }
        sb.Append("\n## Timeline (emulator event log)\n\n| Emulator time | Kind | Event |\n|---|---|---|\n");
        foreach (var e in r.Timeline)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {e.Time:yyyy-MM-dd HH:mm:ss} | {e.Kind} | {Cell(e.Message)} |\n");
        }
        return sb.ToString();
    }

    /// <summary>The JUnit XML report: one testsuite (the lab), one testcase per objective, a failure element for each failed one.</summary>
    public static XDocument JUnit(LabReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var failures = r.Objectives.Count(o => !o.Passed);
        var suite = new XElement("testsuite",
            new XAttribute("name", r.Lab), new XAttribute("tests", r.Objectives.Count), new XAttribute("failures", failures), new XAttribute("errors", 0),
            new XAttribute("time", r.RealSeconds.ToString(CultureInfo.InvariantCulture)),
            r.Objectives.Select(o => new XElement("testcase",
                new XAttribute("classname", $"lab.{r.Lab}"), new XAttribute("name", o.Name),
                o.Passed
                    ? new XElement("system-out", o.Detail)
                    : new XElement("failure", new XAttribute("message", $"{o.Description}: {o.Detail}"), new XAttribute("type", "ObjectiveFailed"), o.Detail))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("name", "patchlab"), new XAttribute("tests", r.Objectives.Count), new XAttribute("failures", failures), suite));
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
