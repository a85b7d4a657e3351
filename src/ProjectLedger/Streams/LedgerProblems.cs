namespace ProjectLedger.Streams;

/// <summary>The one place where rejections become RFC 9457 problem details.</summary>
public static class LedgerProblems
{
    public static IResult ToResult(Rejection rejection) => rejection switch
    {
        Invalid invalid => Results.ValidationProblem(
            invalid.Errors.ToDictionary(e => e.Key, e => e.Value),
            title: "The request is not valid",
            detail: "Some fields are missing or not acceptable: " + string.Join(", ", invalid.Errors.Keys) + "."),
        WrongStage wrong => Results.Problem(
            statusCode: 409,
            title: "Not allowed in the current stage",
            detail: $"'{wrong.Command}' is not allowed while the experiment is in stage {wrong.CurrentStage}. " +
                    (wrong.AllowedCommands.Count == 0
                        ? "No commands change it any more."
                        : $"Allowed now: {string.Join(", ", wrong.AllowedCommands)}."),
            extensions: new Dictionary<string, object?>
            {
                ["currentStage"] = wrong.CurrentStage,
                ["allowedCommands"] = wrong.AllowedCommands,
            }),
        RuleBroken rule => Results.Problem(statusCode: 409, title: rule.Title, detail: rule.Detail),
        Forbidden forbidden => Results.Problem(statusCode: 403, title: "Forbidden", detail: forbidden.Detail),
        NotFound notFound => Results.Problem(statusCode: 404, title: "Not found", detail: notFound.Detail),
        StaleVersion stale => Results.Problem(
            statusCode: 409,
            title: "Version conflict",
            detail: stale.ExpectedVersion is { } expected
                ? $"Expected version {expected}, but the stream is at version {stale.CurrentVersion}. Reload and try again."
                : $"Another change was saved at the same time; the stream is now at version {stale.CurrentVersion}. Reload and try again.",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = stale.CurrentVersion }),
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, "Unknown rejection"),
    };

    public static IResult MissingBody() => ToResult(Invalid.Field("body", "A JSON body is required."));
}
