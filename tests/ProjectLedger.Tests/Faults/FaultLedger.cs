using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Processes;
using Shouldly;

namespace ProjectLedger.Tests.Faults;

/// <summary>A stored event as the fault checks read it straight from mt_events.</summary>
public sealed record StoredEvent(long Sequence, Guid StreamId, long Version, string Type, string? Tag);

/// <summary>What one command of the load got: its tag (stored as the event's reason), the stream and the answer.</summary>
public sealed record Sent(string Tag, string Action, Guid? Stream, int Status, long? Version, int ExpectedEvents, TimeSpan Elapsed);

/// <summary>Reads a process's schema directly, and checks the event log against what the clients were told.</summary>
public static class FaultLedger
{
    public static async Task<IReadOnlyList<StoredEvent>> Events(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select seq_id, stream_id, version, type, headers->>'reason' from {schema}.mt_events order by seq_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync())
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        return events;
    }

    /// <summary>Waits until every projection shard has reached the last stored event.</summary>
    public static async Task WaitForProjections(string connectionString, string schema, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < timeout)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"select (select coalesce(max(seq_id), 0) from {schema}.mt_events), " +
                $"(select coalesce(min(last_seq_id), -1) from {schema}.mt_event_progression where name like 'DashboardProjection%')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (head, shard) = (reader.GetInt64(0), reader.GetInt64(1));
            if (shard >= head) return;
            last = $"events up to {head}, dashboards at {shard}";
            await Task.Delay(200);
        }
        throw new TimeoutException($"The dashboards did not catch up within {timeout.TotalSeconds} s: {last}.");
    }

    /// <summary>
    /// Every event of the log is accounted for: versions are contiguous per stream; each acknowledged
    /// command's events are there exactly once, in its stream, ending at the version it was told; a
    /// command whose answer was lost (the process died) is there completely or not at all; nothing else.
    /// </summary>
    public static void ShouldMatch(this IReadOnlyList<StoredEvent> events, IReadOnlyCollection<Sent> sent)
    {
        foreach (var stream in events.GroupBy(e => e.StreamId))
            stream.Select(e => e.Version).Order().ShouldBe(Enumerable.Range(1, stream.Count()).Select(v => (long)v),
                $"stream {stream.Key} has gaps or duplicate versions");

        // Every command of the load carries a tag, so every event must have one: per stream, the events
        // are exactly the acknowledged commands' plus the lost ones that went through.
        events.Where(e => e.Tag is null).ShouldBeEmpty("events no command of the test accounts for");
        var byTag = events.Where(e => e.Tag is not null).GroupBy(e => e.Tag!).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var ack in sent.Where(s => s.Status is >= 200 and < 300))
        {
            byTag.TryGetValue(ack.Tag, out var stored).ShouldBeTrue($"acknowledged {ack.Action} {ack.Tag} ({ack.Status}, version {ack.Version}) has no events");
            stored!.Count.ShouldBe(ack.ExpectedEvents, $"{ack.Action} {ack.Tag} stored {stored.Count} events, not {ack.ExpectedEvents}: applied twice?");
            stored.ShouldAllBe(e => e.StreamId == ack.Stream, $"{ack.Tag} landed in another stream");
            stored.Max(e => e.Version).ShouldBe(ack.Version!.Value, $"{ack.Tag} was answered version {ack.Version}");
            stored.Select(e => e.Version).Order().ShouldBe(
                Enumerable.Range((int)(ack.Version!.Value - ack.ExpectedEvents + 1), ack.ExpectedEvents).Select(v => (long)v));
        }
        var known = sent.ToDictionary(s => s.Tag);
        foreach (var (tag, stored) in byTag)
        {
            known.TryGetValue(tag, out var command).ShouldBeTrue($"events tagged {tag} come from no command the test sent");
            if (command!.Status is >= 200 and < 300) continue;
            // No answer, or 503 (the database went away around the commit): the outcome was not known.
            command.Status.ShouldBeOneOf([0, 503], $"{command.Action} {tag} was refused with {command.Status} but stored {stored.Count} events");
            stored.Count.ShouldBe(command.ExpectedEvents, $"{command.Action} {tag}, whose answer was lost, stored {stored.Count} events, not 0 or {command.ExpectedEvents}");
        }
    }

    private static readonly string[] DashboardTables = ["mt_doc_funnelview", "mt_doc_participationview", "mt_doc_pilotcard", "mt_doc_pilotssummary", "mt_doc_dashboardexperiment"];

    /// <summary>
    /// Every dashboard document of a schema as stored (jsonb), normalised: UpdatedAt (the time of the
    /// batch that wrote it) removed and object keys sorted.
    /// </summary>
    public static async Task<Dictionary<string, string>> Dashboards(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var docs = new Dictionary<string, string>();
        foreach (var table in DashboardTables)
        {
            await using var command = new NpgsqlCommand($"select id::text, data::text from {schema}.{table}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var data = JsonNode.Parse(reader.GetString(1))!.AsObject();
                data.Remove("updatedAt");
                docs[$"{table}/{reader.GetString(0)}"] = Sorted(data)!.ToJsonString();
            }
        }
        return docs;
    }

    /// <summary>
    /// The live documents, then the same after a rebuild from the event log by the app's own command
    /// line (`projections rebuild -p DashboardProjection`, as an operator runs it): they must be equal.
    /// The app process must be stopped first, so no daemon writes during the rebuild.
    /// </summary>
    public static async Task ShouldEqualARebuild(string connectionString, string schema)
    {
        var live = await Dashboards(connectionString, schema);
        live.Count.ShouldBeGreaterThan(0);
        await RebuildWithTheCommandLine(connectionString, schema);
        var rebuilt = await Dashboards(connectionString, schema);
        rebuilt.Keys.ShouldBe(live.Keys, ignoreOrder: true);
        foreach (var (id, json) in live) rebuilt[id].ShouldBe(json, $"dashboard document {id} differs from its rebuild");
    }

    /// <summary>
    /// A separate process with its settings given explicitly: an in-process host (LedgerApp.Start)
    /// sets process-wide environment variables for a moment, which an app process started at that
    /// moment by a test running in parallel would inherit.
    /// </summary>
    private static async Task RebuildWithTheCommandLine(string connectionString, string schema)
    {
        var host = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = Path.Combine(AppProcess.RepositoryRoot(), "src", "ProjectLedger"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ProjectLedger.dll"), "projections", "rebuild", "-p", "DashboardProjection" })
            start.ArgumentList.Add(arg);
        start.Environment["LEDGER_DB"] = connectionString;
        start.Environment["LEDGER_SCHEMA"] = schema;
        start.Environment["LEDGER_DEMO"] = "1";
        start.Environment["LEDGER_DAEMON"] = "0";
        start.Environment["LEDGER_LOG_FORMAT"] = "text";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("projections rebuild did not finish within 90 s: " + await stdout);
        }
        var output = await stdout + await stderr;
        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain("Finished rebuilding DashboardProjection", customMessage: output);
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(x => Sorted(x?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}

/// <summary>
/// A steady stream of commands from several clients to one app process: proposals, plans, pilots and
/// participation records, each tagged with a unique reason. Whatever happens to the process or its
/// database, every answer is kept.
/// </summary>
public sealed class CommandLoad(HttpClient client, string theme, int seed)
{
    private readonly ConcurrentBag<Sent> _sent = [];
    private readonly List<Guid> _ideas = [], _planned = [], _piloting = [];
    private readonly Lock _gate = new();
    private int _counter;

    public IReadOnlyCollection<Sent> Sent => _sent;
    public int Acknowledged => _sent.Count(s => s.Status is >= 200 and < 300);
    public IReadOnlyList<Guid> Piloting { get { lock (_gate) return [.. _piloting]; } }

    /// <summary>Runs `clients` loops until the token is cancelled.</summary>
    public Task Run(int clients, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => Loop(new Random(seed + i), stop))));

    /// <summary>One command of each kind, so the load starts with experiments in every stage it uses.</summary>
    public async Task Seed()
    {
        var random = new Random(seed - 1);
        foreach (var _ in Enumerable.Range(0, 3))
            foreach (var action in new[] { "propose", "plan", "pilot" })
                (await Step(action, random)).ShouldNotBeNull().Status.ShouldBeInRange(200, 299);
    }

    private async Task Loop(Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var roll = random.NextDouble();
            var action = roll < 0.2 ? "propose" : roll < 0.35 ? "plan" : roll < 0.5 ? "pilot" : "participation";
            var sent = await Step(action, random);
            if (sent is { Status: 0 }) await Task.Delay(50, CancellationToken.None); // the process is down: do not spin
        }
    }

    private async Task<Sent?> Step(string action, Random random)
    {
        var tag = $"load-{seed}-{Interlocked.Increment(ref _counter)}";
        Guid? id = null;
        JsonObject body;
        string url;
        int events;
        switch (action)
        {
            case "propose":
                body = Node(ExperimentBodies.ChatAdvice(theme: theme));
                url = "/api/experiments";
                events = 1;
                break;
            case "plan":
                id = Take(_ideas, random);
                body = Node(ExperimentBodies.Plan());
                url = $"/api/experiments/{id}/plan";
                events = 2;
                break;
            case "pilot":
                id = Take(_planned, random);
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                body = Node(new { sites = new[] { "Tikkurilan sosiaali- ja terveysasema" }, start = today.AddDays(-3).ToString("yyyy-MM-dd"), plannedEnd = today.AddDays(60).ToString("yyyy-MM-dd"), channels = new[] { "chat" } });
                url = $"/api/experiments/{id}/pilot";
                events = 2;
                break;
            default:
                id = Peek(_piloting, random);
                body = Node(ExperimentBodies.Myllypuro());
                url = $"/api/experiments/{id}/participation";
                events = 1;
                break;
        }
        if (action != "propose" && id is null) return null;
        body["reason"] = tag;
        var answer = await client.PostJson(url, body);
        long? version = answer.IsSuccess ? answer.Json["version"]!.GetValue<long>() : null;
        if (action == "propose" && answer.IsSuccess) id = answer.Json["id"]!.GetValue<Guid>();
        var sent = new Sent(tag, action, id, answer.Status, version, events, answer.Elapsed);
        _sent.Add(sent);
        lock (_gate)
        {
            // A taken experiment moves on when its command was acknowledged and goes back when it was
            // refused; when the answer was lost its stage is unknown, so the load leaves it alone.
            var next = action switch { "propose" => _ideas, "plan" => _planned, "pilot" => _piloting, _ => null };
            var back = action switch { "plan" => _ideas, "pilot" => _planned, _ => null };
            if (id is { } taken && next is not null && answer.IsSuccess) next.Add(taken);
            else if (id is { } returned && back is not null && answer.Status >= 400) back.Add(returned);
        }
        return sent;
    }

    private Guid? Take(List<Guid> from, Random random)
    {
        lock (_gate)
        {
            if (from.Count == 0) return null;
            var index = random.Next(from.Count);
            var id = from[index];
            from.RemoveAt(index);
            return id;
        }
    }

    private Guid? Peek(List<Guid> from, Random random)
    {
        lock (_gate) return from.Count == 0 ? null : from[random.Next(from.Count)];
    }

    private static JsonObject Node(object body) => JsonSerializer.SerializeToNode(body, Api.Json)!.AsObject();
}
