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
        return builder;
    }
}
