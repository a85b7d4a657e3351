using System.Diagnostics;
using JasperFx.Events;
using Marten;
using ProjectLedger.Counties;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using ProjectLedger.Security;
using ProjectLedger.Streams;

namespace ProjectLedger.Demo;

public sealed record DemoSummary(
    bool AlreadyLoaded, int Projects, int Experiments, int Events,
    IReadOnlyDictionary<Stage, int> PerStage, IReadOnlyDictionary<string, int> PerCounty, TimeSpan Elapsed);

/// <summary>
/// Demo data that makes the product meaningful on first run: projects in all 22 counties and a few
/// hundred experiments over the past two years, at every stage, with the real stories of the seed
/// articles among them. Deterministic for a seed (ids and content; times are relative to now).
/// Written straight to Marten, but every event comes from the domain's own decisions.
/// </summary>
public static class DemoData
{
    private const int Batch = 50;

    public static async Task<DemoSummary> LoadAsync(IDocumentStore store, int seed, int experiments, CancellationToken ct,
        IProgress<int>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var demo = new DemoBuilder(seed, DateTimeOffset.UtcNow);
        await using (var query = store.QuerySession())
        {
            if (await query.Events.FetchStreamStateAsync(demo.MarkerId, ct) is not null)
                return new DemoSummary(true, 0, 0, 0, new Dictionary<Stage, int>(), new Dictionary<string, int>(), clock.Elapsed);
        }

        demo.Build(experiments);

        // The projects (with the marker) go first and alone: a second, concurrent load fails here, whole.
        await using (var session = store.LightweightSession())
        {
            foreach (var (id, events) in demo.ProjectStreams) session.Events.StartStream<Project>(id, events);
            await session.SaveChangesAsync(ct);
        }
        var stored = 0;
        foreach (var chunk in demo.Experiments.Chunk(Batch))
        {
            await using var session = store.LightweightSession();
            foreach (var stream in chunk) session.Events.StartStream<Experiment>(stream.Id, stream.Events);
            await session.SaveChangesAsync(ct);
            progress?.Report(stored += chunk.Length);
        }

        return new DemoSummary(false, demo.ProjectStreams.Count, demo.Experiments.Count,
            demo.ProjectStreams.Sum(p => p.Events.Count) + demo.Experiments.Sum(e => e.Events.Count),
            Enum.GetValues<Stage>().ToDictionary(s => s, s => demo.Experiments.Count(e => e.Current.Stage == s)),
            demo.Experiments.GroupBy(e => e.Current.County).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            clock.Elapsed);
    }
}

/// <summary>How a demo experiment's pilot turns out: what its measurements and success factors show.</summary>
public enum DemoOutcome { Success, Partial, Failure }

/// <summary>Builds the demo's streams in memory; the stories (DemoStories) use its steps too.</summary>
public sealed class DemoBuilder
{
    private readonly Random _ids;
    private int _requests;

    public DemoBuilder(int seed, DateTimeOffset now)
    {
        Seed = seed;
        _ids = new Random(seed);
        R = new Random(unchecked(seed * 7919 + 17));
        Clock = new DemoClock(now);
        MarkerId = NextGuid();
    }

    public int Seed { get; }
    public Random R { get; }
    public DemoClock Clock { get; }

    /// <summary>The first project's id: its stream existing means this seed's demo is loaded.</summary>
    public Guid MarkerId { get; }

    public List<(Guid Id, List<IEvent> Events)> ProjectStreams { get; } = [];
    public Dictionary<string, List<Project>> Projects { get; } = [];
    public List<DemoStream> Experiments { get; } = [];

    public DateTimeOffset EarliestExperiment => Clock.Start.AddDays(40);

