using JasperFx;
using JasperFx.Events;
using Marten;
using ProjectLedger.Security;

namespace ProjectLedger.Streams;

/// <summary>
/// The write path every command shares: load the stream for writing (with the expected version),
/// authorise on its county, decide (a pure function), stamp metadata, append, save. Any rejection,
/// including a lost race with another writer, stores nothing and answers problem details.
/// </summary>
public static class StreamWrite
{
    public static async Task<IResult> Start<TState>(
        IDocumentSession session, HttpContext http, Guid id, string county, IWriteCommand command,
        Func<LedgerUser, Decision> decide, string location)
        where TState : class
    {
        if (Envelope(command) is { } invalid) return LedgerProblems.ToResult(invalid);
        var user = LedgerUser.From(http.User);
        if (Refusal(user, county) is { } refused) return LedgerProblems.ToResult(refused);
        // A new stream is at version 0: any other expectation is stale.
        if (command.ExpectedVersion is > 0 and var expectedNew) return LedgerProblems.ToResult(new StaleVersion(expectedNew, 0));

        var decision = decide(user);
        if (decision.Rejection is { } rejection) return LedgerProblems.ToResult(rejection);

        RequestMetadata.Stamp(session, http, user, command.Reason);
        session.Events.StartStream<TState>(id, decision.Events);
        try
        {
            await session.SaveChangesAsync(http.RequestAborted);
        }
        catch (ExistingStreamIdCollisionException)
        {
            return LedgerProblems.ToResult(new StaleVersion(0, await CurrentVersion(session, id, http.RequestAborted)));
        }
        return Results.Created(location, new WriteResult(id, decision.Events.Count));
    }

    public static async Task<IResult> Append<TState>(
        IDocumentSession session, HttpContext http, Guid id, IWriteCommand? command,
        Func<TState, LedgerUser, Decision> decide)
        where TState : class, ICountyScoped
    {
        if (command is null) return LedgerProblems.MissingBody();
        if (Envelope(command) is { } invalid) return LedgerProblems.ToResult(invalid);
        // Marten refuses the empty UUID as a stream id (ArgumentOutOfRangeException): no stream has it.
        if (id == Guid.Empty) return LedgerProblems.ToResult(Missing<TState>(id));
        var ct = http.RequestAborted;
        var user = LedgerUser.From(http.User);

        IEventStream<TState> stream;
        try
        {
            stream = command.ExpectedVersion is { } expected
                ? await session.Events.FetchForWriting<TState>(id, expected, ct)
                : await session.Events.FetchForWriting<TState>(id, ct);
        }
        catch (ConcurrencyException)
        {
            // A stale version is only news to someone allowed to write here: 404 and 403 come first.
            var current = await session.LoadAsync<TState>(id, ct);
            if (current is null) return LedgerProblems.ToResult(Missing<TState>(id));
            if (Refusal(user, current.County) is { } refusedStale) return LedgerProblems.ToResult(refusedStale);
            return LedgerProblems.ToResult(new StaleVersion(command.ExpectedVersion, await CurrentVersion(session, id, ct)));
        }

        if (stream.Aggregate is not { } state) return LedgerProblems.ToResult(Missing<TState>(id));
        if (Refusal(user, state.County) is { } refused) return LedgerProblems.ToResult(refused);

        var decision = decide(state, user);
        if (decision.Rejection is { } rejection) return LedgerProblems.ToResult(rejection);

        RequestMetadata.Stamp(session, http, user, command.Reason);
        stream.AppendMany(decision.Events);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            // Another writer appended between our read and our save: exactly one of them wins.
            return LedgerProblems.ToResult(new StaleVersion(command.ExpectedVersion, await CurrentVersion(session, id, ct)));
        }
        return Results.Ok(new WriteResult(id, (stream.StartingVersion ?? 0) + decision.Events.Count));
    }

    /// <summary>
    /// What every write body may carry besides its own fields: a version that can exist, and a reason
    /// that fits in the event's metadata (PostgreSQL's jsonb cannot store a NUL character).
    /// </summary>
    private static Invalid? Envelope(IWriteCommand command)
    {
        var errors = new Errors()
            .When(command.ExpectedVersion is < 0, "expectedVersion", "A stream version is never negative.")
            .MaxLength(command.Reason, "reason", MaxReasonLength);
        return errors.Any ? errors.ToRejection() : null;
    }

    public const int MaxReasonLength = 2000;

    private static async Task<long> CurrentVersion(IDocumentSession session, Guid id, CancellationToken ct)
    {
        var state = await session.Events.FetchStreamStateAsync(id, ct);
        return state?.Version ?? 0;
    }

    private static NotFound Missing<TState>(Guid id) => new($"There is no {typeof(TState).Name.ToLowerInvariant()} {id}.");

    /// <summary>Null when the user may write in the county; otherwise the 403 saying why not.</summary>
    private static Forbidden? Refusal(LedgerUser user, string county) => user.CanWrite(county) ? null : new Forbidden(user.Role switch
    {
        Roles.ProjectOffice => $"Your project office writes within {user.County}, not {county}.",
        "" => "Your token carries no role.",
        _ => $"The role {user.Role} reads but does not write.",
    });
}
