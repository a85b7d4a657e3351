using ProjectLedger.Experiments;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>
/// Given events → when a command → then events or a rejection: the decisions on states folded by
/// Experiment.Evolve itself, with no host, no database and no Marten event wrappers.
/// </summary>
public static class ExperimentSpec
{
    public static readonly DateTimeOffset Day1 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The state after these events, one a day from Day1, versions from 1.</summary>
    public static Experiment Given(params object[] events)
    {
        var id = Guid.NewGuid();
        Experiment? state = null;
        for (var i = 0; i < events.Length; i++) state = Experiment.Evolve(state, id, events[i], i + 1, Day1.AddDays(i));
        return state.ShouldNotBeNull();
    }

    /// <summary>As the write path does it: the input first, then the decision on the state.</summary>
    public static Decision When(this Experiment state, IStreamCommand<Experiment> command, LedgerUser user) =>
        command.Validate() is { } invalid ? invalid : command.Decide(state, user);

    public static void Then(this Decision decision, params object[] events)
    {
        decision.Rejection.ShouldBeNull();
        decision.Events.ShouldBe(events);
    }

    public static T ThenRejected<T>(this Decision decision) where T : Rejection
    {
        decision.Events.ShouldBeEmpty();
        return decision.Rejection.ShouldBeOfType<T>();
    }
}