    public Guid NextGuid()
    {
        var bytes = new byte[16];
        _ids.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public string NextCorrelation() => $"demo-{Seed}-{++_requests:D6}";

    public static LedgerUser User(string county, int n = 1) => new($"demo-{county}-projektitoimisto-{n}", Roles.ProjectOffice, county);

    public void Build(int experiments)
    {
        DemoProjects.Register(this);
        var stories = DemoStories.Add(this);
        AddFunnel(Math.Max(0, experiments - stories));
    }

    // ---- Projects -------------------------------------------------------------------------------

    public Project RegisterProject(Guid id, RegisterProject command, DateTimeOffset at)
    {
        var user = User(command.County);
        var decision = DemoStream.Checked(command).Decide(NoContext.Value, user);
        if (decision.Rejection is { } rejection) throw new InvalidOperationException($"Demo project {command.Name} broke a rule: {rejection}");
        var projection = new ProjectProjection();
        Project? state = null;
        var events = new List<IEvent>();
        var correlation = NextCorrelation();
        foreach (var data in decision.Events)
        {
            var e = DemoStream.Envelope(data, id, events.Count + 1, Clock.Clamp(at, DateTimeOffset.MinValue).AddMilliseconds(events.Count),
                correlation, user, command.Reason);
            events.Add(e);
            state = projection.Evolve(state, id, e);
        }
        ProjectStreams.Add((id, events));
        if (!Projects.TryGetValue(command.County, out var list)) Projects[command.County] = list = [];
        list.Add(state!);
        return state!;
    }

    // ---- Steps shared by the funnel and the stories ---------------------------------------------

    public DemoStream Propose(string county, string title, string problem, IReadOnlyList<string> themes, Project? project, string? workstream,
        DateTimeOffset at, string? role = null, int user = 1)
    {
        var stream = new DemoStream(NextGuid(), User(county, user), Clock, NextCorrelation);
        stream.Propose(new ProposeExperiment(title, problem, county, project?.Id, workstream, themes.ToList(),
            role ?? Pick(DemoVocabulary.ProposerRoles), Reason: "Uusi kokeiluidea kirjattu"), project, at);
        Experiments.Add(stream);
        return stream;
    }

    public DemoStream Adapt(DemoStream origin, string county, string title, string problem, IReadOnlyList<string> themes, DateTimeOffset at,
        Project? project = null, string? workstream = null, string? role = null)
    {
        var stream = new DemoStream(NextGuid(), User(county), Clock, NextCorrelation);
        stream.Adapt(origin.Current, new ProposeExperiment(title, problem, county, project?.Id, workstream, themes.ToList(),
            role ?? Pick(DemoVocabulary.ProposerRoles), Reason: "Toisen alueen toimintamalli sovellettavaksi"), project, at);
        Experiments.Add(stream);
        return stream;
    }

    /// <summary>A story's stream by its title.</summary>
    public DemoStream Story(string title) => Experiments.First(e => e.Current.Title == title);

    public void Publish(DemoStream s, DateTimeOffset at, bool includeLessons, string rationale) =>
        s.Run(at, _ => new OperatingModels.PublishOperatingModel(includeLessons, rationale));

    public void Plan(DemoStream s, DateTimeOffset at, string hypothesis, string targetGroup, IReadOnlyList<SuccessCriterionInput> criteria,
        decimal hours, string? reason = null)
    {
        var project = s.Current.ProjectId is { } pid ? Projects[s.Current.County].First(p => p.Id == pid) : null;
        var goals = project?.Workstreams.FirstOrDefault(w => w.Name == s.Current.Workstream)?.Goals.Select(g => g.Indicator).ToList() ?? [];
        var served = goals.Count <= 1 ? goals : goals.OrderBy(_ => R.Next()).Take(1 + R.Next(goals.Count)).ToList();
        s.Run(at, state => new PlanExperiment(hypothesis, targetGroup, criteria.ToList(), served.ToList(), hours,
            Reason: reason), reason);
    }

    public void Join(DemoStream s, DateTimeOffset at, string organisation, string kind, params string[] roles) =>
        s.Run(at, state => new JoinStakeholder(organisation, kind, roles.ToList()));

    public void Launch(DemoStream s, DateTimeOffset at, IReadOnlyList<string> sites, DateOnly start, DateOnly plannedEnd, IReadOnlyList<string> channels,
        string? reason = null) =>
        s.Run(at, state => new LaunchPilot(sites.ToList(), start, plannedEnd, channels.ToList(), Reason: reason), reason);

    public void Participation(DemoStream s, DateTimeOffset at, DateOnly from, DateOnly to, string way, string channel,
        IReadOnlyDictionary<string, int> byKind, IReadOnlyDictionary<string, int> byAge, string? reason = null) =>
        s.Run(at, state => new RecordParticipation(from, to, way, channel, byKind, byAge, Reason: reason), reason);

    public void Session(DemoStream s, DateTimeOffset at, string kind, DateOnly date, string theme, IReadOnlyDictionary<string, int> attendees,
        IReadOnlyList<string> insights, string? reason = null) =>
        s.Run(at, state => new HoldCoDevelopmentSession(kind, date, theme, attendees, insights.ToList(), Reason: reason), reason);

    public void Measure(DemoStream s, DateTimeOffset at, string metric, decimal value, DateOnly on) =>
        s.Run(at, state => new RecordMeasurement(metric, value, on));

    public void Feedback(DemoStream s, DateTimeOffset at, string channel, int score, IReadOnlyList<string> themes) =>
        s.Run(at, state => new ReceiveFeedback(channel, score, themes.ToList()));

    public void Factors(DemoStream s, DateTimeOffset at, int competence, int commitment, int leadership, int trust, int flexible, int embedding, int resourcing,
        string? reason = null) =>
        s.Run(at, state => new AssessSuccessFactors(new IndividualFactorsInput(competence, commitment),
            new OrganisationFactorsInput(leadership, trust, flexible, embedding, resourcing), Reason: reason), reason);

    public void EndPilot(DemoStream s, DateTimeOffset at, DateOnly ended, string? reason = null) =>
        s.Run(at, state => new EndPilot(ended, Reason: reason), reason);

    /// <summary>Judges each criterion by its latest measurement, as an evaluator reading the snapshot would.</summary>
    public void Evaluate(DemoStream s, DateTimeOffset at, string verdict, string lessons, string? reason = null) =>
        s.Run(at, state => new CompleteEvaluation(
            state.Measurements.Select(m => new CriterionJudgementInput(m.Metric, m.OnTarget ?? false,
                m.Latest is { } v ? $"Viimeisin mittaus {v} {m.Unit} (tavoite {m.Target} {m.Unit})" : "Ei mitattu pilotin aikana")).ToList(),
            verdict, lessons, Reason: reason), reason);

    public void Adopt(DemoStream s, DateTimeOffset at, string scope, IReadOnlyList<string> processes, string modelTitle, string? link, string rationale) =>
        s.Run(at, state => new AdoptExperiment(scope, processes.ToList(), new OperatingModelInput(modelTitle, link), rationale), rationale);

    public void Widen(DemoStream s, DateTimeOffset at, string scope, string rationale) =>
        s.Run(at, state => new WidenAdoptionScope(scope, rationale), rationale);

    public void Discontinue(DemoStream s, DateTimeOffset at, string reason, string lessons) =>
        s.Run(at, state => new DiscontinueExperiment(reason, lessons), reason);

    public void Hold(DemoStream s, DateTimeOffset at, string reason) =>
        s.Run(at, state => new PutOnHold(reason), reason);

    public void Resume(DemoStream s, DateTimeOffset at, string reason) =>
        s.Run(at, state => new ResumeExperiment(Reason: reason), reason);

    // ---- Random helpers -------------------------------------------------------------------------

    public T Pick<T>(IReadOnlyList<T> items) => items[R.Next(items.Count)];

    public double Between(double min, double max) => min + R.NextDouble() * (max - min);

    public bool Chance(double p) => R.NextDouble() < p;

    public DateTimeOffset OfficeHours(DateOnly date) => DemoClock.OfficeHours(date, R);

    /// <summary>Splits a number of people over the age bands by weights (under18, 18to29, 30to64, 65plus).</summary>
    public Dictionary<string, int> AgeBands(int total, IReadOnlyList<int> weights)
    {
        var bands = Vocabulary.AgeBands.ToDictionary(b => b, _ => 0);
        var sum = weights.Sum();
        for (var i = 0; i < total; i++)
        {
            var roll = R.Next(sum);
            var band = 0;
            while (roll >= weights[band]) roll -= weights[band++];
            bands[Vocabulary.AgeBands[band]]++;
        }
        return bands;
    }

    /// <summary>
    /// Milestone times from the earliest to the anchor (gaps in days, earliest first), squeezed when
    /// the earliest would fall before the experiments' window opens.
    /// </summary>
    public DateTimeOffset[] Backward(DateTimeOffset anchor, params double[] gaps)
    {
        var total = gaps.Sum();
        var room = (anchor - EarliestExperiment).TotalDays;
        var scale = total > room ? Math.Max(0.05, room / total) : 1.0;
        var times = new DateTimeOffset[gaps.Length + 1];
        times[^1] = anchor;
        for (var i = gaps.Length - 1; i >= 0; i--) times[i] = times[i + 1].AddDays(-gaps[i] * scale);
        return times;
    }

    // ---- The funnel: a few hundred experiments across the counties ------------------------------

    private static readonly (Stage Stage, int Weight)[] Funnel =
        [(Stage.Idea, 24), (Stage.Planned, 16), (Stage.Piloting, 18), (Stage.Evaluating, 10), (Stage.Adopted, 14), (Stage.Discontinued, 12), (Stage.OnHold, 6)];

    private void AddFunnel(int count)
    {
        if (count == 0) return;
        var stages = new List<Stage>();
        foreach (var (stage, weight) in Funnel) stages.AddRange(Enumerable.Repeat(stage, Math.Max(1, (int)Math.Round(count * weight / 100.0))));
        while (stages.Count > count && stages.Count(s => s == Stage.Idea) > 1) stages.Remove(Stage.Idea);
        while (stages.Count < count) stages.Add(Stage.Idea);
        stages = stages.Take(count).OrderBy(_ => R.Next()).ToList();

        var counties = DemoVocabulary.Counties.OrderBy(_ => R.Next()).ToList();
        var weighted = DemoVocabulary.Counties.SelectMany(c => Enumerable.Repeat(c, c.Weight)).ToList();
        var pilots = 0;
        for (var i = 0; i < count; i++)
        {
            var county = i < counties.Count ? counties[i] : Pick(weighted);
            var stage = stages[i];
            var live = stage == Stage.Piloting && pilots++ % 10 < 7;
            new DemoFunnelExperiment(this, county, Pick(DemoVocabulary.Templates)).Run(stage, live);
        }
    }
}
