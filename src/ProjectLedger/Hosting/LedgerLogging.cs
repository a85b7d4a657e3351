using ProjectLedger.Streams;

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
        // Wolverine's JSON body reader logs every request body that is not valid JSON for its command
        // as an Error with a stack trace, under the command type's own category (ILogger<TCommand>);
        // the client gets its 400. A client sending malformed bodies would flood the logs (the fuzz
        // test: 8 MB for 4 000 requests). Only those categories are silenced, not the namespaces:
        // anything else the Experiments or Projects features log is kept.
        foreach (var command in typeof(IWriteCommand).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IWriteCommand).IsAssignableFrom(t)))
            builder.Logging.AddFilter(command.FullName, LogLevel.None);
        return builder;
    }
}
