using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProjectLedger.Bench;

/// <summary>
/// `startup`: a deploy as users meet it. The schema is prepared by a first process, which writes one
/// planned experiment and is stopped;
/// a second process is started and timed to its first 200, then every endpoint is called once (its
/// first call after the start, nothing warmed) and then again `rounds` times (warm). Reported per
/// endpoint: the first call, the warm median and their ratio (target: no first call above 10× warm).
/// </summary>
public sealed class StartupScenarios(BenchEnv env, Results results)
{
    private const string Schema = "bench_start";
    private AppProcess? _app;

    public async Task Run()
    {
        await using (var prepare = await AppProcess.Start(env, Schema))
        {
            // A deploy meets a ledger with data: one planned experiment, written by the node before it.
            using var writer = Tokens.Client(prepare.BaseUrl, 1, Tokens.Issue("bench-office", "projectOffice", "vantaa-kerava"));
            var proposed = await writer.PostAsJsonAsync("/api/experiments", new { title = "Etävastaanotto", problem = "Pitkät matkat.", county = "vantaa-kerava", themes = new[] { "etäpalvelut" }, proposedByRole = "ylilääkäri" });
            var id = (await proposed.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
            (await writer.PostAsJsonAsync($"/api/experiments/{id}/plan", new { hypothesis = "Etävastaanotto säästää matkoja", targetGroup = "Asiakkaat", successCriteria = new[] { new { metric = "Etäkäyntien osuus", baseline = 5, target = 20, unit = "%" } }, participationHours = 10 }))
                .EnsureSuccessStatusCode();
            Log.Say("schema prepared with one planned experiment; stopping the first process");
        }

        await using var app = await AppProcess.Start(env, Schema);
        _app = app;
        using var office = Tokens.Client(app.BaseUrl, 4, Tokens.Issue("bench-office", "projectOffice", "vantaa-kerava"));
        using var leadership = Tokens.Client(app.BaseUrl, 4, Tokens.Issue("bench-lead", "leadership", "*"));
        using var auditor = Tokens.Client(app.BaseUrl, 4, Tokens.Issue("bench-audit", "auditor", "*"));
        var clients = (office, leadership, auditor);

        var firstApi = Stopwatch.StartNew();
        var counties = await leadership.GetAsync("/api/counties");
        results.Bench("startup", "startup.process_to_health_200", app.HealthyAfter.TotalMilliseconds, "ms");
        results.Bench("startup", "startup.first_api_200_after_health", firstApi.Elapsed.TotalMilliseconds, "ms");
        if (!counties.IsSuccessStatusCode) results.Note($"startup: GET /api/counties answered {(int)counties.StatusCode}");

        var first = await Round(clients);
        var rounds = env.Quick ? 5 : 15;
        var warm = new Dictionary<string, List<double>>();
        for (var i = 0; i < rounds; i++)
            foreach (var (name, ms) in await Round(clients))
                (warm.TryGetValue(name, out var list) ? list : warm[name] = []).Add(ms);

        var worst = 0.0;
        foreach (var (name, ms) in first)
        {
            var median = Stats.Median(warm[name]);
            var ratio = ms / Math.Max(median, 0.5);
            worst = Math.Max(worst, ratio);
            results.Bench("startup", $"startup.first.{name}", ms, "ms");
            results.Bench("startup", $"startup.warm_median.{name}", median, "ms");
            results.Ratio($"startup.first_over_warm.{name}", ratio, "<= 10", $"first call {ms:0.0} ms, warm median {median:0.0} ms over {rounds} rounds");
        }
        results.Ratio("startup.first_over_warm.worst", worst, "<= 10", $"{first.Count} endpoints");
    }

    /// <summary>Every endpoint once, on streams of its own: an experiment's whole life, another discontinued, a project, the reads.</summary>
    private async Task<List<(string Name, double Ms)>> Round((HttpClient Office, HttpClient Leadership, HttpClient Auditor) c)
    {
        var timings = new List<(string, double)>();
        async Task<JsonNode?> Do(string name, HttpMethod method, string path, object? body, HttpClient client)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                // The body is serialized before the clock starts: the bench's own first use of each body
                // type (System.Text.Json building its contract) is not the app's first call.
                request.Content = JsonContent.Create(body);
                await request.Content.LoadIntoBufferAsync();
            }
            var clock = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            timings.Add((name, clock.Elapsed.TotalMilliseconds));
            if (!response.IsSuccessStatusCode) results.Note($"startup: {name} answered {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}");
            if ((int)response.StatusCode >= 500 && _app is { } app) File.WriteAllText(Path.Combine(env.OutDir, "startup-app-output.txt"), app.Output);
            return response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
        }
        Task<JsonNode?> Post(string name, string path, object body, HttpClient? client = null) => Do(name, HttpMethod.Post, path, body, client ?? c.Office);
        Task<JsonNode?> Get(string name, string path, HttpClient? client = null) => Do(name, HttpMethod.Get, path, null, client ?? c.Leadership);

