using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using ProjectLedger.Experiments;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Projects;
using Shouldly;
using Xunit.Abstractions;
using static ProjectLedger.Tests.Faults.FieldShape;

namespace ProjectLedger.Tests.Faults;

/// <summary>
/// Bad input at volume: a few thousand generated malformed or hostile bodies (fixed seed, so a failure
/// reproduces) to every write endpoint, against valid and unknown ids and experiments in every stage.
/// Every answer must be 400/404/409/413 problem details — never a 2xx, never a 500 — and the event
/// log must not grow by a single event.
/// </summary>
[Collection(LedgerCollection.Name)]
[Trait("Category", "Faults")]
public sealed class HostileInputTests(LedgerApp app, ITestOutputHelper output)
{
    public const int Seed = 20260512;
    private const int MutatedPerEndpoint = 200;
    private static readonly int[] Refusals = [400, 404, 409, 413];

    public static IReadOnlyList<WriteEndpoint> Endpoints { get; } = BuildEndpoints();

    [Fact]
    public async Task thousands_of_hostile_bodies_get_problem_details_never_a_500_and_store_nothing()
    {
        var targets = await GivenTargets();
        var before = await app.EventCount();
        var random = new Random(Seed);
        var bodies = new HostileBodies(random);
        var cases = new List<(HostileCase Case, int[] Allowed)>();

        foreach (var endpoint in Endpoints)
        {
            var forEndpoint = targets.For(endpoint);
            // Mutated bodies: mostly at a target where the command is allowed, so validation is what refuses them.
            for (var i = 0; i < MutatedPerEndpoint; i++)
            {
                var target = forEndpoint.Allowed.Count > 0 && random.NextDouble() < 0.7 ? bodies.Pick(forEndpoint.Allowed) : bodies.Pick(forEndpoint.All);
                var (what, body) = bodies.Mutated(endpoint);
                cases.Add((new HostileCase(endpoint, target.Label, endpoint.Url(target.Id), body, what), Refusals));
            }
            // Bodies broken as a whole, each at a random target.
            foreach (var (what, body) in HostileBodies.WholeBodies())
            {
                var target = bodies.Pick(forEndpoint.All);
                // POST /resume takes no fields: no body (or JSON null) is how api.md's `/resume {}` may be sent.
                if (endpoint.Name == StageRules.Resume && what is "empty body" or "whitespace body" or "JSON null" && target.Label == "OnHold")
                    target = forEndpoint.All.First(t => t.Label == "Idea");
                cases.Add((new HostileCase(endpoint, target.Label, endpoint.Url(target.Id), body, what), Refusals));
            }
            // Skipped stages and wrong streams: a valid body where the command does not fit.
            foreach (var target in forEndpoint.All.Except(forEndpoint.Allowed))
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(endpoint.ValidBody());
                cases.Add((new HostileCase(endpoint, target.Label, endpoint.Url(target.Id), body, "valid body, command does not fit"),
                    target.Stream ? [409] : [404]));
            }
        }

        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        foreach (var (c, allowed) in cases)
        {
            var (status, contentType, text) = await Send(c);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var problem = status >= 400 && contentType?.StartsWith("application/problem+json") == true && ProblemStatus(text) == status;
            if (!allowed.Contains(status) || !problem)
                failures.Add($"{c.Endpoint.Name} at {c.Target} ({c.What}) -> {status} {contentType}: {Clip(text)}\n    POST {Clip(c.Url)}\n    body: {c.BodyText}");
        }
        var after = await app.EventCount();

        output.WriteLine($"seed {Seed}: {cases.Count} requests in {clock.Elapsed.TotalSeconds:0.0} s; statuses: " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        foreach (var failure in failures.Take(40)) output.WriteLine(failure);
        if (Environment.GetEnvironmentVariable("LEDGER_FUZZ_LOG") is { Length: > 0 } log) await File.WriteAllLinesAsync(log, failures);
        failures.ShouldBeEmpty($"{failures.Count} of {cases.Count} answers were not 400/404/409/413 problem details (seed {Seed}); first:\n" +
                               string.Join("\n", failures.Take(15)));
        after.ShouldBe(before, "hostile bodies stored events");
    }

