using System.Runtime.Versioning;

// Instance containers are Linux containers, and the tests use Unix file modes and /bin executables.
[assembly: SupportedOSPlatform("linux")]
