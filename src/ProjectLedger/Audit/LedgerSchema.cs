using Marten;
using Npgsql;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

/// <summary>
/// Applies Marten's schema, with the audit hash-chain trigger on mt_events among its extended
/// schema objects, before anything can append. Runs at start-up (first hosted service) and from commands.
/// </summary>
public sealed class LedgerSchema(IDocumentStore store, LedgerOptions ledger, ILogger<LedgerSchema> logger)
    : IHostedService
{
    /// <summary>Applies the schema when this node is to (LEDGER_APPLY_SCHEMA); otherwise refuses to start on a database that does not match.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (ledger.ApplySchema)
        {
            await EnsureAsync(ct);
            return;
        }
        try
        {
            await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new LedgerConfigurationException(
                $"the database schema {store.Options.Events.DatabaseSchemaName} does not match this version of ProjectLedger. Apply it on purpose with the db-apply command " +
                "(or start this node with LEDGER_APPLY_SCHEMA=1).", e);
        }
        logger.LogInformation("Ledger schema {Schema} matches this version", store.Options.Events.DatabaseSchemaName);
    }

    public async Task EnsureAsync(CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        logger.LogInformation("Ledger schema {Schema} ready with the audit hash chain", store.Options.Events.DatabaseSchemaName);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

public static class AuditSetup
{
    public static IServiceCollection AddLedgerAudit(this IServiceCollection services, LogOptions log)
    {
        services.AddSingleton(log);
        services.AddSingleton<TransparencyLog>();
        services.AddHostedService(sp => sp.GetRequiredService<TransparencyLog>());
        services.AddHealthChecks().AddCheck<TransparencyLog>("transparencyLog");
        services.AddSingleton<LedgerSchema>();
        services.AddSingleton<ChainVerifier>();
        services.AddSingleton<FullVerification>();
        services.AddSingleton<EventExport>();
        // Registered before Wolverine and the projection daemon so the trigger exists before any append.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<LedgerSchema>()));
        return services;
    }
}
