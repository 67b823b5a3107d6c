using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;

namespace PatchLab.Tui.Tests.Fakes;

/// <summary>
/// The SSM JSON 1.1 wire answered from canned bodies, under the real AWS SDK client: what the SDK sends is recorded,
/// operations without an answer get the emulator's NotImplementedException, and any other path (the lab API) gets
/// <see cref="Lab"/>'s answer.
/// </summary>
internal sealed class CannedSsm : HttpMessageHandler
{
    public Uri Endpoint { get; } = new("http://127.0.0.1:5080");

    /// <summary>Answers by operation: request body in, (status, body) out.</summary>
    public Dictionary<string, Func<JsonElement, (int Status, string Body)>> Answers { get; } = [];

    /// <summary>Answer for any other path: (method, path) in, (status, body) out.</summary>
    public Func<string, string, (int Status, string Body)> Lab { get; set; } = (_, _) => (200, "{}");

    /// <summary>When set, every request fails at the transport, as with no emulator listening.</summary>
    public bool Down { get; set; }

    public List<(string Operation, JsonElement Body)> Calls { get; } = [];

    public List<(string Method, string Path)> LabCalls { get; } = [];

    public IAmazonSimpleSystemsManagement CreateClient() => new AmazonSimpleSystemsManagementClient(
        new BasicAWSCredentials("patchlab", "patchlab"),
        new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = Endpoint.ToString().TrimEnd('/'),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            HttpClientFactory = new Factory(this),
        });

    public HttpClient CreateHttpClient() => new(this, disposeHandler: false);

    public static string Json(object value) => JsonSerializer.Serialize(value);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new HttpRequestException("Connection refused (127.0.0.1:5080)");
        }

        string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        (int status, string text) answer;
        if (request.Headers.TryGetValues("X-Amz-Target", out IEnumerable<string>? targets))
        {
            string operation = targets.First()["AmazonSSM.".Length..];
            JsonElement json = JsonDocument.Parse(body.Length == 0 ? "{}" : body).RootElement.Clone();
            lock (Calls)
            {
                Calls.Add((operation, json));
            }

            answer = Answers.TryGetValue(operation, out var answerOf)
                ? answerOf(json)
                : (400, Json(new Dictionary<string, string>
                {
                    ["__type"] = "NotImplementedException",
                    ["message"] = $"PatchLab does not implement AmazonSSM.{operation} yet. The implemented operations are listed in docs/coverage.md.",
                }));
        }
        else
        {
            LabCalls.Add((request.Method.Method, request.RequestUri!.AbsolutePath));
            answer = Lab(request.Method.Method, request.RequestUri.AbsolutePath);
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.status)
        {
            Content = new StringContent(answer.text, Encoding.UTF8, "application/x-amz-json-1.1"),
            RequestMessage = request,
        };
        response.Headers.Add("x-amzn-RequestId", Guid.NewGuid().ToString());
        return response;
    }

    private sealed class Factory(CannedSsm handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
