using PatchLab.Agent.Hosting;

namespace PatchLab.Agent.Transport;

/// <summary>Parses PATCHLAB_ENDPOINT: <c>unix:///run/patchlab/agent.sock</c> or <c>http://127.0.0.1:4580</c>.</summary>
internal static class EmulatorEndpointParser
{
    public static EmulatorEndpoint Parse(string endpoint)
    {
        const string unixScheme = "unix://";
        if (endpoint.StartsWith(unixScheme, StringComparison.OrdinalIgnoreCase))
        {
            var path = endpoint[unixScheme.Length..];
            if (path.Length == 0 || path[0] != '/')
            {
                throw new AgentConfigurationException($"PATCHLAB_ENDPOINT '{endpoint}': a unix endpoint needs an absolute path (unix:///run/patchlab/agent.sock)");
            }
            // The host name is never resolved: ConnectCallback dials the socket.
            return new EmulatorEndpoint(new Uri("http://patchlab-emulator/"), path);
        }

        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
        {
            var text = uri.GetLeftPart(UriPartial.Path);
            return new EmulatorEndpoint(new Uri(text.EndsWith('/') ? text : text + "/"), null);
        }

        throw new AgentConfigurationException(endpoint.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            ? $"PATCHLAB_ENDPOINT '{endpoint}': the emulator serves plain http on 127.0.0.1 (or a unix socket); use http://host:port or unix:///path"
            : $"PATCHLAB_ENDPOINT '{endpoint}' is neither unix:///path nor http://host:port");
    }
}
