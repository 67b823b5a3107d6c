using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SimpleSystemsManagement;
using PatchLab.Emulator.Wire;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// A seeded generator sends over 10,000 malformed or edge requests across every implemented operation: wrong types,
/// missing and unknown members, huge strings, bad enum values, bad JSON, oversized bodies. Every answer must be
/// AWS-shaped and none may be a 5xx (issue 8).
/// </summary>
public sealed class RobustnessTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        _emu = await EmulatorFixture.StartAsync();
        // The node the templates name, so mutated PutComplianceItems requests reach the store.
        _emu.Get<PatchLab.Storage.InstanceRepository>().Insert(new PatchLab.Domain.Model.Instance
        {
            InstanceId = "i-0a1b2c3d4e5f60718", Os = "AmazonLinux2", TokenHash = "x", State = "running", LaunchedAt = DateTimeOffset.UnixEpoch,
        });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emu.DisposeAsync();
    }

    /// <summary>Member names of the SDK request shape (so mutations hit real members, not only unknown ones).</summary>
    private static List<string> Members(string operation) =>
        typeof(IAmazonSimpleSystemsManagement).Assembly.GetType($"Amazon.SimpleSystemsManagement.Model.{operation}Request")?
            .GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList() ?? [];

    private static JsonNode? RandomValue(Random rng, int depth = 0) => rng.Next(depth > 2 ? 9 : 13) switch
    {
        0 => JsonValue.Create(""),
        1 => JsonValue.Create(new string('x', rng.Next(1, 5) == 1 ? 200_000 : rng.Next(1, 300))),
        2 => JsonValue.Create("mw-0123456789abcdef0"),
        3 => JsonValue.Create("'; DROP TABLE windows; --\u0000\uffff\ud83d\ude00"),
        4 => JsonValue.Create(rng.Next(int.MinValue, int.MaxValue)),
        5 => JsonValue.Create(rng.NextDouble() * 1e300 * (rng.Next(2) == 0 ? -1 : 1)),
        6 => JsonValue.Create(rng.Next(2) == 0),
        7 => null,
        8 => JsonValue.Create("cron(0 2 ? * SUN *)"),
        9 => new JsonArray(Enumerable.Range(0, rng.Next(0, 60)).Select(_ => RandomValue(rng, depth + 1)).ToArray()),
        10 => new JsonObject { ["Key"] = RandomValue(rng, depth + 1), ["Values"] = RandomValue(rng, depth + 1) },
        11 => new JsonArray(new JsonObject { ["Key"] = "tag:Environment", ["Values"] = new JsonArray("Production") }),
        _ => new JsonObject { ["RunCommand"] = new JsonObject { ["Parameters"] = RandomValue(rng, depth + 1), ["TimeoutSeconds"] = RandomValue(rng, depth + 1) } },
    };

    /// <summary>Valid requests that one mutation turns into edge cases, so the generator reaches past the first member check.</summary>
    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        ["PutComplianceItems"] = """{"ResourceId":"i-0a1b2c3d4e5f60718","ResourceType":"ManagedInstance","ComplianceType":"Custom:AV","ExecutionSummary":{"ExecutionTime":1764979200},"Items":[{"Id":"a","Severity":"HIGH","Status":"COMPLIANT","Details":{"k":"v"}}],"UploadType":"COMPLETE"}""",
        ["DescribeInstanceProperties"] = """{"FiltersWithOperator":[{"Key":"tag:Name","Values":["web"],"Operator":"BeginWith"}],"MaxResults":5}""",
    };

    private static string RandomBody(Random rng, List<string> members, string op)
    {
        if (Templates.TryGetValue(op, out var template) && rng.Next(2) == 0)
        {
            var obj = JsonNode.Parse(template)!.AsObject();
            var key = obj.Select(p => p.Key).ElementAt(rng.Next(obj.Count));
            obj[key] = rng.Next(3) == 0 ? null : RandomValue(rng);
            return obj.ToJsonString();
        }
        switch (rng.Next(20))
        {
            case 0: return "{";
            case 1: return "not json at all";
            case 2: return "[]";
            case 3: return "\"string\"";
            case 4: return "";
            case 5: return new string('[', 10_000) + new string(']', 10_000); // deep nesting
            case 6: return Encoding.Latin1.GetString(Enumerable.Range(0, 512).Select(_ => (byte)rng.Next(256)).ToArray());
            default:
                var obj = new JsonObject();
                foreach (var m in members.Where(_ => rng.Next(3) > 0))
                {
                    obj[m] = RandomValue(rng);
                }
                if (rng.Next(4) == 0)
                {
                    obj["UnknownMember" + rng.Next(100)] = RandomValue(rng);
                }
                return obj.ToJsonString();
        }
    }

    [Fact]
    public async Task TenThousandMalformedRequests_AreAllAnsweredInTheAwsShape_WithNo5xx()
    {
        var operations = _emu.Get<SsmRouter>().Implemented.ToList();
        var rng = new Random(20261129);
        var sent = 0;
        var byStatus = new Dictionary<HttpStatusCode, int>();
        var perOperation = Math.Max(10_000 / operations.Count + 1, 60);
        foreach (var op in operations)
        {
            var members = Members(op);
            for (var i = 0; i < perOperation; i++)
            {
                var body = RandomBody(rng, members, op);
                using var req = new HttpRequestMessage(HttpMethod.Post, _emu.Endpoint)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1"),
                };
                req.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonSSM." + op);
                // Bodies over the limit are refused before they are read: the client waits for that answer (100-continue)
                // instead of writing into a closed connection.
                req.Headers.ExpectContinue = Encoding.UTF8.GetByteCount(body) > SsmRouter.MaxBodyBytes;
                HttpResponseMessage resp;
                try
                {
                    resp = await _http.SendAsync(req);
                }
                catch (HttpRequestException e)
                {
                    throw new InvalidOperationException($"{op}: the connection failed ({e.Message}) for request {Shorten(body)}", e);
                }
                using var _ = resp;
                var text = await resp.Content.ReadAsStringAsync();
                sent++;
                byStatus[resp.StatusCode] = byStatus.GetValueOrDefault(resp.StatusCode) + 1;
                Assert.True((int)resp.StatusCode < 500, $"{op} answered {(int)resp.StatusCode}: {text}\nrequest: {Shorten(body)}");
                using var json = JsonDocument.Parse(text);
                if (resp.StatusCode != HttpStatusCode.OK)
                {
                    Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("__type").GetString()), $"{op}: {text}");
                    Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("message").GetString()), $"{op}: {text}");
                }
            }
        }
        // Oversized bodies are refused before parsing.
        using (var big = new HttpRequestMessage(HttpMethod.Post, _emu.Endpoint)
        {
            Content = new StringContent("{\"Name\":\"" + new string('a', 3 * SsmRouter.MaxBodyBytes) + "\"}", Encoding.UTF8, "application/x-amz-json-1.1"),
        })
        {
            big.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonSSM.CreateMaintenanceWindow");
            big.Headers.ExpectContinue = true;
            using var resp = await _http.SendAsync(big);
            sent++;
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, resp.StatusCode);
            using var json = JsonDocument.Parse(await resp.Content.ReadAsStringAsync());
            Assert.Equal("RequestEntityTooLarge", json.RootElement.GetProperty("__type").GetString());
        }
        Assert.True(sent >= 10_000, $"only {sent} requests");
        Assert.True(byStatus.GetValueOrDefault(HttpStatusCode.BadRequest) > sent / 2, "most malformed requests should be refused");
        // The emulator is still healthy and its data intact after the storm.
        var windows = await _emu.Ssm.DescribeMaintenanceWindowsAsync(new Amazon.SimpleSystemsManagement.Model.DescribeMaintenanceWindowsRequest());
        Assert.NotNull(windows.WindowIdentities);
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