    /// <summary>What the generator found, one case each, so a regression names itself.</summary>
    [Fact]
    public async Task the_holes_the_fuzzer_found_stay_closed()
    {
        var api = new Api(app);
        var given = new ExperimentScenarios(api);
        var id = await given.PlanAsync();
        var before = await app.EventCount();

        // A NUL character reached PostgreSQL (jsonb refuses \u0000) and came back as 503 "Database unavailable".
        var title = JsonSerializer.Serialize(new { title = "Chat\0neuvonta", problem = "p", county = "vantaa-kerava", themes = new[] { "t" }, proposedByRole = "r" });
        (await api.PostRaw("/api/experiments", title, 400)).ShouldHaveFieldError("title");
        var nulReason = JsonSerializer.Serialize(new { reason = "syy\0", ended = "2026-08-31" });
        (await api.PostRaw($"/api/experiments/{id}/hold", nulReason, 400)).ShouldHaveFieldError("reason");

        // A 250 000-character reason was stored in every event's metadata.
        var longReason = ExperimentBodies.Myllypuro(reason: new string('x', ProjectLedger.Streams.StreamWrite.MaxReasonLength + 1));
        (await api.Post($"/api/experiments/{id}/participation", longReason, 400)).ShouldHaveFieldError("reason");

        // The empty UUID made Marten throw (ArgumentOutOfRangeException): 500.
        (await api.Post($"/api/experiments/{Guid.Empty}/participation", ExperimentBodies.Myllypuro(), 404)).ShouldBeProblem(404);
        (await api.Post($"/api/projects/{Guid.Empty}/close", new { summary = "x" }, 404)).ShouldBeProblem(404);

        // expectedVersion on a create was ignored: -1 or 7 still created the stream.
        (await api.Post("/api/experiments", WithVersion(ExperimentBodies.ChatAdvice(), -1), 400)).ShouldHaveFieldError("expectedVersion");
        (await api.Post("/api/projects", WithVersion(ProjectBodies.AsukkaanAsialla(), 7), 409))["currentVersion"]!.GetValue<long>().ShouldBe(0);

        // Only the first 10 roles were checked: an 11th "alien" role was stored.
        var roles = Enumerable.Repeat("delivers", 10).Append("alien").ToArray();
        (await api.Post($"/api/experiments/{id}/stakeholders", new { organisation = "Yhdistys", kind = "ngo", roles }, 400)).ShouldHaveFieldError("roles");

        // A duplicate key: the last copy won, so {"verdict":"discontinue","verdict":"adopt"} read as adopt.
        var duplicate = "{\"organisation\":\"Yhdistys\",\"kind\":\"alien\",\"kind\":\"ngo\",\"roles\":[\"delivers\"]}";
        (await api.PostRaw($"/api/experiments/{id}/stakeholders", duplicate, 400)).ShouldBeProblem(400);

        (await app.EventCount()).ShouldBe(before);
    }

    private static JsonObject WithVersion(object body, long version)
    {
        var node = JsonSerializer.SerializeToNode(body, Api.Json)!.AsObject();
        node["expectedVersion"] = version;
        return node;
    }

