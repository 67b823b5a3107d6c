using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>Every operation of the SSM service model gets an answer: handled, or one clear not-implemented error (localstack's routing test).</summary>
public sealed class RoutingTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emu.DisposeAsync();
    }

    public static IEnumerable<string> SdkOperations() => typeof(IAmazonSimpleSystemsManagement).GetMethods()
        .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && m.GetParameters().FirstOrDefault()?.ParameterType.Name.EndsWith("Request", StringComparison.Ordinal) == true)
        .Select(m => m.Name[..^"Async".Length]).Distinct().Order();

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> PostAsync(string target, string body)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, _emu.Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
        req.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        using var resp = await _http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        return (resp.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), resp.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EveryOperationOfTheServiceModel_IsAnsweredInTheAwsShape_NeverA5xxOr404()
    {
        var operations = SdkOperations().ToList();
        Assert.True(operations.Count > 100, $"expected the SSM model's ~140 operations, found {operations.Count}");
        var implemented = 0;
        foreach (var op in operations)
        {
            var (status, body, contentType) = await PostAsync("AmazonSSM." + op, "{}");
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{op}: HTTP {(int)status} {body}");
            Assert.Equal("application/x-amz-json-1.1", contentType);
            if (status == HttpStatusCode.BadRequest)
            {
                var type = body.GetProperty("__type").GetString();
                Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()), op);
                if (type != "NotImplementedException")
                {
                    implemented++;
                }
                else
                {
                    Assert.Contains($"AmazonSSM.{op}", body.GetProperty("message").GetString(), StringComparison.Ordinal);
                }
            }
            else
            {
                implemented++;
            }
        }
        Assert.True(implemented >= 19, $"only {implemented} operations answered as implemented");
    }

    [Theory]
    [InlineData("AmazonSSM.CreateMaintenanceWindow", "not json", "SerializationException")]
    [InlineData("AmazonSSM.CreateMaintenanceWindow", "[1,2]", "SerializationException")]
    [InlineData("AmazonSSM.CreateMaintenanceWindow", "{\"Name\": 5}", "SerializationException")]
    [InlineData("AmazonSSM.CreateMaintenanceWindow", "{}", "ValidationException")]
    [InlineData("AmazonEC2.DescribeInstances", "{}", "UnknownOperationException")]
    [InlineData("", "{}", "MissingAction")]
    public async Task BadRequests_GetAnAwsShapedError(string target, string body, string code)
    {
        var (status, json, _) = await PostAsync(target, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, json.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task MissingRequiredMembers_AreAllNamed_InOneValidationMessage()
    {
        var (_, json, _) = await PostAsync("AmazonSSM.CreateMaintenanceWindow", "{}");
        var message = json.GetProperty("message").GetString()!;
        Assert.StartsWith("5 validation errors detected:", message, StringComparison.Ordinal);
        foreach (var member in new[] { "name", "schedule", "duration", "cutoff", "allowUnassociatedTargets" })
        {
            Assert.Contains($"at '{member}' failed to satisfy constraint: Member must not be null", message, StringComparison.Ordinal);
        }
    }
}
