using JasperFx;
using JasperFx.Events;
using Marten;
using ProjectLedger.Security;

namespace ProjectLedger.Streams;

/// <summary>
/// The write path every command shares. In this order, so each answer costs only what it needs:
/// 400 for the input alone (Validate, before anything is read), 404 and 403 for the stream (the
/// county is authorised before anything else of the stream is looked at), then the decision on the
/// state (Decide: 409, or a 400 that needs the state), then the append with the version decided on.
/// Any rejection, including a lost race with another writer, stores nothing and answers problem details.
/// </summary>
public static class StreamWrite
{
    /// <summary>A new stream in the command's county, answered 201 at location(its id).</summary>
    public static async Task<IResult> Start<TState, TContext>(
        IDocumentSession session, HttpContext http, IStartCommand<TContext>? command, Func<Guid, string> location)
        where TState : class
    {
        if (command is null) return LedgerProblems.MissingBody();
        if ((Envelope(command) ?? command.Validate()) is { } invalid) return LedgerProblems.ToResult(invalid);
        var user = LedgerUser.From(http.User);
        if (Refusals.Write(user, command.County) is { } refused) return LedgerProblems.ToResult(refused);
        // A new stream is at version 0: any other expectation is stale.
        if (command.ExpectedVersion is > 0 and var expectedNew) return LedgerProblems.ToResult(new StaleVersion(expectedNew, 0));

        var decision = command.Decide(await command.Context(session, http.RequestAborted), user);
        if (decision.Rejection is { } rejection) return LedgerProblems.ToResult(rejection);

        var id = Guid.CreateVersion7();
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
        return Results.Created(location(id), new WriteResult(id, decision.Events.Count));
    }

    public static async Task<IResult> Append<TState>(IDocumentSession session, HttpContext http, Guid id, IStreamCommand<TState>? command)
        where TState : class, ICountyScoped
    {
        if (command is null) return LedgerProblems.MissingBody();
        if ((Envelope(command) ?? command.Validate()) is { } invalid) return LedgerProblems.ToResult(invalid);
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
            if (Refusals.Write(user, current.County) is { } refusedStale) return LedgerProblems.ToResult(refusedStale);
            return LedgerProblems.ToResult(new StaleVersion(command.ExpectedVersion, await CurrentVersion(session, id, ct)));
        }

        if (stream.Aggregate is not { } state) return LedgerProblems.ToResult(Missing<TState>(id));
        if (Refusals.Write(user, state.County) is { } refused) return LedgerProblems.ToResult(refused);

        var decision = command.Decide(state, user);
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
        return errors.OrNull();
    }

    public const int MaxReasonLength = 2000;

    private static async Task<long> CurrentVersion(IDocumentSession session, Guid id, CancellationToken ct)
    {
        var state = await session.Events.FetchStreamStateAsync(id, ct);
        return state?.Version ?? 0;
    }

    private static NotFound Missing<TState>(Guid id) => new($"There is no {typeof(TState).Name.ToLowerInvariant()} {id}.");
}
