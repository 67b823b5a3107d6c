using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;

namespace PatchLab.Client;

/// <summary>Builds an AWS SDK SSM client pointed at the emulator.</summary>
public static class SsmClientFactory
{
    /// <summary>Creates a client for the emulator at <paramref name="endpoint"/> with dummy credentials.</summary>
    public static IAmazonSimpleSystemsManagement Create(Uri endpoint, string region = "us-east-1") =>
        new AmazonSimpleSystemsManagementClient(new BasicAWSCredentials("patchlab", "patchlab"),
            new AmazonSimpleSystemsManagementConfig
            {
                ServiceURL = endpoint.ToString().TrimEnd('/'),
                AuthenticationRegion = region,
                MaxErrorRetry = 0,
            });
}
