namespace ProjectLedger.Dashboards;

/// <summary>
/// The funnel and participation of a scope (national or a county) at the end of a UTC day (national:
/// of a 3-hour slot), folded from exactly the experiment events with seq_id ≤ HighWater and timestamp
/// &lt; Before. Kept only for the days (slots) the scope's experiments changed. Its id is "{scope}@{Before}".
/// </summary>
public sealed class DashboardSnapshot
{
    public string Id { get; set; } = "";
    public string Scope { get; set; } = "";
    public DateTimeOffset Before { get; set; }
    public long HighWater { get; set; }
    public FunnelView Funnel { get; set; } = new();
    public ParticipationView Participation { get; set; } = new();
}

/// <summary>How far the snapshots reach: every day before Through is stored (as of HighWater).</summary>
public sealed class DashboardSnapshotMark
{
    public const string Key = "dashboards";
    public string Id { get; set; } = Key;
    public long HighWater { get; set; }
    public DateTimeOffset Through { get; set; }
    public DateTimeOffset BuiltAt { get; set; }
}

/// <summary>A scope's funnel and participation as of a moment.</summary>
public sealed record ScopeViewsAt(FunnelView Funnel, ParticipationView Participation);
