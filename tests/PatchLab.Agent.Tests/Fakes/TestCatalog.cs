using System.Text.Json;

namespace PatchLab.Agent.Tests.Fakes;

/// <summary>
/// A small catalog with known answers. Newest advisory 2025-10-01, so with age 100 days (cutoff 2025-06-23) only
/// ALAS2-2023-0001 is applied at first boot and these are missing: openssl-libs (Security), kernel (Security, reboot),
/// bash (Security), zlib (Bugfix: not approved by the fake's default baseline), tzdata (Bugfix). coreutils has no
/// advisory at all.
/// </summary>
public static class TestCatalog
{
    public const string OpensslTarget = "openssl-libs.x86_64:1:1.0.2k-24.amzn2.0.10";
    public const string KernelTarget = "kernel.x86_64:0:5.10.240-238.955.amzn2";
    public const string BashTarget = "bash.x86_64:0:4.2.46-34.amzn2.0.1";

    public static string Write(string directory, int kernelSizeKb = 30000)
    {
        var path = Path.Combine(directory, "catalog.json");
        File.WriteAllText(path, Json(kernelSizeKb));
        return path;
    }

    public static string Json(int kernelSizeKb) => $$"""
        {
          "os": "AmazonLinux2", "platformName": "Amazon Linux", "platformVersion": "2", "product": "AmazonLinux2",
          "baseDate": "2022-12-10T00:00:00Z",
          "packages": [
            { "name": "bash", "arch": "x86_64", "version": "4.2.46-34.amzn2", "epoch": 0 },
            { "name": "coreutils", "arch": "x86_64", "version": "8.22-24.amzn2", "epoch": 0 },
            { "name": "kernel", "arch": "x86_64", "version": "5.10.157-139.675.amzn2", "epoch": 0 },
            { "name": "openssl-libs", "arch": "x86_64", "version": "1.0.2k-24.amzn2.0.4", "epoch": 1 },
            { "name": "tzdata", "arch": "noarch", "version": "2022g-1.amzn2", "epoch": 0 },
            { "name": "zlib", "arch": "x86_64", "version": "1.2.7-19.amzn2.0.2", "epoch": 0 }
          ],
          "updates": [
            { "advisoryId": "ALAS2-2023-0001", "classification": "Security", "severity": "Important", "released": "2023-01-10T00:00:00Z",
              "cves": ["CVE-2023-0286"], "rebootRequired": false,
              "packages": [ { "name": "openssl-libs", "arch": "x86_64", "version": "1.0.2k-24.amzn2.0.6", "epoch": 1, "sizeKb": 1290 } ] },
            { "advisoryId": "ALAS2-2025-0002", "classification": "Security", "severity": "Important", "released": "2025-09-01T00:00:00Z",
              "cves": ["CVE-2024-0727", "CVE-2025-9230"], "rebootRequired": false,
              "packages": [ { "name": "openssl-libs", "arch": "x86_64", "version": "1.0.2k-24.amzn2.0.10", "epoch": 1, "sizeKb": 1290 } ] },
            { "advisoryId": "ALAS2-2025-0003", "classification": "Security", "severity": "Important", "released": "2025-09-15T00:00:00Z",
              "cves": ["CVE-2025-38352"], "rebootRequired": true,
              "packages": [ { "name": "kernel", "arch": "x86_64", "version": "5.10.240-238.955.amzn2", "epoch": 0, "sizeKb": {{kernelSizeKb}} } ] },
            { "advisoryId": "ALAS2-2025-0004", "classification": "Bugfix", "severity": "", "released": "2025-09-20T00:00:00Z",
              "cves": [], "rebootRequired": false,
              "packages": [ { "name": "zlib", "arch": "x86_64", "version": "1.2.7-19.amzn2.0.3", "epoch": 0, "sizeKb": 90 } ] },
            { "advisoryId": "ALAS2-2025-0005", "classification": "Security", "severity": "Medium", "released": "2025-10-01T00:00:00Z",
              "cves": ["CVE-2025-0001"], "rebootRequired": false,
              "packages": [ { "name": "bash", "arch": "x86_64", "version": "4.2.46-34.amzn2.0.1", "epoch": 0, "sizeKb": 1900 } ] },
            { "advisoryId": "ALAS2-2025-0006", "classification": "Bugfix", "severity": "", "released": "2025-10-01T00:00:00Z",
              "cves": [], "rebootRequired": false,
              "packages": [ { "name": "tzdata", "arch": "noarch", "version": "2025b-1.amzn2", "epoch": 0, "sizeKb": 520 } ] }
          ]
        }
        """;

    /// <summary>The fixture catalog shipped in fixtures/catalogs, copied next to the test assembly.</summary>
    public static string AmazonLinux2FixturePath => Path.Combine(AppContext.BaseDirectory, "catalogs", "amazon-linux-2.json");

    public static JsonDocument ReadPackages(string statePath) => JsonDocument.Parse(File.ReadAllText(Path.Combine(statePath, "packages.json")));
}
