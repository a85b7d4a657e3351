using JasperFx.Events;
using ProjectLedger.Experiments;
using ProjectLedger.Security;
using ProjectLedger.Streams;

namespace ProjectLedger.Demo;

/// <summary>
/// One demo experiment's stream, built the way the endpoints build it: every step is a command whose
/// pure Decide runs against the state folded so far, so the demo data obeys the domain's rules. Each
/// step is one "request": its events share a correlation id, carry who/role/reason headers, and get
/// backdated timestamps that strictly increase within the stream and never reach "now".
/// </summary>
public sealed class DemoStream
{
    private readonly List<IEvent> _events = [];
    private readonly DemoClock _clock;
    private readonly Func<string> _correlationId;

    public DemoStream(Guid id, LedgerUser user, DemoClock clock, Func<string> correlationId)
    {
        Id = id;
        User = user;
        _clock = clock;
        _correlationId = correlationId;
    }

    public Guid Id { get; }
    public LedgerUser User { get; }
    public Experiment? State { get; private set; }
    public IReadOnlyList<IEvent> Events => _events;
    public DateTimeOffset Last => _events.Count == 0 ? DateTimeOffset.MinValue : _events[^1].Timestamp;

    public Experiment Current => State ?? throw new InvalidOperationException($"Demo stream {Id} has not been proposed yet.");

    /// <summary>Whether a step at this moment still lies in the past.</summary>
    public bool Fits(DateTimeOffset at) => _clock.Clamp(at, Last) < _clock.Now;

    public DemoStream Propose(ProposeExperiment command, Projects.Project? project, DateTimeOffset at) =>
        Record(Checked(command).Decide(project, User), at, command.Reason, "propose");

    /// <summary>Validates, then decides on the current state, as the write path does.</summary>
    public DemoStream Run(DateTimeOffset at, Func<Experiment, IStreamCommand<Experiment>> command, string? reason = null) =>
        Record(Checked(command(Current)).Decide(Current, User), at, reason, "command");

    /// <summary>Demo commands are valid by construction; one that is not is a bug in the demo, said at once.</summary>
    public static T Checked<T>(T command) where T : IWriteCommand =>
        command.Validate() is { } invalid
            ? throw new InvalidOperationException($"Demo command {typeof(T).Name} is not valid: " +
                string.Join("; ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
            : command;

    /// <summary>Proposed as an adaptation of the origin's adopted model, as POST /api/experiments/{origin}/adaptations decides it.</summary>
    public DemoStream Adapt(Experiment origin, ProposeExperiment command, Projects.Project? project, DateTimeOffset at) =>
        Record(Checked(new OperatingModels.AdaptOperatingModel(origin.Id, command)).Decide(new OperatingModels.AdaptationContext(origin, project), User), at, command.Reason, "adapt");

    private DemoStream Record(Decision decision, DateTimeOffset at, string? reason, string what)
    {
        if (decision.Rejection is { } rejection)
            throw new InvalidOperationException($"The demo data broke a domain rule on {what} in stream {Id} ({State?.Title}): {rejection}");
        var time = _clock.Clamp(at, Last);
        if (time >= _clock.Now)
            throw new InvalidOperationException($"The demo data would append in the future ({time:O}) to stream {Id} ({State?.Title}).");

        var correlation = _correlationId();
        foreach (var data in decision.Events)
        {
            var e = Envelope(data, Id, _events.Count + 1, time, correlation, User, reason);
            _events.Add(e);
            State = Experiment.Evolve(State, Id, data, e.Version, time);
            time = time.AddMilliseconds(1);
        }
        return this;
    }

    /// <summary>One event as the write path stores it: its stream, version and time, the request's correlation id and who/role/reason headers.</summary>
    public static IEvent Envelope(object data, Guid stream, long version, DateTimeOffset at, string correlation, LedgerUser user, string? reason)
    {
        var e = Wrap(data);
        e.StreamId = stream;
        e.Version = version;
        e.Timestamp = at;
        e.CorrelationId = correlation;
        e.UserName = user.Id;
        e.WithHeader(RequestMetadata.UserIdHeader, user.Id).WithHeader(RequestMetadata.RoleHeader, user.Role);
        if (!string.IsNullOrWhiteSpace(reason)) e.WithHeader(RequestMetadata.ReasonHeader, reason.Trim());
        return e;
    }

    /// <summary>Data.AsEvent() on an object would wrap it as Event&lt;object&gt;; the envelope must carry the event's own type.</summary>
    public static IEvent Wrap(object data) =>
        (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
}

/// <summary>"Now" for the load, the two-year window, and the rule that keeps a stream's times strictly increasing.</summary>
public sealed class DemoClock(DateTimeOffset now)
{
    /// <summary>Whole seconds, so the snapshot's times and PostgreSQL's microseconds agree exactly.</summary>
    public DateTimeOffset Now { get; } = new(now.UtcDateTime.Ticks - now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public DateTimeOffset Start => Now.AddDays(-730);

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static DateOnly DateOf(DateTimeOffset t) => DateOnly.FromDateTime(t.UtcDateTime);

    /// <summary>A working-hours moment on that date (UTC 06–14, i.e. office hours in Finland).</summary>
    public static DateTimeOffset OfficeHours(DateOnly date, Random random) =>
        new(date.ToDateTime(new TimeOnly(6 + random.Next(8), random.Next(60), random.Next(60))), TimeSpan.Zero);

    public DateTimeOffset Clamp(DateTimeOffset at, DateTimeOffset last)
    {
        var t = new DateTimeOffset(at.UtcDateTime.Ticks - at.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var afterLast = new DateTimeOffset(last.UtcDateTime.Ticks - last.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(1);
        return t <= last ? afterLast : t;
    }
}
