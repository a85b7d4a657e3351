using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

/// <summary>Aggregate counts only (never a person's data): how many took part, how, by kind and by age band.</summary>
public sealed record RecordParticipation(
    DateOnly? PeriodStart, DateOnly? PeriodEnd, string Way, string Channel,
    IReadOnlyDictionary<string, int> ByKind, IReadOnlyDictionary<string, int> ByAgeBand,
    long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate()
    {
        var errors = new Errors()
            .When(PeriodStart is null, "periodStart", "Required.")
            .When(PeriodEnd is null, "periodEnd", "Required.")
            .When(PeriodStart is { } s && PeriodEnd is { } e && e < s, "periodEnd", "The period ends after it starts.")
            .OneOf(Way, Vocabulary.Ways, "way")
            .OneOf(Channel, Vocabulary.Channels, "channel")
            .Counts(ByKind, Vocabulary.StakeholderKinds, "byKind")
            .Counts(ByAgeBand, Vocabulary.AgeBands, "byAgeBand");
        if (errors.Any) return errors.ToRejection();

        long byKind = ByKind.Values.Sum(v => (long)v), byAge = ByAgeBand.Values.Sum(v => (long)v);
        return errors.When(byKind != byAge, "byAgeBand", $"The counts by kind add up to {byKind} but the counts by age band to {byAge}; they must be equal.")
              .When(byKind == 0, "byKind", "Nobody took part: record participation when someone did.")
              .When(byKind > ExperimentValidation.MaxCount, "byKind", $"At most {ExperimentValidation.MaxCount} in one record.")
              .OrNull();
    }

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Participation) is { } wrong) return wrong;
        return Decision.Accept(new ParticipationRecorded(PeriodStart.GetValueOrDefault(), PeriodEnd.GetValueOrDefault(), Way, Channel,
            ExperimentValidation.NonZero(ByKind), ExperimentValidation.NonZero(ByAgeBand)));
    }
}

public static class RecordParticipationEndpoint
{
    [WolverinePost("/api/experiments/{id}/participation")]
    public static Task<IResult> Post(Guid id, RecordParticipation? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
