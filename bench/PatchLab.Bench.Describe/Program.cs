// Describe* throughput: the emulator's DescribeMaintenanceWindows (50 windows, SQLite, validation, pagination) against a
// bare Kestrel endpoint that returns a precomputed JSON body of the same size, both on loopback, loaded the same way in
// the same run. Usage: dotnet run -c Release --project bench/PatchLab.Bench.Describe [-- seconds concurrency]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PatchLab.Emulator;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var root = FindRoot();
var state = Path.Combine(Path.GetTempPath(), "patchlab-bench-" + Guid.NewGuid().ToString("N")[..8]);

await using var emulator = await EmulatorHost.BuildAsync(new EmulatorOptions
{
    Port = 0, StateDirectory = state, UseDocker = false, RepositoryRoot = root, LogLevel = LogLevel.Warning,
}, CancellationToken.None);
await emulator.StartAsync();
var emuUrl = EmulatorHost.HttpAddress(emulator);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 });

for (var i = 0; i < 50; i++)
{
    var body = $$"""{"Name":"bench-{{i:00}}","Schedule":"cron(0 2 ? * SUN *)","Duration":2,"Cutoff":1,"AllowUnassociatedTargets":false}""";
    await PostAsync(http, emuUrl, "AmazonSSM.CreateMaintenanceWindow", body);
}
const string describe = """{"MaxResults":50}""";
var sample = await PostAsync(http, emuUrl, "AmazonSSM.DescribeMaintenanceWindows", describe);

var bare = WebApplication.CreateSlimBuilder();
bare.Logging.ClearProviders();
bare.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
var bareApp = bare.Build();
var payload = Encoding.UTF8.GetBytes(sample);
bareApp.MapPost("/", async (HttpContext ctx) =>
{
    await ctx.Request.Body.CopyToAsync(Stream.Null);
    ctx.Response.ContentType = "application/x-amz-json-1.1";
    await ctx.Response.Body.WriteAsync(payload);
});
await bareApp.StartAsync();
var bareUrl = new Uri(bareApp.Urls.First());

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"load: {concurrency} concurrent clients, {seconds} s per run, response {payload.Length} bytes (50 windows)");
await MeasureAsync(http, bareUrl, describe, 5, concurrency); // warm-up both (tiered JIT)
await MeasureAsync(http, emuUrl, describe, 5, concurrency);
var results = new List<(string Name, double Rps)>();
for (var round = 0; round < 3; round++)
{
    results.Add(("bare Kestrel", await MeasureAsync(http, bareUrl, describe, seconds, concurrency)));
    results.Add(("PatchLab DescribeMaintenanceWindows", await MeasureAsync(http, emuUrl, describe, seconds, concurrency)));
}
var bareRps = results.Where(r => r.Name == "bare Kestrel").Average(r => r.Rps);
var emuRps = results.Where(r => r.Name != "bare Kestrel").Average(r => r.Rps);
foreach (var (name, rps) in results)
{
    Console.WriteLine($"  {name,-38} {rps,10:F0} req/s");
}
Console.WriteLine($"bare Kestrel: {bareRps:F0} req/s; PatchLab: {emuRps:F0} req/s; ratio {emuRps / bareRps:F2} (target >= 0.50)");
await bareApp.StopAsync();
await emulator.StopAsync();
Directory.Delete(state, true);
return emuRps / bareRps >= 0.5 ? 0 : 1;

static async Task<double> MeasureAsync(HttpClient http, Uri url, string body, int seconds, int concurrency)
{
    var count = 0L;
    var sw = Stopwatch.StartNew();
    var until = TimeSpan.FromSeconds(seconds);
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (sw.Elapsed < until)
        {
            await PostAsync(http, url, "AmazonSSM.DescribeMaintenanceWindows", body);
            Interlocked.Increment(ref count);
        }
    }));
    return count / sw.Elapsed.TotalSeconds;
}

static async Task<string> PostAsync(HttpClient http, Uri url, string target, string body)
{
    using var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
    req.Headers.TryAddWithoutValidation("X-Amz-Target", target);
    using var resp = await http.SendAsync(req);
    var text = await resp.Content.ReadAsStringAsync();
    if (!resp.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{target} answered {(int)resp.StatusCode}: {text}");
    }
    return text;
}

static string FindRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
    {
        if (File.Exists(Path.Combine(d.FullName, "PatchLab.sln")))
        {
            return d.FullName;
        }
    }
    throw new InvalidOperationException("PatchLab.sln not found");
}