    private async Task<(int Status, string? ContentType, string Body)> Send(HostileCase c)
    {
        try
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Url(c.Url);
                s.ConfigureHttpContext(http =>
                {
                    http.Request.Body = new MemoryStream(c.Body);
                    http.Request.ContentLength = c.Body.Length;
                    http.Request.ContentType = "application/json";
                });
                s.WithRequestHeader("Authorization", "Bearer " + app.Token("projectOffice", "vantaa-kerava", "fuzzer"));
                s.IgnoreStatusCode();
            });
            return (result.Context.Response.StatusCode, result.Context.Response.ContentType, await result.ReadAsTextAsync());
        }
        catch (Exception e)
        {
            return (-1, null, "the host threw " + e);
        }
    }

    private static int? ProblemStatus(string text)
    {
        try { return JsonNode.Parse(text)?["status"]?.GetValue<int>(); }
        catch (Exception) { return null; }
    }

    private static string Clip(string text) => text.Length > 500 ? text[..500] + "…" : text;

    private sealed record Target(string Label, string Id, Stage? Stage, bool Stream);

    private sealed record TargetsForEndpoint(IReadOnlyList<Target> All, IReadOnlyList<Target> Allowed);

    private sealed class Targets(List<Target> experiments, List<Target> projects, List<Target> foreign)
    {
        public TargetsForEndpoint For(WriteEndpoint endpoint)
        {
            if (!endpoint.HasId) return new([new Target("new stream", "", null, true)], [new Target("new stream", "", null, true)]);
            if (endpoint.Route.StartsWith("/api/projects"))
            {
                List<Target> all = [.. projects, .. foreign.Where(f => f.Label != "project"), experiments[0] with { Label = "an experiment's id", Stream = false }];
                return new(all, projects.Where(p => p.Label == "open project").ToList());
            }
            var command = endpoint.Name;
            var allTargets = experiments.Concat(foreign).ToList();
            return new(allTargets, experiments.Where(e => StageRules.AllowedIn(e.Stage!.Value).Contains(command)).ToList());
        }
    }

    private async Task<Targets> GivenTargets()
    {
        var api = new Api(app);
        var given = new ExperimentScenarios(api);
        var openProject = (await api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        var closedProject = (await api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        await api.Post($"/api/projects/{closedProject}/close", new { summary = "Hanke päättyi." }, 200);

        var experiments = new List<Target>
        {
            new("Idea", (await given.ProposeAsync()).ToString(), Stage.Idea, true),
            new("Planned", (await given.PlanAsync()).ToString(), Stage.Planned, true),
            new("Piloting", (await given.PilotAsync()).ToString(), Stage.Piloting, true),
            new("Evaluating", (await given.EvaluateAsync()).ToString(), Stage.Evaluating, true),
            new("Evaluating with verdict adopt", (await given.EvaluatedAsync("adopt")).ToString(), Stage.Evaluating, true),
            new("Adopted", (await given.AdoptAsync()).ToString(), Stage.Adopted, true),
            new("Discontinued", (await given.DiscontinueAsync()).ToString(), Stage.Discontinued, true),
            new("OnHold", (await given.HoldAsync(() => given.PilotAsync())).ToString(), Stage.OnHold, true),
        };
        var projects = new List<Target>
        {
            new("open project", openProject.ToString(), null, true),
            new("closed project", closedProject.ToString(), null, true),
        };
        var foreign = new List<Target>
        {
            new("unknown id", Guid.NewGuid().ToString(), null, false),
            new("empty uuid", Guid.Empty.ToString(), null, false),
            new("project", openProject.ToString(), null, false),
            new("not a uuid", "not-a-uuid", null, false),
            new("path traversal", "..%2F..%2Fhealth", null, false),
        };
        return new Targets(experiments, projects, foreign);
    }

    private static IReadOnlyList<WriteEndpoint> BuildEndpoints()
    {
        static JsonObject Node(object body) => JsonSerializer.SerializeToNode(body, Api.Json)!.AsObject();
        static Dictionary<string, FieldShape> Shape(params (string, FieldShape)[] fields)
        {
            var shape = fields.ToDictionary(f => f.Item1, f => f.Item2);
            shape.TryAdd("expectedVersion", FieldShape.Version);
            shape.TryAdd("reason", Meta);
            return shape;
        }
        var goal = Object(true, ("indicator", Text(500)), ("baseline", Number(false)), ("target", Number(false)), ("unit", Text(50)));
        const string e = "/api/experiments/{id}/";
        return
        [
            new("register project", "/api/projects", () => Node(ProjectBodies.AsukkaanAsialla()), Shape(
                ("name", Text(300)), ("county", Choice), ("programme", Text(300)),
                ("workstreams", List(Object(true, ("name", Text(300)), ("goals", List(goal, 0, 100))), 1, 50)))),
            new("add goal", "/api/projects/{id}/goals", () => Node(new
            {
                workstream = "Neuvonta ja asiakasohjaus", indicator = "Chat-yhteydenottojen määrä", baseline = 0, target = 500, unit = "kpl/kk",
            }), Shape(("workstream", Text(300)), ("indicator", Text(500)), ("baseline", Number(false)), ("target", Number(false)), ("unit", Text(50)))),
            new("close project", "/api/projects/{id}/close", () => Node(new { summary = "Hanke päättyi; mallit juurrutettiin." }), Shape(("summary", Text(4000)))),
            new("propose", "/api/experiments", () => Node(ExperimentBodies.ChatAdvice()), Shape(
                ("title", Text(300)), ("problem", Text(4000)), ("county", Choice), ("projectId", ProjectRef), ("workstream", OptionalText(300)),
                ("themes", List(Text(100), 1, 20)), ("proposedByRole", Text(200)))),
            new(StageRules.Plan, e + "plan", () => Node(ExperimentBodies.Plan()), Shape(
                ("hypothesis", Text(4000)), ("targetGroup", Text(1000)),
                ("successCriteria", List(Object(true, ("metric", Text(300)), ("baseline", Number(true)), ("target", Number(true)), ("unit", Text(50))), 1, 30)),
                ("goalsServed", List(Text(500), 0, 30)), ("participationHours", Number(true, nonNegative: true)))),
            new(StageRules.Stakeholders, e + "stakeholders", () => Node(new { organisation = "Myllypuron asukasyhdistys", kind = "ngo", roles = new[] { "designedFor", "delivers" } }),
                Shape(("organisation", Text(300)), ("kind", Choice), ("roles", List(Choice, 1, 10)))),
            new(StageRules.Pilot, e + "pilot", () => Node(ExperimentBodies.Pilot()), Shape(
                ("sites", List(Text(300), 1, 100)), ("start", Date), ("plannedEnd", Date), ("channels", List(Text(100), 0, 20)))),
            new(StageRules.Participation, e + "participation", () => Node(ExperimentBodies.Myllypuro()), Shape(
                ("periodStart", Date), ("periodEnd", Date), ("way", Choice), ("channel", Choice), ("byKind", Counts), ("byAgeBand", Counts))),
            new(StageRules.Sessions, e + "sessions", () => Node(ExperimentBodies.ExperienceExpertClinic()), Shape(
                ("kind", Choice), ("date", Date), ("theme", Text(500)), ("attendeesByKind", Counts), ("insights", List(Text(2000), 0, 50)))),
            new(StageRules.Measurements, e + "measurements", () => Node(new { metric = ExperimentScenarios.Criterion, value = 31, at = "2026-08-01" }),
                Shape(("metric", Choice), ("value", Number(true)), ("at", Date))),
            new(StageRules.Feedback, e + "feedback", () => Node(new { channel = "chat", score = 4, themes = new[] { "aukioloajat" } }),
                Shape(("channel", Text(100)), ("score", Score), ("themes", List(Text(200), 0, 20)))),
            new(StageRules.SuccessFactors, e + "success-factors", () => Node(new
            {
                individual = new { competence = 4, commitment = 3 },
                organisation = new { leadership = 3, trustAndCollaboration = 4, flexibleWork = 2, processEmbedding = 3, resourcing = 2 },
            }), Shape(
                ("individual", Object(true, ("competence", Score), ("commitment", Score))),
                ("organisation", Object(true, ("leadership", Score), ("trustAndCollaboration", Score), ("flexibleWork", Score),
                    ("processEmbedding", Score), ("resourcing", Score))))),
            new(StageRules.EndPilot, e + "pilot/end", () => Node(new { ended = "2026-08-31" }), Shape(("ended", Date))),
            new(StageRules.Evaluation, e + "evaluation", () => Node(ExperimentBodies.Evaluation("adopt")), Shape(
                ("criteria", List(Object(true, ("metric", Choice), ("met", Bool), ("note", OptionalText(2000))), 1, 30)),
                ("verdict", Choice), ("lessons", Text(8000)))),
            new(StageRules.Hold, e + "hold", () => Node(new { reason = "Henkilöstöpula: chat-vuorojen resursointi puuttuu" }),
                Shape(("reason", Text(2000)), ("reviewOn", OptionalDate))),
            new(StageRules.Resume, e + "resume", () => new JsonObject(), Shape()),
            new(StageRules.Adopt, e + "adopt", () => Node(ExperimentBodies.Adoption()), Shape(
                ("scope", Choice), ("processes", List(Text(300), 1, 50)),
                ("operatingModel", Object(true, ("title", Text(300)), ("link", Link))), ("rationale", Text(4000)))),
            new(StageRules.AdoptionScope, e + "adoption-scope", () => Node(new { scope = "County", rationale = "Malli laajenee koko hyvinvointialueelle." }),
                Shape(("scope", Choice), ("rationale", Text(4000)))),
            new(StageRules.Discontinue, e + "discontinue", () => Node(ExperimentBodies.Discontinuation()),
                Shape(("reason", Text(2000)), ("lessons", Text(8000)))),
        ];
    }
}
