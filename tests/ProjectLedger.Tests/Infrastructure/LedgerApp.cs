using Alba;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ProjectLedger.Audit.Log;
using ProjectLedger.Security;

namespace ProjectLedger.Tests.Infrastructure;

/// <summary>
/// One ProjectLedger host for the whole test collection, on the real PostgreSQL, in a schema of its
/// own made for this run (so the projection daemon never sees another run's progress).
/// </summary>
public sealed class LedgerApp : IAsyncLifetime
{
    private static readonly SemaphoreSlim HostCreation = new(1, 1);

    public IAlbaHost Host { get; private set; } = null!;
    public string Schema { get; } = "t_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A host of its own (started with other settings) seen through the same helpers; the caller disposes the host.</summary>
    public static LedgerApp For(IAlbaHost host) => new() { Host = host };

    public async Task InitializeAsync()
    {
        Host = await Start(Schema, new Dictionary<string, string?>());
    }

    /// <summary>Starts a host; settings go through environment variables read at WebApplication.CreateBuilder.</summary>
    public static async Task<IAlbaHost> Start(string schema, IReadOnlyDictionary<string, string?> extra)
    {
        JasperFxEnvironment.AutoStartHost = true;
        var settings = new Dictionary<string, string?>
        {
            ["LEDGER_DB"] = TestDatabase.ConnectionString,
            ["LEDGER_SCHEMA"] = schema,
            ["LEDGER_DEMO"] = "1",
            ["LEDGER_APPLY_SCHEMA"] = "1",
            ["LEDGER_LOG_FORMAT"] = "text",
            // One test user writes far faster than a person; the limit has tests of its own.
            ["LEDGER_RATE_LIMIT"] = "off",
            // Dated dashboard snapshots are built by the tests that need them, when they need them.
            ["LEDGER_SNAPSHOTS"] = "off",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        if (settings["LEDGER_DEMO"] is null && !settings.ContainsKey("LEDGER_LOG_ORIGIN"))
        {
            // Outside demo mode the transparency log needs its own name, key and checkpoint folder.
            settings["LEDGER_LOG_ORIGIN"] = "test.projectledger/events";
            settings["LEDGER_LOG_KEY"] = SigningKey.Format("test.projectledger/events", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            settings["LEDGER_CHECKPOINT_DIR"] = Directory.CreateTempSubdirectory("ledger-test-checkpoints-").FullName;
        }

        await HostCreation.WaitAsync();
        var previous = settings.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (key, value) in settings) Environment.SetEnvironmentVariable(key, value);
            return await AlbaHost.For<Program>(_ => { });
        }
        finally
        {
            foreach (var (key, value) in previous) Environment.SetEnvironmentVariable(key, value);
            HostCreation.Release();
        }
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
    }

    public string Token(string role, string county, string user = "test-user") =>
        Host.Services.GetRequiredService<TokenIssuer>().Issue(user, role, county);

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task<long> EventCount()
    {
        await using var connection = await Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {Schema}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<IReadOnlyList<JasperFx.Events.IEvent>> StreamEvents(Guid id)
    {
        await using var session = Store.QuerySession();
        return await session.Events.FetchStreamAsync(id);
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerApp>
{
    public const string Name = "ledger";
}
