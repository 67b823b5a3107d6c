using Dapper;
using PatchLab.Domain.Model;

namespace PatchLab.Storage;

/// <summary>Managed instances and their tags.</summary>
public sealed class InstanceRepository(Database db)
{
    /// <summary>Inserts a launched instance with its tags.</summary>
    public void Insert(Instance i)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            INSERT INTO instances (instance_id, os, token_hash, state, age_days, launched_at, computer_name)
            VALUES (@InstanceId, @Os, @TokenHash, @State, @AgeDays, @launched, @ComputerName)
            """, new { i.InstanceId, i.Os, i.TokenHash, i.State, i.AgeDays, launched = Database.Ts(i.LaunchedAt), i.ComputerName }, tx);
        foreach (var (k, v) in i.Tags)
        {
            c.Execute("INSERT INTO tags (resource_type, resource_id, key, value) VALUES ('Instance', @id, @k, @v)", new { id = i.InstanceId, k, v }, tx);
        }
        tx.Commit();
    }

    /// <summary>One instance with tags.</summary>
    public Instance? Get(string instanceId) => List(instanceId).FirstOrDefault();

    /// <summary>All instances (or one) with their tags, in launch order.</summary>
    public IReadOnlyList<Instance> List(string? instanceId = null)
    {
        using var c = db.Open();
        var rows = c.Query<Row>("SELECT * FROM instances WHERE (@instanceId IS NULL OR instance_id=@instanceId) ORDER BY launched_at, rowid", new { instanceId }).ToList();
        var tags = c.Query<(string ResourceId, string Key, string Value)>(
                "SELECT resource_id, key, value FROM tags WHERE resource_type='Instance' AND (@instanceId IS NULL OR resource_id=@instanceId)", new { instanceId })
            .GroupBy(t => t.ResourceId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)g.ToDictionary(t => t.Key, t => t.Value));
        return rows.Select(r => r.ToModel(tags.TryGetValue(r.InstanceId, out var t) ? t : new Dictionary<string, string>())).ToList();
    }

    /// <summary>Records a registration (agent start) or a health ping.</summary>
    public void Register(string instanceId, string platformType, string platformName, string platformVersion, string agentVersion, string computerName,
        DateTimeOffset now, bool boot)
    {
        using var c = db.Open();
        c.Execute("""
            UPDATE instances SET platform_type=@platformType, platform_name=@platformName, platform_version=@platformVersion, agent_version=@agentVersion,
              computer_name=@computerName, registration_date=COALESCE(registration_date, @now), last_ping=@now,
              last_boot=CASE WHEN @boot=1 THEN @now ELSE last_boot END,
              state=CASE WHEN state IN ('rebooting','pending') THEN 'running' ELSE state END
            WHERE instance_id=@instanceId
            """, new { instanceId, platformType, platformName, platformVersion, agentVersion, computerName, now = Database.Ts(now), boot = boot ? 1 : 0 });
    }

    /// <summary>Records a ping.</summary>
    public void Ping(string instanceId, DateTimeOffset now)
    {
        using var c = db.Open();
        c.Execute("UPDATE instances SET last_ping=@now WHERE instance_id=@instanceId", new { instanceId, now = Database.Ts(now) });
    }

    /// <summary>Sets the lifecycle state (running, rebooting, stopped, terminated).</summary>
    public void SetState(string instanceId, string state)
    {
        using var c = db.Open();
        c.Execute("UPDATE instances SET state=@state WHERE instance_id=@instanceId", new { instanceId, state });
    }

    /// <summary>Adds or overwrites tags of an instance.</summary>
    public void SetTags(string instanceId, IReadOnlyDictionary<string, string> tags)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        foreach (var (k, v) in tags)
        {
            c.Execute("INSERT INTO tags (resource_type, resource_id, key, value) VALUES ('Instance', @instanceId, @k, @v) ON CONFLICT DO UPDATE SET value=excluded.value",
                new { instanceId, k, v }, tx);
        }
        tx.Commit();
    }

    /// <summary>Removes tags of an instance by key; returns how many existed.</summary>
    public int RemoveTags(string instanceId, IReadOnlyCollection<string> keys)
    {
        using var c = db.Open();
        return c.Execute("DELETE FROM tags WHERE resource_type='Instance' AND resource_id=@instanceId AND key IN @keys", new { instanceId, keys = keys.ToArray() });
    }

    private sealed class Row
    {
        public string InstanceId { get; set; } = "";
        public string Os { get; set; } = "";
        public string TokenHash { get; set; } = "";
        public string State { get; set; } = "";
        public long AgeDays { get; set; }
        public string LaunchedAt { get; set; } = "";
        public string? ComputerName { get; set; }
        public string? PlatformType { get; set; }
        public string? PlatformName { get; set; }
        public string? PlatformVersion { get; set; }
        public string? AgentVersion { get; set; }
        public string? RegistrationDate { get; set; }
        public string? LastPing { get; set; }
        public string? LastBoot { get; set; }

        public Instance ToModel(IReadOnlyDictionary<string, string> tags) => new()
        {
            InstanceId = InstanceId, Os = Os, TokenHash = TokenHash, State = State, AgeDays = (int)AgeDays, LaunchedAt = Database.ParseTs(LaunchedAt),
            ComputerName = ComputerName, PlatformType = PlatformType, PlatformName = PlatformName, PlatformVersion = PlatformVersion,
            AgentVersion = AgentVersion, RegistrationDate = Database.ParseTsOrNull(RegistrationDate), LastPing = Database.ParseTsOrNull(LastPing),
            LastBoot = Database.ParseTsOrNull(LastBoot), Tags = tags,
        };
    }
}
