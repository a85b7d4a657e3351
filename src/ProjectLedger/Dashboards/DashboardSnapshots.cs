using System.Text.Json;
using Marten;
using Npgsql;
using ProjectLedger.Experiments;
using ProjectLedger.Streams;

namespace ProjectLedger.Dashboards;

/// <summary>
/// The national and county funnels and participation as of any moment, without folding the whole
/// log per request. Dated snapshots (DashboardSnapshot) hold each scope at the end of a day (the
/// national scope every 3 hours), folded from the events with seq_id ≤ H and timestamp before that
/// end. As of T: the scope's latest
/// snapshot that ends by T, then every stream touched since — an event from its end up to T, or one
/// appended after H with an earlier time (backdated) — has its contribution in the snapshot (its
/// events with seq_id ≤ H before the end) taken away and its state at T (its events up to T, in
/// sequence order) added. That is exact whatever was appended after the snapshot was built: an old
/// snapshot only means a larger delta.
/// </summary>
public sealed class DashboardSnapshots(ExperimentEventRows rows, LedgerTables tables, IDocumentStore store, TimeProvider clock)
{
    private const int StoreBatch = 500;

    public static bool Kept(DashboardScope scope) => scope.Kind is ScopeKind.National or ScopeKind.County;

    private static IEnumerable<string> KeptScopes(Experiment e) => [DashboardScope.National.Id, DashboardScope.County(e.County).Id];

    /// <summary>The scope's funnel and participation at a moment from its nearest snapshot; null when the scope keeps none by then.</summary>
    public async Task<ScopeViewsAt?> At(IQuerySession session, DashboardScope scope, DateTimeOffset at, CancellationToken ct)
    {
        if (!Kept(scope)) return null;
        var id = scope.Id;
        var snapshot = await session.Query<DashboardSnapshot>()
            .Where(s => s.Scope == id && s.Before <= at)
            .OrderByDescending(s => s.Before)
            .FirstOrDefaultAsync(ct);
        if (snapshot is null) return null;

        var touched = await TouchedStreams(scope, snapshot, at, ct);
        var funnel = snapshot.Funnel;
        var participation = snapshot.Participation;
        if (touched.Length == 0) return new ScopeViewsAt(funnel, participation);

        var events = new List<ExperimentEventRow>();
        await foreach (var e in rows.Read("e.stream_id = any($2) and e.timestamp <= $3", "e.seq_id", [touched, at], ct)) events.Add(e);
        var before = ExperimentEventRows.Fold(events.Where(e => e.Sequence <= snapshot.HighWater && e.Timestamp < snapshot.Before));
        var after = ExperimentEventRows.Fold(events);
        foreach (var state in before.Values.Where(s => DashboardScope.Of(s).Contains(scope)))
        {
            funnel.Apply(state, -1);
            participation.Apply(state, -1);
        }
        foreach (var state in after.Values.Where(s => DashboardScope.Of(s).Contains(scope)))
        {
            funnel.Apply(state, +1);
            participation.Apply(state, +1);
            if (state.LastChangedAt > funnel.UpdatedAt) funnel.UpdatedAt = participation.UpdatedAt = state.LastChangedAt;
        }
        return new ScopeViewsAt(funnel, participation);
    }

