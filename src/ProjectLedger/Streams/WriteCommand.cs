using Marten;
using ProjectLedger.Security;

namespace ProjectLedger.Streams;

/// <summary>What every write body may carry besides its own fields (../shared/api.md).</summary>
public interface IWriteCommand
{
    /// <summary>The stream version the writer last saw; a stale one gets 409 and stores nothing.</summary>
    long? ExpectedVersion { get; }

    /// <summary>Why the change was made; stored in the event's metadata.</summary>
    string? Reason { get; }

    /// <summary>400 on the input alone, before anything is read; null when the input is acceptable.</summary>
    Invalid? Validate();
}

/// <summary>A command on an existing stream: validated, then decided on the stream's state (StreamWrite.Append).</summary>
public interface IStreamCommand<in TState> : IWriteCommand
{
    Decision Decide(TState state, LedgerUser user);
}

/// <summary>
/// A command that starts a stream in a county (StreamWrite.Start): validated, authorised on its
/// county, then decided on what it needs besides its input (its context, e.g. the project it joins).
/// </summary>
public interface IStartCommand<TContext> : IWriteCommand
{
    /// <summary>Where the new stream belongs; only read after Validate accepted it.</summary>
    string County { get; }

    /// <summary>What the decision needs besides the input; read only after the caller is authorised on County.</summary>
    Task<TContext> Context(IQuerySession session, CancellationToken ct);

    Decision Decide(TContext context, LedgerUser user);
}

/// <summary>The context of a start command that needs nothing but its input.</summary>
public sealed record NoContext
{
    public static readonly NoContext Value = new();
}

/// <summary>A stream's state that belongs to one county (authorisation is decided on it).</summary>
public interface ICountyScoped
{
    string County { get; }
}

/// <summary>What every write answers: the stream and its version after the write.</summary>
public sealed record WriteResult(Guid Id, long Version);
