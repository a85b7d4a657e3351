namespace ProjectLedger.Streams;

/// <summary>What every write body may carry besides its own fields (../shared/api.md).</summary>
public interface IWriteCommand
{
    /// <summary>The stream version the writer last saw; a stale one gets 409 and stores nothing.</summary>
    long? ExpectedVersion { get; }

    /// <summary>Why the change was made; stored in the event's metadata.</summary>
    string? Reason { get; }
}

/// <summary>A stream's state that belongs to one county (authorisation is decided on it).</summary>
public interface ICountyScoped
{
    string County { get; }
}

/// <summary>What every write answers: the stream and its version after the write.</summary>
public sealed record WriteResult(Guid Id, long Version);
