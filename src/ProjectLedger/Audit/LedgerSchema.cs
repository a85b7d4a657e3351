using Marten;
using Npgsql;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

/// <summary>
/// Applies Marten's schema and then the audit hash-chain trigger on mt_events, before anything
/// can append. Runs at start-up (first hosted service) and from `db-apply`-like commands.
/// </summary>
public sealed class LedgerSchema(IDocumentStore store, NpgsqlDataSource dataSource, LedgerOptions ledger, ILogger<LedgerSchema> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await EnsureAsync(ct);
    }

    public async Task EnsureAsync(CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var command = dataSource.CreateCommand(HashChain.TriggerSql(ledger.Schema));
        await command.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Ledger schema {Schema} ready with the audit hash chain", ledger.Schema);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

public static class AuditSetup
{
    public static IServiceCollection AddLedgerAudit(this IServiceCollection services)
    {
        services.AddSingleton<LedgerSchema>();
        services.AddSingleton<ChainVerifier>();
        services.AddSingleton<EventExport>();
        services.AddSingleton<DailyDigest>();
        // Registered before Wolverine and the projection daemon so the trigger exists before any append.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<LedgerSchema>()));
        return services;
    }
}
