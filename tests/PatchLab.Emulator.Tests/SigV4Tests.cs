using System.Net;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Time.Testing;

namespace PatchLab.Emulator.Tests;

/// <summary>The optional SigV4 verification mode (issue 8), through the AWS SDK for .NET, the AWS CLI v2 and boto3.</summary>
public sealed class SigV4Tests : IAsyncLifetime
{
    private const string KeyId = "AKIAPATCHLABTEST0001";
    private const string Secret = "patchlab/test+secret";
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() =>
        _emu = await EmulatorFixture.StartAsync(configure: o => o with { SigV4Credentials = new Dictionary<string, string> { [KeyId] = Secret } });

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private IAmazonSimpleSystemsManagement Client(string keyId, string secret) =>
        new AmazonSimpleSystemsManagementClient(new BasicAWSCredentials(keyId, secret),
            new AmazonSimpleSystemsManagementConfig { ServiceURL = _emu.Endpoint.ToString().TrimEnd('/'), AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0 });

    [Fact]
    public async Task Sdk_SignedWithAConfiguredKey_IsServed_IncludingBodiesWithUnicode()
    {
        using var ssm = Client(KeyId, Secret);
        var created = await ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
        {
            Name = "signed-window", Description = "Fenêtre de maintenance — signée", Schedule = "cron(0 2 ? * SUN *)", Duration = 2, Cutoff = 1,
            AllowUnassociatedTargets = true,
        });

        var got = await ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = created.WindowId });
        Assert.Equal("Fenêtre de maintenance — signée", got.Description);
    }

    [Fact]
    public async Task Sdk_WithTheWrongSecret_GetsInvalidSignatureException()
    {
        using var ssm = Client(KeyId, "not-the-secret");

        var e = await Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() => ssm.DescribeMaintenanceWindowsAsync(new DescribeMaintenanceWindowsRequest()));

        Assert.Equal("InvalidSignatureException", e.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.StartsWith("The request signature we calculated does not match the signature you provided.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_WithAnUnknownAccessKey_GetsUnrecognizedClientException_NamingTheKey()
    {
        using var ssm = Client("AKIAUNKNOWN000000000", Secret);

        var e = await Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() => ssm.DescribeMaintenanceWindowsAsync(new DescribeMaintenanceWindowsRequest()));

        Assert.Equal("UnrecognizedClientException", e.ErrorCode);
        Assert.Contains("AKIAUNKNOWN000000000 is not one of this PatchLab's configured keys", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsignedRequest_GetsMissingAuthenticationToken()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _emu.Endpoint) { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", "AmazonSSM.DescribeMaintenanceWindows");

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"__type\":\"MissingAuthenticationTokenException\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignatureFromMoreThan15MinutesAgo_HasExpired()
    {
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(20));
        await using var emu = await EmulatorFixture.StartAsync(configure: o => o with { SigV4Credentials = new Dictionary<string, string> { [KeyId] = Secret }, RealTime = later });
        using var ssm = new AmazonSimpleSystemsManagementClient(new BasicAWSCredentials(KeyId, Secret),
            new AmazonSimpleSystemsManagementConfig { ServiceURL = emu.Endpoint.ToString().TrimEnd('/'), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

        var e = await Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() => ssm.DescribeMaintenanceWindowsAsync(new DescribeMaintenanceWindowsRequest()));

        Assert.Equal("InvalidSignatureException", e.ErrorCode);
        Assert.StartsWith("Signature expired:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsCli_IsServedWithTheRightSecret_AndRefusedWithAWrongOne()
    {
        var (ok, okOut, _) = await RunAsync("/usr/bin/aws", Secret, "ssm", "describe-maintenance-windows", "--endpoint-url", _emu.Endpoint.ToString());
        var (bad, _, badErr) = await RunAsync("/usr/bin/aws", "wrong", "ssm", "describe-maintenance-windows", "--endpoint-url", _emu.Endpoint.ToString());

        Assert.Equal(0, ok);
        Assert.Contains("WindowIdentities", okOut, StringComparison.Ordinal);
        Assert.NotEqual(0, bad);
        Assert.Contains("(InvalidSignatureException)", badErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boto3_IsServedWithTheRightSecret_AndRefusedWithAWrongOne()
    {
        const string script = """
            import os, sys, boto3, botocore
            c = boto3.client("ssm", endpoint_url=sys.argv[1], region_name="us-east-1")
            try:
                print(len(c.describe_maintenance_windows()["WindowIdentities"]))
            except botocore.exceptions.ClientError as e:
                print(e.response["Error"]["Code"]); sys.exit(3)
            """;
        var (ok, okOut, okErr) = await RunAsync("python3", Secret, "-c", script, _emu.Endpoint.ToString());
        var (bad, badOut, _) = await RunAsync("python3", "wrong", "-c", script, _emu.Endpoint.ToString());

        Assert.True(ok == 0, okErr);
        Assert.Equal("0", okOut.Trim());
        Assert.Equal(3, bad);
        Assert.Equal("InvalidSignatureException", badOut.Trim());
    }

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string secret, params string[] args)
    {
        var env = CliRunner.AwsEnvironment(KeyId, secret);
        env["AWS_MAX_ATTEMPTS"] = "1";
        return CliRunner.RunAsync(file, args, env);
    }
}
