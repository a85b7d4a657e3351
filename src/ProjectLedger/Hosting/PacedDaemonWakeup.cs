using JasperFx.Events.Daemon.HighWater;
using Marten;
using Npgsql;

namespace ProjectLedger.Hosting;

/// <summary>
/// Wakes the projection daemon's high-water agent on the NOTIFY every append sends (as Marten's own
/// UseListenNotifyForEventAppends does), but at most once per MinInterval. Marten's wake-up ran the
/// high-water query and a projection batch for nearly every command under load (about 3 statements
/// and a gap scan per event); paced, one batch takes in every event of the interval, while a single
/// change on a quiet system still wakes the daemon at once.
/// </summary>
public sealed class PacedDaemonWakeup(NpgsqlDataSource dataSource, ILogger logger) : IDaemonWakeup
{
    public const string Channel = "mt_events_appended";
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private NpgsqlConnection? _connection;
    private long _lastWake;
    private int _pending;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await Listen(token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never throw to the high-water agent (Marten #4961: a throw stopped its loop for good); poll instead.
            logger.LogWarning("Projection daemon wake-up cannot LISTEN ({Message}); polling every {Timeout}", e.Message, timeout);
            await Task.Delay(timeout, token);
            return;
        }

        var sinceLast = TimeProvider.System.GetElapsedTime(Interlocked.Read(ref _lastWake));
        if (sinceLast < MinInterval) await Task.Delay(MinInterval - sinceLast, token);
        if (Interlocked.Exchange(ref _pending, 0) == 0)
        {
            var left = timeout - TimeProvider.System.GetElapsedTime(started);
            if (left > TimeSpan.Zero) await _signal.WaitAsync(left, token);
            Interlocked.Exchange(ref _pending, 0);
        }
        _signal.Wait(0);
        Interlocked.Exchange(ref _lastWake, TimeProvider.System.GetTimestamp());
    }

    private async Task Listen(CancellationToken token)
    {
        if (_connection is not null) return;
        await _connecting.WaitAsync(token);
        try
        {
            if (_connection is not null) return;
            var connection = await dataSource.OpenConnectionAsync(token);
            connection.Notification += (_, _) => Notified();
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(token);
            _connection = connection;
            _ = Task.Run(() => Receive(connection, _lifetime.Token));
        }
        finally
        {
            _connecting.Release();
        }
    }

    private void Notified()
    {
        Interlocked.Exchange(ref _pending, 1);
        try { _signal.Release(); }
        catch (SemaphoreFullException) { }
    }

    private async Task Receive(NpgsqlConnection connection, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested) await connection.WaitAsync(stop);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Projection daemon wake-up lost its LISTEN connection: {Message}", e.Message);
        }
        catch (OperationCanceledException) { }
        _connection = null;
        // Wake the agent so its next wait listens again on a new connection.
        Notified();
        await connection.DisposeAsync();
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _connection?.Dispose();
    }
}

/// <summary>The NOTIFY that wakes PacedDaemonWakeup, queued with every unit of work that appends events (delivered on commit).</summary>
public sealed class AppendNotice : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (session.PendingChanges.Streams().Any()) session.QueueSqlCommand($"notify {PacedDaemonWakeup.Channel}");
        return Task.CompletedTask;
    }
}
