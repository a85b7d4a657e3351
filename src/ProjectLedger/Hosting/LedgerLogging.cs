namespace ProjectLedger.Hosting;

public static class LedgerLogging
{
    /// <summary>Structured JSON logs unless LEDGER_LOG_FORMAT=text (handy at a terminal).</summary>
    public static WebApplicationBuilder AddLedgerLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Configuration["LEDGER_LOG_FORMAT"] == "text")
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        else
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        // Wolverine logs every request body that is not valid JSON for its command as an Error with a
        // stack trace, under the command type's category (ILogger<TCommand>); the client gets its 400.
        // A client sending malformed bodies would flood the logs (the fuzz test: 8 MB for 4 000
        // requests). Nothing else logs under the command namespaces.
        builder.Logging.AddFilter("ProjectLedger.Experiments", LogLevel.None);
        builder.Logging.AddFilter("ProjectLedger.Projects", LogLevel.None);
        return builder;
    }
}
