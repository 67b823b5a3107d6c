using Dapper;

namespace PatchLab.Storage;

/// <summary>Tags of any resource type (AddTagsToResource / RemoveTagsFromResource / ListTagsForResource).</summary>
public sealed class TagRepository(Database db)
{
    /// <summary>Tags of a resource, by key.</summary>
    public IReadOnlyDictionary<string, string> Get(string resourceType, string resourceId)
    {
        using var c = db.Open();
        return c.Query<(string Key, string Value)>("SELECT key, value FROM tags WHERE resource_type=@resourceType AND resource_id=@resourceId ORDER BY key",
            new { resourceType, resourceId }).ToDictionary(t => t.Key, t => t.Value);
    }

    /// <summary>Adds or overwrites tags.</summary>
    public void Add(string resourceType, string resourceId, IReadOnlyDictionary<string, string> tags)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        foreach (var (key, value) in tags)
        {
            c.Execute("""
                INSERT INTO tags (resource_type, resource_id, key, value) VALUES (@resourceType, @resourceId, @key, @value)
                ON CONFLICT(resource_type, resource_id, key) DO UPDATE SET value=excluded.value
                """, new { resourceType, resourceId, key, value }, tx);
        }
        tx.Commit();
    }

    /// <summary>Removes tags by key (unknown keys are ignored).</summary>
    public void Remove(string resourceType, string resourceId, IReadOnlyCollection<string> keys)
    {
        using var c = db.Open();
        c.Execute("DELETE FROM tags WHERE resource_type=@resourceType AND resource_id=@resourceId AND key IN @keys", new { resourceType, resourceId, keys });
    }
}