        const string metric = "Sähköisen asioinnin osuus";
        object Proposal(string title) => new { title, problem = "Asiakkaat eivät löydä palvelua.", county = "vantaa-kerava", themes = new[] { "chat" }, proposedByRole = "palveluesihenkilö" };
        var id = (await Post("POST experiments", "/api/experiments", Proposal("Chat-neuvonta")))!["id"]!.GetValue<Guid>();
        var e = $"/api/experiments/{id}";
        await Post("POST plan", e + "/plan", new { hypothesis = "Chat vähentää jonoja", targetGroup = "Asiakkaat", successCriteria = new[] { new { metric, baseline = 12, target = 30, unit = "%" } }, participationHours = 40 });
        await Post("POST stakeholders", e + "/stakeholders", new { organisation = "Asukasyhdistys", kind = "ngo", roles = new[] { "designedFor" } });
        await Post("POST pilot", e + "/pilot", new { sites = new[] { "Tikkurila" }, start = "2026-03-01", plannedEnd = "2026-06-30", channels = new[] { "chat" } });
        await Post("POST participation", e + "/participation", new { periodStart = "2026-03-02", periodEnd = "2026-03-08", way = "development", channel = "digital", byKind = new Dictionary<string, int> { ["client"] = 3 }, byAgeBand = new Dictionary<string, int> { ["65plus"] = 3 } });
        await Post("POST sessions", e + "/sessions", new { kind = "workshop", date = "2026-03-04", theme = "Palvelupolku", attendeesByKind = new Dictionary<string, int> { ["client"] = 5 }, insights = Array.Empty<string>() });
        await Post("POST measurements", e + "/measurements", new { metric, value = 31, at = "2026-04-01" });
        await Post("POST feedback", e + "/feedback", new { channel = "chat", score = 4, themes = Array.Empty<string>() });
        await Post("POST success-factors", e + "/success-factors", new { individual = new { competence = 4, commitment = 4 }, organisation = new { leadership = 3, trustAndCollaboration = 4, flexibleWork = 3, processEmbedding = 2, resourcing = 3 } });
        await Post("POST hold", e + "/hold", new { reason = "Kesätauko" });
        await Post("POST resume", e + "/resume", new { reason = "Jatketaan" });
        await Post("POST pilot/end", e + "/pilot/end", new { ended = "2026-06-30" });
        await Post("POST evaluation", e + "/evaluation", new { criteria = new[] { new { metric, met = true } }, verdict = "adopt", lessons = "Toimii" });
        await Post("POST adopt", e + "/adopt", new { scope = "Unit", processes = new[] { "Neuvonta" }, operatingModel = new { title = "Chat-malli" }, rationale = "Tavoite saavutettiin" });
        await Post("POST adoption-scope", e + "/adoption-scope", new { scope = "County", rationale = "Laajennetaan" });
        await Post("POST publication", e + "/publication", new { includeLessons = false, rationale = "Jaettavaksi" });
        await Get("GET public/operating-models", "/api/public/operating-models");
        await Get("GET public/operating-models/feed", "/api/public/operating-models/feed");
        await Get("GET public/operating-models/{id}", $"/api/public/operating-models/{id}");
        await Post("POST adaptations", e + "/adaptations", Proposal("Chat-neuvonta, sovellettu"));
        await Get("GET experiments/{id}/spread", e + "/spread");
        await Post("POST publication/withdraw", e + "/publication/withdraw", new { rationale = "Päivitetään" });
        var other = (await Post("POST experiments (2nd)", "/api/experiments", Proposal("Toinen")))!["id"]!.GetValue<Guid>();
        await Post("POST discontinue", $"/api/experiments/{other}/discontinue", new { reason = "Ei resursseja", lessons = "Aloita pienemmin" });

        var project = (await Post("POST projects", "/api/projects", new { name = "Asukkaan asialla", county = "vantaa-kerava", programme = "Tulevaisuuden sote-keskus", workstreams = new[] { new { name = "Neuvonta", goals = Array.Empty<object>() } } }))!["id"]!.GetValue<Guid>();
        await Post("POST projects/{id}/goals", $"/api/projects/{project}/goals", new { workstream = "Neuvonta", indicator = "Sähköinen asiointi", baseline = 12, target = 30, unit = "%" });
        await Get("GET projects/{id}", $"/api/projects/{project}", c.Office);
        await Post("POST projects/{id}/close", $"/api/projects/{project}/close", new { summary = "Valmis" });

        await Get("GET counties", "/api/counties");
        await Get("GET projects", "/api/projects", c.Office);
        await Get("GET experiments", "/api/experiments?county=vantaa-kerava", c.Office);
        await Get("GET experiments/{id}", e, c.Office);
        await Get("GET experiments/{id}/history", e + "/history", c.Office);
        await Get("GET experiments/{id}/as-of", e + "/as-of?version=3", c.Office);
        await Get("GET dashboards/funnel", "/api/dashboards/funnel");
        await Get("GET dashboards/funnel?at", "/api/dashboards/funnel?at=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O")));
        await Get("GET dashboards/pilots", "/api/dashboards/pilots");
        await Get("GET dashboards/participation", "/api/dashboards/participation");
        await Get("GET dashboards/counties", "/api/dashboards/counties");
        await Get("GET dashboards/goals", "/api/dashboards/goals");
        await Get("GET dashboards/factors", "/api/dashboards/factors");
        await Get("GET audit/verify", $"/api/audit/verify?experimentId={id}", c.Auditor);
        await Get("GET audit/export", $"/api/audit/export?county=vantaa-kerava&from={DateTimeOffset.UtcNow.AddMinutes(-5):O}".Replace("+", "%2B"), c.Auditor);
        await Post("POST demo/login", "/api/demo/login", new { user = "bench", role = "leadership", county = "*" });
        return timings;
    }
}