    private async Task<Guid[]> TouchedStreams(DashboardScope scope, DashboardSnapshot snapshot, DateTimeOffset at, CancellationToken ct)
    {
        var inCounty = scope.Kind == ScopeKind.County ? $" and e.stream_id in (select id from {rows.Schema}.mt_doc_experiment where county = $5)" : "";
        // Two branches, each on its own index (time; sequence), rather than one OR that a generic plan may scan for.
        await using var command = rows.DataSource.CreateCommand($"""
            select e.stream_id from {rows.Schema}.mt_events e
             where e.timestamp >= $2 and e.timestamp <= $3 and e.type = any($1) and not e.is_archived{inCounty}
            union
            select e.stream_id from {rows.Schema}.mt_events e
             where e.seq_id > $4 and e.timestamp < $2 and e.type = any($1) and not e.is_archived{inCounty}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.TypeNames });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.Before });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.HighWater });
        if (scope.Kind == ScopeKind.County) command.Parameters.Add(new NpgsqlParameter { Value = scope.Key });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return [.. ids];
    }

    /// <summary>
    /// Stores the snapshots of the complete days not stored yet (up to yesterday, UTC; nationally each
    /// 3-hour slot of those days, a county each day, each only when its experiments changed): one pass over
    /// the experiment events in time order, each stream folded in sequence order (a stream whose
    /// event arrives before one it already holds — appended later with an earlier time — is folded
    /// again from its events so far). Returns the number of snapshots stored.
    /// </summary>
    public async Task<int> Advance(CancellationToken ct)
    {
        var today = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        DashboardSnapshotMark? mark;
        await using (var query = store.QuerySession()) mark = await query.LoadAsync<DashboardSnapshotMark>(DashboardSnapshotMark.Key, ct);
        var from = mark?.Through ?? DateTimeOffset.MinValue;
        if (from >= today) return 0;

        var high = await tables.EventLogHeadAsync(ct);
        var states = new Dictionary<Guid, (Experiment? State, long Last)>();
        var funnels = new Dictionary<string, FunnelView>();
        var participation = new Dictionary<string, ParticipationView>();
        var touched = new HashSet<string>();
        var pending = new List<DashboardSnapshot>();
        var stored = 0;
        DateTimeOffset? slot = null;

        async Task Flush()
        {
            if (pending.Count == 0) return;
            await using var session = store.LightweightSession();
            session.Store(pending.ToArray());
            await session.SaveChangesAsync(ct);
            stored += pending.Count;
            pending.Clear();
        }

        // The national scope changes every few minutes: its snapshots are 3 hours apart, so the delta
        // since one stays small; a county's a day apart.
        async Task Close(DateTimeOffset start, bool dayEnds)
        {
            var closing = touched.Where(scope => scope == DashboardScope.National.Id || dayEnds).ToList();
            if (start >= from && start < today)
                foreach (var scope in closing)
                {
                    var before = scope == DashboardScope.National.Id ? start + NationalSlot : DayOf(start).AddDays(1);
                    pending.Add(new DashboardSnapshot
                    {
                        Id = $"{scope}@{before:yyyy-MM-ddTHH:mm}", Scope = scope, Before = before, HighWater = high,
                        Funnel = Copy(funnels[scope]), Participation = Copy(participation[scope]),
                    });
                }
            touched.ExceptWith(closing);
            if (pending.Count >= StoreBatch) await Flush();
        }

        await foreach (var e in rows.Read("e.seq_id <= $2", "e.timestamp, e.seq_id", [high], ct))
        {
            var eventSlot = SlotOf(e.Timestamp);
            if (slot != eventSlot)
            {
                if (slot is { } closing) await Close(closing, dayEnds: DayOf(eventSlot) != DayOf(closing));
                slot = eventSlot;
                if (eventSlot >= today) break;
            }
            states.TryGetValue(e.StreamId, out var known);
            var before = known.State;
            var after = known.Last > e.Sequence
                ? (await Refold(e, high, ct))
                : Experiment.Evolve(before, e.StreamId, e.Data, e.Version, e.Timestamp);
            states[e.StreamId] = (after, Math.Max(known.Last, e.Sequence));
            if (before is not null)
                foreach (var scope in KeptScopes(before))
                {
                    funnels[scope].Apply(before, -1);
                    participation[scope].Apply(before, -1);
                    touched.Add(scope);
                }
            if (after is not null)
                foreach (var scope in KeptScopes(after))
                {
                    var f = funnels.TryGetValue(scope, out var known1) ? known1 : funnels[scope] = new FunnelView { Id = scope };
                    var p = participation.TryGetValue(scope, out var known2) ? known2 : participation[scope] = new ParticipationView { Id = scope };
                    f.Apply(after, +1);
                    p.Apply(after, +1);
                    if (e.Timestamp > f.UpdatedAt) f.UpdatedAt = p.UpdatedAt = e.Timestamp;
                    touched.Add(scope);
                }
        }
        if (slot is { } last && last < today) await Close(last, dayEnds: true);
        await Flush();

        await using (var session = store.LightweightSession())
        {
            session.Store(new DashboardSnapshotMark { HighWater = high, Through = today, BuiltAt = clock.GetUtcNow() });
            await session.SaveChangesAsync(ct);
        }
        return stored;
    }

    /// <summary>The stream's events up to this one (in time, then sequence), folded in sequence order.</summary>
    private async Task<Experiment?> Refold(ExperimentEventRow e, long high, CancellationToken ct)
    {
        var events = new List<ExperimentEventRow>();
        await foreach (var row in rows.Read("e.stream_id = $2 and e.seq_id <= $3 and (e.timestamp, e.seq_id) <= ($4, $5)", "e.seq_id",
                           [e.StreamId, high, e.Timestamp, e.Sequence], ct))
            events.Add(row);
        return ExperimentEventRows.Fold(events).GetValueOrDefault(e.StreamId);
    }

    private static readonly TimeSpan NationalSlot = TimeSpan.FromHours(3);

    private static DateTimeOffset SlotOf(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % NationalSlot.Ticks, TimeSpan.Zero);

    private static DateTimeOffset DayOf(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);

    private static T Copy<T>(T view) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(view))!;
}
