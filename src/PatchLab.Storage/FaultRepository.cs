using Dapper;
using PatchLab.Domain.Model;

namespace PatchLab.Storage;

/// <summary>Injected faults (issue 7), oldest first.</summary>
public sealed class FaultRepository(Database db)
{
    private const string Columns = "fault_id, kind, spec_json, state, instance_ids, created_at, starts_at, started_at, ends_at, ended_at";

    /// <summary>Stores a new fault.</summary>
    public void Insert(FaultRecord f)
    {
        using var c = db.Open();
        c.Execute($"INSERT INTO faults ({Columns}) VALUES (@FaultId, @Kind, @SpecJson, @State, @Ids, @Created, @Starts, @Started, @Ends, @Ended)",
            Args(f));
    }

    /// <summary>Writes a fault's state, instances and times.</summary>
    public void Update(FaultRecord f)
    {
        using var c = db.Open();
        c.Execute("UPDATE faults SET state = @State, instance_ids = @Ids, started_at = @Started, ends_at = @Ends, ended_at = @Ended WHERE fault_id = @FaultId",
            Args(f));
    }

    /// <summary>One fault, or null.</summary>
    public FaultRecord? Get(string faultId)
    {
        using var c = db.Open();
        return c.Query<Row>($"SELECT {Columns} FROM faults WHERE fault_id = @faultId", new { faultId }).Select(ToRecord).FirstOrDefault();
    }

    /// <summary>Every fault, oldest first.</summary>
    public IReadOnlyList<FaultRecord> List()
    {
        using var c = db.Open();
        return c.Query<Row>($"SELECT {Columns} FROM faults ORDER BY seq").Select(ToRecord).ToList();
    }

    /// <summary>Faults not yet ended, oldest first.</summary>
    public IReadOnlyList<FaultRecord> Open()
    {
        using var c = db.Open();
        return c.Query<Row>($"SELECT {Columns} FROM faults WHERE state <> 'ended' ORDER BY seq").Select(ToRecord).ToList();
    }

    private static object Args(FaultRecord f) => new
    {
        f.FaultId, f.Kind, f.SpecJson, f.State, Ids = Json.Of(f.InstanceIds), Created = Database.Ts(f.CreatedAt), Starts = Database.Ts(f.StartsAt),
        Started = Database.Ts(f.StartedAt), Ends = Database.Ts(f.EndsAt), Ended = Database.Ts(f.EndedAt),
    };

    private static FaultRecord ToRecord(Row r) => new()
    {
        FaultId = r.FaultId, Kind = r.Kind, SpecJson = r.SpecJson, State = r.State, InstanceIds = Json.Read(r.InstanceIds, new List<string>()),
        CreatedAt = Database.ParseTs(r.CreatedAt), StartsAt = Database.ParseTs(r.StartsAt), StartedAt = Database.ParseTsOrNull(r.StartedAt),
        EndsAt = Database.ParseTsOrNull(r.EndsAt), EndedAt = Database.ParseTsOrNull(r.EndedAt),
    };

    private sealed class Row
    {
        public string FaultId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string SpecJson { get; set; } = "";
        public string State { get; set; } = "";
        public string InstanceIds { get; set; } = "[]";
        public string CreatedAt { get; set; } = "";
        public string StartsAt { get; set; } = "";
        public string? StartedAt { get; set; }
        public string? EndsAt { get; set; }
        public string? EndedAt { get; set; }
    }
}
