using System.Text.Json.Serialization;
using PatchLab.Agent.Messaging;
using PatchLab.Agent.Patching;

namespace PatchLab.Agent.State;

/// <summary>Source-generated JSON for the agent's own files (documents, outbox, package database, catalog).
/// NativeAOT-safe: no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(DocumentState))]
[JsonSerializable(typeof(OutboxItem))]
[JsonSerializable(typeof(PackageDatabase))]
[JsonSerializable(typeof(PackageCatalog))]
internal sealed partial class AgentStateJsonContext : JsonSerializerContext;
