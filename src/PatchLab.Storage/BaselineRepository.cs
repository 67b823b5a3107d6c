using System.Text.Json;
using Dapper;
using PatchLab.Domain.Baselines;

namespace PatchLab.Storage;

/// <summary>
/// Custom patch baselines (stored as JSON definitions), the account's default baseline per OS, patch-group
/// registrations and frozen baseline snapshots. AWS-owned baselines are not stored.
/// </summary>
public sealed class BaselineRepository(Database db)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    /// <summary>A patch-group registration.</summary>
    /// <param name="PatchGroup">Patch group name.</param>
    /// <param name="OperatingSystem">OS of the registered baseline.</param>
    /// <param name="BaselineId">Baseline id (pb-… or an AWS-owned ARN).</param>
    public sealed record PatchGroupRegistration(string PatchGroup, string OperatingSystem, string BaselineId);

    /// <summary>Inserts a new custom baseline.</summary>
    public void Insert(PatchBaseline b, string? clientToken)
    {
        using var c = db.Open();
        c.Execute("""
            INSERT INTO patch_baselines (baseline_id, name, operating_system, definition_json, client_token, created_date, modified_date, seq)
            VALUES (@BaselineId, @Name, @OperatingSystem, @json, @clientToken, @created, @modified, (SELECT COALESCE(MAX(seq), 0) + 1 FROM patch_baselines))
            """, new { b.BaselineId, b.Name, b.OperatingSystem, json = Serialize(b), clientToken, created = Database.Ts(b.CreatedDate), modified = Database.Ts(b.ModifiedDate) });
    }

    /// <summary>
    /// Replaces a custom baseline's definition with <paramref name="change"/> applied to the stored one, reading and writing
    /// in one write transaction (BEGIN IMMEDIATE): two UpdatePatchBaseline calls at once take turns, so the second changes
    /// what the first stored instead of writing back a copy read before it (which dropped the first one's fields). An
    /// exception thrown by <paramref name="change"/> rolls back and propagates. Null when the baseline does not exist.
    /// </summary>
    public PatchBaseline? Update(string baselineId, Func<PatchBaseline, PatchBaseline> change)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(deferred: false);
        var json = c.QuerySingleOrDefault<string>("SELECT definition_json FROM patch_baselines WHERE baseline_id=@baselineId", new { baselineId }, tx);
        if (json is null)
        {
            return null;
        }
        var b = change(Deserialize(json)) with { BaselineId = baselineId };
        c.Execute("UPDATE patch_baselines SET name=@Name, definition_json=@json, modified_date=@modified WHERE baseline_id=@BaselineId",
            new { b.BaselineId, b.Name, json = Serialize(b), modified = Database.Ts(b.ModifiedDate) }, tx);
        tx.Commit();
        return b;
    }

    /// <summary>Deletes a custom baseline and its tags. Returns false when it did not exist.</summary>
    public bool Delete(string baselineId)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.Execute("DELETE FROM patch_baselines WHERE baseline_id=@baselineId", new { baselineId }, tx);
        c.Execute("DELETE FROM tags WHERE resource_type='PatchBaseline' AND resource_id=@baselineId", new { baselineId }, tx);
        c.Execute("DELETE FROM patch_snapshots WHERE baseline_id=@baselineId", new { baselineId }, tx);
        tx.Commit();
        return n > 0;
    }

    /// <summary>A custom baseline, or null.</summary>
    public PatchBaseline? Get(string baselineId)
    {
        using var c = db.Open();
        var json = c.QuerySingleOrDefault<string>("SELECT definition_json FROM patch_baselines WHERE baseline_id=@baselineId", new { baselineId });
        return json is null ? null : Deserialize(json);
    }

    /// <summary>Every custom baseline in creation order.</summary>
    public IReadOnlyList<PatchBaseline> List()
    {
        using var c = db.Open();
        return c.Query<string>("SELECT definition_json FROM patch_baselines ORDER BY seq").Select(Deserialize).ToList();
    }

    /// <summary>The account default registered for an OS, or null (then the AWS-owned baseline is the default).</summary>
    public string? DefaultFor(string operatingSystem)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<string>("SELECT baseline_id FROM default_patch_baselines WHERE operating_system=@operatingSystem", new { operatingSystem });
    }

    /// <summary>Registers the default baseline of an OS.</summary>
    public void SetDefault(string operatingSystem, string baselineId)
    {
        using var c = db.Open();
        c.Execute("""
            INSERT INTO default_patch_baselines (operating_system, baseline_id) VALUES (@operatingSystem, @baselineId)
            ON CONFLICT(operating_system) DO UPDATE SET baseline_id=excluded.baseline_id
            """, new { operatingSystem, baselineId });
    }

    /// <summary>Registers a baseline for a patch group. Returns the baseline already registered for that group and OS instead, if any.</summary>
    public string? RegisterPatchGroup(string patchGroup, string operatingSystem, string baselineId)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var existing = c.QuerySingleOrDefault<string>("SELECT baseline_id FROM patch_groups WHERE patch_group=@patchGroup AND operating_system=@operatingSystem",
            new { patchGroup, operatingSystem }, tx);
        if (existing is null)
        {
            c.Execute("""
                INSERT INTO patch_groups (patch_group, operating_system, baseline_id, seq)
                VALUES (@patchGroup, @operatingSystem, @baselineId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM patch_groups))
                """, new { patchGroup, operatingSystem, baselineId }, tx);
        }
        tx.Commit();
        return existing;
    }

    /// <summary>Removes a registration. Returns false when that baseline was not registered for the group.</summary>
    public bool DeregisterPatchGroup(string patchGroup, string baselineId)
    {
        using var c = db.Open();
        return c.Execute("DELETE FROM patch_groups WHERE patch_group=@patchGroup AND baseline_id=@baselineId", new { patchGroup, baselineId }) > 0;
    }

    /// <summary>The baseline registered for a patch group and OS, or null.</summary>
    public string? BaselineForPatchGroup(string patchGroup, string operatingSystem)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<string>("SELECT baseline_id FROM patch_groups WHERE patch_group=@patchGroup AND operating_system=@operatingSystem",
            new { patchGroup, operatingSystem });
    }

    /// <summary>Every registration in registration order.</summary>
    public IReadOnlyList<PatchGroupRegistration> PatchGroups()
    {
        using var c = db.Open();
        return c.Query<(string PatchGroup, string OperatingSystem, string BaselineId)>(
                "SELECT patch_group, operating_system, baseline_id FROM patch_groups ORDER BY seq")
            .Select(r => new PatchGroupRegistration(r.PatchGroup, r.OperatingSystem, r.BaselineId)).ToList();
    }

    /// <summary>
    /// The frozen (baseline, evaluation instant) of a snapshot: stored on first use, returned unchanged afterwards, so
    /// every node of one SnapshotId sees the same approved set.
    /// </summary>
    public (PatchBaseline Baseline, DateTimeOffset EvaluatedAt) FreezeSnapshot(string snapshotId, PatchBaseline baseline, DateTimeOffset now)
    {
        using var c = db.Open();
        c.Execute("""
            INSERT INTO patch_snapshots (snapshot_id, baseline_id, definition_json, evaluated_at) VALUES (@snapshotId, @BaselineId, @json, @now)
            ON CONFLICT(snapshot_id, baseline_id) DO NOTHING
            """, new { snapshotId, baseline.BaselineId, json = Serialize(baseline), now = Database.Ts(now) });
        var row = c.QuerySingle<(string Json, string EvaluatedAt)>(
            "SELECT definition_json, evaluated_at FROM patch_snapshots WHERE snapshot_id=@snapshotId AND baseline_id=@BaselineId",
            new { snapshotId, baseline.BaselineId });
        return (Deserialize(row.Json), Database.ParseTs(row.EvaluatedAt));
    }

    private static string Serialize(PatchBaseline b) => JsonSerializer.Serialize(b, Options);

    private static PatchBaseline Deserialize(string json) =>
        JsonSerializer.Deserialize<PatchBaseline>(json, Options) ?? throw new InvalidOperationException("A stored patch baseline definition is empty.");
}
