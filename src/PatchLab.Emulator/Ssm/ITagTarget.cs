namespace PatchLab.Emulator.Ssm;

/// <summary>
/// A resource type AddTagsToResource / RemoveTagsFromResource / ListTagsForResource serve. Register one per type in
/// the host (services.AddSingleton&lt;ITagTarget, …&gt;); <see cref="TagOperations"/> answers InvalidResourceType for the rest.
/// </summary>
public interface ITagTarget
{
    /// <summary>ResourceTypeForTagging value, e.g. PatchBaseline.</summary>
    string ResourceType { get; }

    /// <summary>resource_type under which the tags table stores this type's tags.</summary>
    string StoredAs { get; }

    /// <summary>The id as stored (e.g. a pb-… id for a baseline ARN), or null when no such resource can carry tags.</summary>
    string? Resolve(string resourceId);
}
