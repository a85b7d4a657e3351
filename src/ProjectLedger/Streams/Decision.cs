namespace ProjectLedger.Streams;

/// <summary>The outcome of a pure decision: the events to append, or why nothing is appended.</summary>
public readonly record struct Decision(IReadOnlyList<object> Events, Rejection? Rejection)
{
    public static Decision Accept(params object[] events) => new(events, null);

    public static implicit operator Decision(Rejection rejection) => new([], rejection);
}

/// <summary>A domain rejection is a value; LedgerProblems turns it into problem details in one place.</summary>
public abstract record Rejection;

/// <summary>400: the body is not acceptable; field → messages.</summary>
public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Rejection
{
    public static Invalid Field(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>409: the command does not fit the stream's current stage.</summary>
public sealed record WrongStage(string Command, string CurrentStage, IReadOnlyList<string> AllowedCommands) : Rejection;

/// <summary>409: a business rule of the current state forbids the command (e.g. adoption without an "adopt" verdict).</summary>
public sealed record RuleBroken(string Title, string Detail) : Rejection;

/// <summary>403: the caller may not do this here.</summary>
public sealed record Forbidden(string Detail) : Rejection;

/// <summary>404.</summary>
public sealed record NotFound(string Detail) : Rejection;

/// <summary>409: the stream moved on since the writer read it.</summary>
public sealed record StaleVersion(long? ExpectedVersion, long CurrentVersion) : Rejection;

/// <summary>Collects field errors in a validation; empty means valid.</summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool Any => _errors.Count > 0;

    public Errors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Errors When(bool condition, string field, string message) => condition ? Add(field, message) : this;

    public Errors Required(string? value, string field, int maxLength = 2000)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "Required.");
        return MaxLength(value, field, maxLength);
    }

    /// <summary>Over-long text, and the NUL character (PostgreSQL's jsonb cannot store it), are refused.</summary>
    public Errors MaxLength(string? value, string field, int maxLength = 2000)
    {
        if (value is null) return this;
        if (value.Length > maxLength) return Add(field, $"At most {maxLength} characters.");
        return When(value.Contains('\0'), field, "Contains a NUL character (\\u0000), which cannot be stored.");
    }

    public Invalid ToRejection() => new(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    /// <summary>The 400 when anything was wrong; null when the input is acceptable (what Validate() answers).</summary>
    public Invalid? OrNull() => Any ? ToRejection() : null;
}
